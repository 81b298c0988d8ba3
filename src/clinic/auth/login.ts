/**
 * PIN login with lockout. A PIN has at most 10^8 values and often 10^4, so repeated guessing is
 * stopped by locking the account with a growing delay; every attempt is audited.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { InputError } from '../../shared/errors.js';
import { appendAudit } from '../audit/audit-log.js';
import { AuthError } from './auth-error.js';
import { dummyPinHash, verifyPin } from './pin.js';
import { isRole, type Role } from './roles.js';
import { closeSession, openSession, type Session } from './sessions.js';
import { findRowByName, type UserRow } from './users.js';

/** Consecutive failures that lock an account: a mistyped PIN or two never locks anyone out. */
export const LOCKOUT_THRESHOLD = 5;
/** The first lock lasts a minute and doubles with each further failure... */
export const LOCKOUT_BASE_MS = 60 * 1000;
/** ...up to an hour, so a guesser gets under 30 tries a day while a colleague can still reset. */
export const LOCKOUT_CAP_MS = 60 * 60 * 1000;

/** How long the account locks after this many consecutive failures (0 below the threshold). */
export function lockoutMs(failures: number): number {
  if (failures < LOCKOUT_THRESHOLD) return 0;
  const doublings = Math.min(failures - LOCKOUT_THRESHOLD, 16);

  return Math.min(LOCKOUT_BASE_MS * 2 ** doublings, LOCKOUT_CAP_MS);
}

// One message for an unknown name, a disabled user and a wrong PIN, so a guesser cannot learn
// which names exist.
const failed = (): AuthError => new AuthError('AUTH_FAILED', 'name or PIN is not correct');

/**
 * Verifies a name and PIN and opens a session. Throws `AUTH_FAILED` (same message for every
 * cause) or `AUTH_LOCKED` (with the time the lock ends).
 */
export async function login(
  db: Database.Database,
  credentials: { name: string; pin: string },
  now = new Date(),
): Promise<{ session: Session }> {
  const { name, pin } = parseCredentials(credentials);
  const user = findRowByName(db, name);
  // The attempt is counted before the PIN is hashed, in one transaction, so that attempts made
  // at the same moment cannot all slip past the lock (each one sees the others' counts).
  const attempt = user === undefined ? 0 : reserveAttempt(db, user, now);

  // Unknown names are verified against a dummy hash, so they take as long as a wrong PIN.
  const matches = await verifyPin(user?.pin_hash ?? (await dummyPinHash()), pin);
  const role = user?.role;
  if (user === undefined || user.disabled !== 0 || !matches || !isRole(role)) {
    recordFailure(db, user, attempt, now, user?.disabled ? 'disabled' : 'wrong-pin');
    throw failed();
  }

  const session = db.transaction(() => {
    db.prepare(
      'UPDATE users SET failed_attempts = 0, locked_until = NULL, verifying_until = NULL WHERE id = ?',
    ).run(user.id);
    appendAudit(db, { at: now, userId: user.id, role, action: 'auth.login', outcome: 'ok' });
    return openSession(db, { id: user.id, name: user.name, role }, now);
  })();

  return { session };
}

function parseCredentials(credentials: { name: unknown; pin: unknown }): {
  name: string;
  pin: string;
} {
  if (typeof credentials.name !== 'string' || credentials.name.trim() === '') {
    throw new InputError([{ field: 'name', message: 'is required' }]);
  }
  if (typeof credentials.pin !== 'string' || credentials.pin === '') {
    throw new InputError([{ field: 'pin', message: 'is required' }]);
  }

  return { name: credentials.name, pin: credentials.pin };
}

/** How long one PIN check may hold a user's turn; a crashed check frees it after this. */
export const VERIFY_TURN_MS = 5000;

/**
 * Takes the user's turn for one PIN check and counts the attempt, in one transaction: one check
 * at a time per user, so attempts made at the same moment cannot all slip past the lock.
 */
