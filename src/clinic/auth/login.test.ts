import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LOCKOUT_CAP_MS, lockoutMs, login } from './login.js';
import { readAudit } from '../audit/audit-log.js';
import { at, openAuthTestDb } from './test-helpers.js';
import { createUser, findUserByName } from './users.js';

const MINUTE = 60_000;
const PIN = '482913';
const WRONG = '739164';

async function withUser() {
  const db = openAuthTestDb();
  await createUser(db, { name: 'nurse-a', role: 'nurse', pin: PIN });
  return db;
}

/** Logs in with the wrong PIN and returns the error code. */
async function fail(db: ReturnType<typeof openAuthTestDb>, now: Date): Promise<string> {
  try {
    await login(db, { name: 'nurse-a', pin: WRONG }, now);
  } catch (error) {
    return (error as { code: string }).code;
  }
  throw new Error('login with a wrong PIN succeeded');
}

test('a correct PIN opens a session with a 43-character token', async () => {
  const db = await withUser();
  const { session } = await login(db, { name: 'NURSE-A', pin: PIN }, at(0));
  assert.equal(session.name, 'nurse-a');
  assert.equal(session.role, 'nurse');
  assert.match(session.token, /^[A-Za-z0-9_-]{43}$/);
  const stored = db.prepare('SELECT token_hash FROM sessions').pluck().get() as string;
  assert.match(stored, /^[0-9a-f]{64}$/);
  assert.notEqual(stored, session.token);
});

test('an unknown name and a wrong PIN fail with the same code and message', async () => {
  const db = await withUser();
  const errors = await Promise.all([
    login(db, { name: 'nobody', pin: PIN }, at(0)).catch((e: unknown) => e),
    login(db, { name: 'nurse-a', pin: WRONG }, at(0)).catch((e: unknown) => e),
  ]);
  const [unknown, wrong] = errors as [Error & { code: string }, Error & { code: string }];
  assert.equal(unknown.code, 'AUTH_FAILED');
  assert.equal(wrong.code, unknown.code);
  assert.equal(wrong.message, unknown.message);
});

test('an unknown name takes about as long as a wrong PIN', async () => {
  const db = await withUser();
  await login(db, { name: 'nobody', pin: PIN }).catch(() => undefined); // builds the dummy hash
  const fastest = async (name: string) => {
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      await login(db, { name, pin: WRONG }, at(i)).catch(() => undefined);
      best = Math.min(best, performance.now() - start);
    }
    return best;
  };
  const unknown = await fastest('nobody');
  const known = await fastest('nurse-a');
  // Both run one argon2 verify (tens of ms); without the dummy hash an unknown name is < 1 ms.
  assert.ok(unknown > known / 3, `unknown ${unknown} ms vs known ${known} ms`);
});

test('every attempt is audited with its outcome and no name or PIN', async () => {
  const db = await withUser();
  await login(db, { name: 'nobody', pin: PIN }, at(0)).catch(() => undefined);
  for (let i = 1; i <= 5; i++) await fail(db, at(i));
  await login(db, { name: 'nurse-a', pin: PIN }, at(6)).catch(() => undefined);
  await login(db, { name: 'nurse-a', pin: PIN }, at(6 + MINUTE));
  const rows = readAudit(db).map((r) => [r.role, r.action, r.outcome, r.detail]);
  assert.deepEqual(rows, [
    [null, 'auth.login', 'failed', 'unknown-name'],
    ...Array.from({ length: 4 }, () => ['nurse', 'auth.login', 'failed', 'wrong-pin']),
    ['nurse', 'auth.login', 'failed', 'wrong-pin locked=60s'],
    ['nurse', 'auth.login', 'denied', 'locked'],
    ['nurse', 'auth.login', 'ok', null],
  ]);
});

