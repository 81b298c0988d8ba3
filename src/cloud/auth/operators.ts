/**
 * Operator accounts for the dashboard: a name and an argon2id password hash in the default
 * database (`medassist cloud operator add NAME`), checked by HTTP Basic authentication, which
 * belongs behind TLS (`cloud serve --tls-cert`). Any coordinator instance checks any operator.
 *
 * An unknown name costs the same argon2 verification as a wrong password, so the answer time
 * does not say which names exist. Failures are counted per client address: after
 * `MAX_FAILURES` in `FAILURE_WINDOW_MS` that address is refused until the window passes,
 * which keeps an online guesser to a few attempts a minute per address.
 */
import { hash, verify, type Options } from '@node-rs/argon2';
import { InputError } from '../../shared/errors.js';
import type { Sql } from '../db/sql.js';

// argon2id, 64 MiB, 2 passes (the clinic PIN's setting, src/clinic/auth/pin.ts: 41-46 ms per
// verify on 2 cores, above the OWASP Password Storage Cheat Sheet minimum).
const ARGON2: Options = { algorithm: 2, memoryCost: 65536, timeCost: 2, parallelism: 1 };

export const OPERATOR_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const PASSWORD_MIN_LENGTH = 12;
const MAX_FAILURES = 5;
const FAILURE_WINDOW_MS = 60_000;

export const OPERATOR_MIGRATIONS: readonly { id: string; sql: string }[] = [
  {
    id: '004-operators',
    sql: `
      CREATE TABLE operators (
        name text PRIMARY KEY,
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );`,
  },
];

function checkName(name: string): void {
  if (!OPERATOR_NAME.test(name))
    throw new InputError([
      {
        field: 'name',
        message: `lower-case letters, digits, '.', '_' or '-', up to 64 [${name.slice(0, 70)}]`,
      },
    ]);
}

/** Creates the operator, or sets a new password for an existing one. */
export async function setOperator(sql: Sql, name: string, password: string): Promise<void> {
  checkName(name);
  if (password.length < PASSWORD_MIN_LENGTH)
    throw new InputError([
      { field: 'password', message: `at least ${PASSWORD_MIN_LENGTH} characters` },
    ]);
  await sql.query(
    `INSERT INTO operators (name, password_hash) VALUES ($1, $2)
     ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash`,
    [name, await hash(password, ARGON2)],
  );
}

/** False when there was no such operator. */
export async function removeOperator(sql: Sql, name: string): Promise<boolean> {
  const removed = await sql.query('DELETE FROM operators WHERE name = $1 RETURNING name', [name]);
  return removed.rows.length > 0;
}

export async function hasOperators(sql: Sql): Promise<boolean> {
  const found = await sql.query('SELECT 1 FROM operators LIMIT 1');
  return found.rows.length > 0;
}

/** A hash of a random password, verified against when the name is unknown. */
let decoy: Promise<string> | null = null;

export async function verifyOperator(sql: Sql, name: string, password: string): Promise<boolean> {
  const found = await sql.query<{ password_hash: string }>(
    'SELECT password_hash FROM operators WHERE name = $1',
    [name],
  );
  const stored = found.rows[0]?.password_hash;
  decoy ??= hash(`decoy-${Math.random()}-${Date.now()}`, ARGON2);
  const ok = await verify(stored ?? (await decoy), password);
  return ok && stored !== undefined;
}

/** Failed sign-ins per client address, forgotten after the window. */
export function createFailureLimiter(now: () => number = Date.now) {
  const failures = new Map<string, { count: number; since: number }>();
  const current = (address: string) => {
    const entry = failures.get(address);
    if (entry && now() - entry.since >= FAILURE_WINDOW_MS) failures.delete(address);
    return failures.get(address);
  };
  return {
    blocked: (address: string) => (current(address)?.count ?? 0) >= MAX_FAILURES,
    fail(address: string) {
      if (failures.size > 10_000) failures.clear();
      const entry = current(address) ?? { count: 0, since: now() };
      entry.count += 1;
      failures.set(address, entry);
    },
    succeed: (address: string) => failures.delete(address),
  };
}
