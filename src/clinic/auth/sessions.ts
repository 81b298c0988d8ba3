/**
 * Login sessions. The token is 32 random bytes handed out once; the database keeps only its
 * SHA-256, so a copy of the file cannot be used to resume anyone's session.
 */
import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { AuthError } from './auth-error.js';
import { isRole, type Actor, type Role } from './roles.js';

/** A session ends after 8 hours without use: one working day's shift, then log in again. */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
/** ...and 12 hours after login however busy, so a shared device cannot stay logged in. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;

export interface Session extends Actor {
  /** The bearer secret; shown once at login, never stored. */
  readonly token: string;
  readonly name: string;
  /** When the session ends if not used again: the earlier of the idle and absolute limits. */
  readonly expiresAt: Date;
}

interface SessionRow {
  user_id: string;
  expires_at: string;
  last_seen_at: string;
  name: string;
  role: string;
  disabled: number;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function effectiveExpiry(lastSeen: Date, absolute: Date): Date {
  return new Date(Math.min(lastSeen.getTime() + SESSION_IDLE_MS, absolute.getTime()));
}

/** Starts a session for a user whose PIN was just verified. */
export function openSession(
  db: Database.Database,
  user: { id: string; name: string; role: Role },
  now: Date,
): Session {
  const token = randomBytes(32).toString('base64url');
  const absolute = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
  db.prepare(
    `INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at)
     VALUES (?, ?, ?, ?, ?)`,
  ).run(hashToken(token), user.id, now.toISOString(), absolute.toISOString(), now.toISOString());

  return {
    token,
    userId: user.id,
    name: user.name,
    role: user.role,
    expiresAt: effectiveExpiry(now, absolute),
  };
}

const invalid = (): AuthError =>
  new AuthError('AUTH_SESSION_INVALID', 'session is not valid: log in again');

const expired = (at: Date): AuthError =>
  new AuthError('AUTH_SESSION_EXPIRED', `session expired at [${at.toISOString()}]: log in again`, {
    details: { expiredAt: at.toISOString() },
  });

/**
 * Returns the live session for a token and marks it used at `now`. A session ends exactly at
 * its limit: at 8 h idle (or 12 h from login) it is already expired.
 */
export function resumeSession(db: Database.Database, token: string, now = new Date()): Session {
  if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(token)) throw invalid();
  const tokenHash = hashToken(token);
  const row = db
    .prepare(
      `SELECT s.user_id, s.expires_at, s.last_seen_at, u.name, u.role, u.disabled
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`,
    )
    .get(tokenHash) as SessionRow | undefined;
  if (row === undefined || row.disabled !== 0 || !isRole(row.role)) throw invalid();

  const expiry = effectiveExpiry(new Date(row.last_seen_at), new Date(row.expires_at));
  if (now.getTime() >= expiry.getTime()) {
    db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
    throw expired(expiry);
  }

  // Never move last_seen backwards if a clock is stepped back.
  const seen = new Date(Math.max(now.getTime(), new Date(row.last_seen_at).getTime()));
  db.prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?').run(
    seen.toISOString(),
    tokenHash,
  );

  return {
    token,
    userId: row.user_id,
    name: row.name,
    role: row.role,
    expiresAt: effectiveExpiry(seen, new Date(row.expires_at)),
  };
}

/** Ends one session; returns whose it was, or undefined when it did not exist. */
export function closeSession(db: Database.Database, token: string): { userId: string } | undefined {
  const row = db
    .prepare('DELETE FROM sessions WHERE token_hash = ? RETURNING user_id')
    .get(hashToken(String(token))) as { user_id: string } | undefined;

  return row === undefined ? undefined : { userId: row.user_id };
}

/** Ends every session of a user (after a PIN change or when the user is disabled). */
export function revokeUserSessions(db: Database.Database, userId: string): number {
  return db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId).changes;
}