function reserveAttempt(db: Database.Database, user: UserRow, now: Date): number {
  type Turn = { kind: 'locked'; until: string } | { kind: 'busy' } | { kind: 'ok'; count: number };
  const turn = db.transaction((): Turn => {
    const fresh = db
      .prepare('SELECT locked_until, verifying_until FROM users WHERE id = ?')
      .get(user.id) as { locked_until: string | null; verifying_until: string | null };
    if (fresh.locked_until !== null && now.getTime() < Date.parse(fresh.locked_until)) {
      return { kind: 'locked', until: fresh.locked_until };
    }
    if (fresh.verifying_until !== null && now.getTime() < Date.parse(fresh.verifying_until)) {
      return { kind: 'busy' };
    }
    const until = new Date(now.getTime() + VERIFY_TURN_MS).toISOString();
    const { failed_attempts: count } = db
      .prepare(
        'UPDATE users SET failed_attempts = failed_attempts + 1, verifying_until = ? WHERE id = ? RETURNING failed_attempts',
      )
      .get(until, user.id) as { failed_attempts: number };
    return { kind: 'ok', count };
  })();
  // Refusals are audited outside the transaction, so that their rows are kept.
  if (turn.kind === 'locked') assertNotLocked(db, { ...user, locked_until: turn.until }, now);
  if (turn.kind === 'busy') {
    appendAudit(db, {
      ...actorOf(user),
      at: now,
      action: 'auth.login',
      outcome: 'denied',
      detail: 'busy',
    });
    throw new AuthError(
      'AUTH_LOCKED',
      'another sign-in for this user is being checked: try again in a moment',
    );
  }
  return turn.kind === 'ok' ? turn.count : 0;
}

function assertNotLocked(db: Database.Database, user: UserRow, now: Date): void {
  if (user.locked_until === null || now.getTime() >= Date.parse(user.locked_until)) return;
  // A refused attempt while locked is not counted: it cannot have been a guess.
  appendAudit(db, {
    ...actorOf(user),
    at: now,
    action: 'auth.login',
    outcome: 'denied',
    detail: 'locked',
  });
  throw new AuthError('AUTH_LOCKED', `too many wrong PINs: locked until [${user.locked_until}]`, {
    details: { lockedUntil: user.locked_until },
  });
}

function actorOf(user: UserRow | undefined): { userId: string | null; role: Role | null } {
  if (user === undefined) return { userId: null, role: null };

  return { userId: user.id, role: isRole(user.role) ? user.role : null };
}

/** Counts the failure and locks the account at the threshold, in one transaction. */
function recordFailure(
  db: Database.Database,
  user: UserRow | undefined,
  failures: number,
  now: Date,
  reason: 'wrong-pin' | 'disabled',
): void {
  db.transaction(() => {
    let detail: string = user === undefined ? 'unknown-name' : reason;
    if (user !== undefined) {
      // The attempt was counted before hashing (reserveAttempt): free the turn, set the lock.
      db.prepare('UPDATE users SET verifying_until = NULL WHERE id = ?').run(user.id);
      const lockMs = lockoutMs(failures);
      if (lockMs > 0) {
        const until = new Date(now.getTime() + lockMs).toISOString();
        db.prepare('UPDATE users SET locked_until = ? WHERE id = ?').run(until, user.id);
        detail = `${reason} locked=${lockMs / 1000}s`;
      }
    }
    appendAudit(db, { ...actorOf(user), at: now, action: 'auth.login', outcome: 'failed', detail });
  })();
}

/** Ends the session of this token; a token that is already gone is not an error. */
export function logout(db: Database.Database, token: string, now = new Date()): void {
  db.transaction(() => {
    const closed = closeSession(db, token);
    if (closed === undefined) return;
    const role = db.prepare('SELECT role FROM users WHERE id = ?').pluck().get(closed.userId);
    const actor = { userId: closed.userId, role: isRole(role) ? role : null };
    appendAudit(db, { ...actor, at: now, action: 'auth.logout', outcome: 'ok' });
  })();
}