test('four wrong PINs do not lock; the fifth locks for one minute', async () => {
  const db = await withUser();
  for (let i = 0; i < 4; i++) assert.equal(await fail(db, at(i)), 'AUTH_FAILED');
  assert.equal(findUserByName(db, 'nurse-a')?.lockedUntil, null);

  assert.equal(await fail(db, at(4)), 'AUTH_FAILED');
  assert.deepEqual(findUserByName(db, 'nurse-a')?.lockedUntil, at(4 + MINUTE));
  await assert.rejects(login(db, { name: 'nurse-a', pin: PIN }, at(4 + MINUTE - 1)), {
    code: 'AUTH_LOCKED',
    message: `too many wrong PINs: locked until [${at(4 + MINUTE).toISOString()}]`,
  });
  const { session } = await login(db, { name: 'nurse-a', pin: PIN }, at(4 + MINUTE));
  assert.equal(session.role, 'nurse');
});

test('a sixth wrong PIN after the first lock doubles it to two minutes', async () => {
  const db = await withUser();
  for (let i = 0; i < 5; i++) await fail(db, at(i));
  assert.equal(await fail(db, at(4 + MINUTE)), 'AUTH_FAILED');
  assert.deepEqual(findUserByName(db, 'nurse-a')?.lockedUntil, at(4 + 3 * MINUTE));
  assert.equal(findUserByName(db, 'nurse-a')?.failedAttempts, 6);
});

test('attempts while locked are refused without counting or checking the PIN', async () => {
  const db = await withUser();
  for (let i = 0; i < 5; i++) await fail(db, at(i));
  assert.equal(await fail(db, at(30_000)), 'AUTH_LOCKED');
  assert.equal(findUserByName(db, 'nurse-a')?.failedAttempts, 5);
});

test('a success resets the count, so five more failures are needed to lock again', async () => {
  const db = await withUser();
  for (let i = 0; i < 4; i++) await fail(db, at(i));
  await login(db, { name: 'nurse-a', pin: PIN }, at(10));
  assert.equal(findUserByName(db, 'nurse-a')?.failedAttempts, 0);
  for (let i = 0; i < 4; i++) assert.equal(await fail(db, at(20 + i)), 'AUTH_FAILED');
  assert.equal(findUserByName(db, 'nurse-a')?.lockedUntil, null);
});

test('the lock doubles from 1 minute per failure and stops at 1 hour', () => {
  assert.equal(lockoutMs(4), 0);
  const expected = [1, 2, 4, 8, 16, 32, 60, 60, 60].map((m) => m * MINUTE);
  assert.deepEqual(
    expected.map((_, i) => lockoutMs(5 + i)),
    expected,
  );
  assert.equal(lockoutMs(10), 32 * MINUTE);
  assert.equal(lockoutMs(11), LOCKOUT_CAP_MS);
  assert.equal(lockoutMs(1_000_000), LOCKOUT_CAP_MS);
});

test('repeated failures through each lock reach the one-hour cap', async () => {
  const db = await withUser();
  for (let i = 0; i < 5; i++) await fail(db, at(i));
  const lockedUntil = (): Date => findUserByName(db, 'nurse-a')?.lockedUntil ?? at(-1);
  const locks: number[] = [];
  for (let failures = 6; failures <= 12; failures++) {
    const now = lockedUntil(); // the first moment the lock allows another try
    assert.equal(await fail(db, now), 'AUTH_FAILED');
    locks.push((lockedUntil().getTime() - now.getTime()) / MINUTE);
  }
  assert.deepEqual(locks, [2, 4, 8, 16, 32, 60, 60]);
});

test('a missing name or PIN is an input error naming the field', async () => {
  const db = await withUser();
  await assert.rejects(login(db, { name: '', pin: PIN }), /^InputError: name: is required/);
  await assert.rejects(login(db, { name: 'nurse-a', pin: '' }), /^InputError: pin: is required/);
});

test('attempts made at the same moment are checked one at a time, so they cannot pass the lock', async () => {
  const db = await withUser();
  const outcomes = await Promise.all(
    Array.from({ length: 10 }, () =>
      login(db, { name: 'nurse-a', pin: '9753' }, at(0)).then(
        () => 'ok',
        (e: { code?: string }) => e.code ?? 'error',
      ),
    ),
  );
  assert.equal(outcomes.filter((o) => o === 'AUTH_FAILED').length, 1);
  assert.equal(outcomes.filter((o) => o === 'AUTH_LOCKED').length, 9);
  assert.equal(findUserByName(db, 'nurse-a')?.failedAttempts, 1);
});
