/**
 * Clinic staff accounts. Users are never deleted, only disabled, so audit rows always point at
 * someone. Callers check `user.manage` (or that a user changes their own PIN) before calling.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { InputError } from '../../shared/errors.js';
import { assertValidPin, hashPin, verifyPin } from './pin.js';
import { isRole, ROLES, type Role } from './roles.js';
import { revokeUserSessions } from './sessions.js';

export interface UserSummary {
  id: string;
  name: string;
  role: Role;
  disabled: boolean;
  failedAttempts: number;
  lockedUntil: Date | null;
  createdAt: Date;
}

/** The full row, PIN hash included; only login needs it. */
export interface UserRow {
  id: string;
  name: string;
  name_key: string;
  role: string;
  pin_hash: string;
  failed_attempts: number;
  locked_until: string | null;
  created_at: string;
  disabled: number;
}

export const USER_NAME_MAX = 64;

/** The form names are compared in: "Amina", "AMINA" and " amina " are one user. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase();
}

function parseName(name: unknown): string {
  const clean = typeof name === 'string' ? name.normalize('NFC').trim() : '';
  // eslint-disable-next-line no-control-regex
  if (clean.length === 0 || clean.length > USER_NAME_MAX || /[\u0000-\u001f\u007f]/.test(clean)) {
    const message = `must be 1 to ${USER_NAME_MAX} printable characters [${String(name)}]`;
    throw new InputError([{ field: 'name', message }]);
  }

  return clean;
}

export function toUserSummary(row: UserRow): UserSummary {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    disabled: row.disabled !== 0,
    failedAttempts: row.failed_attempts,
    lockedUntil: row.locked_until === null ? null : new Date(row.locked_until),
    createdAt: new Date(row.created_at),
  };
}

export async function createUser(
  db: Database.Database,
  input: { name: string; role: Role; pin: string },
  now = new Date(),
): Promise<UserSummary> {
  const name = parseName(input.name);
  if (!isRole(input.role)) {
    const message = `must be one of ${ROLES.join(', ')} [${String(input.role)}]`;
    throw new InputError([{ field: 'role', message }]);
  }
  assertValidPin(input.pin);
  assertNameFree(db, name);
  const pinHash = await hashPin(input.pin);

  const id = randomUUID();
  // Checked again by the UNIQUE constraint, in case another call took the name during hashing.
  try {
    db.prepare(
      `INSERT INTO users (id, name, name_key, role, pin_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(id, name, nameKey(name), input.role, pinHash, now.toISOString());
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE')
      throw nameTaken(name, error);
    throw error;
  }

  return toUserSummary(findRowById(db, id) as UserRow);
}

function nameTaken(name: string, cause?: unknown): InputError {
  return new InputError([{ field: 'name', message: `is already taken [${name}]` }], { cause });
}

function assertNameFree(db: Database.Database, name: string): void {
  if (findRowByName(db, name) !== undefined) throw nameTaken(name);
}

export function findRowByName(db: Database.Database, name: string): UserRow | undefined {
  return db.prepare('SELECT * FROM users WHERE name_key = ?').get(nameKey(name)) as
    UserRow | undefined;
}

function findRowById(db: Database.Database, id: string): UserRow | undefined {
  return db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
}

export function findUserByName(db: Database.Database, name: string): UserSummary | undefined {
  const row = typeof name === 'string' ? findRowByName(db, name) : undefined;

  return row === undefined ? undefined : toUserSummary(row);
}

/** All users, disabled ones included, by name. */
export function listUsers(db: Database.Database): UserSummary[] {
  const rows = db.prepare('SELECT * FROM users ORDER BY name_key').all() as UserRow[];

  return rows.map(toUserSummary);
}

function requireUser(db: Database.Database, userId: string): UserRow {
  const row = findRowById(db, userId);
  if (row === undefined)
    throw new InputError([{ field: 'userId', message: `no such user [${userId}]` }]);

  return row;
}

/**
 * Disables a user and ends their sessions. The last enabled admin cannot be disabled: nobody
 * could manage users afterwards.
 */
export function disableUser(db: Database.Database, userId: string): void {
  db.transaction(() => {
    const row = requireUser(db, userId);
    if (row.role === 'admin' && row.disabled === 0 && countEnabledAdmins(db) <= 1) {
      const message = `is the last enabled admin and cannot be disabled [${userId}]`;
      throw new InputError([{ field: 'userId', message }]);
    }
    db.prepare('UPDATE users SET disabled = 1 WHERE id = ?').run(userId);
    revokeUserSessions(db, userId);
  })();
}

function countEnabledAdmins(db: Database.Database): number {
  const row = db
    .prepare(`SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0`)
    .get();

  return (row as { n: number }).n;
}

/**
 * Sets a new PIN, clears any lockout and ends the user's sessions. With `currentPin` (a user
 * changing their own PIN) the current PIN must verify; without it, this is an admin reset.
 */
export async function changePin(
  db: Database.Database,
  input: { userId: string; newPin: string; currentPin?: string },
): Promise<void> {
  assertValidPin(input.newPin, 'newPin');
  const row = requireUser(db, input.userId);
  if (
    input.currentPin !== undefined &&
    !(await verifyPin(row.pin_hash, String(input.currentPin)))
  ) {
    throw new InputError([{ field: 'currentPin', message: 'does not match the current PIN' }]);
  }
  const pinHash = await hashPin(input.newPin);

  db.transaction(() => {
    db.prepare(
      'UPDATE users SET pin_hash = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?',
    ).run(pinHash, input.userId);
    revokeUserSessions(db, input.userId);
  })();
}
