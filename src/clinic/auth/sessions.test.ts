import assert from 'node:assert/strict';
import { test } from 'node:test';
import { login, logout } from './login.js';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, resumeSession } from './sessions.js';
import { at, openAuthTestDb } from './test-helpers.js';
import { createUser } from './users.js';

const HOUR = 3_600_000;

async function loggedIn() {
  const db = openAuthTestDb();
  await createUser(db, { name: 'chw-b', role: 'chw', pin: '482913' });
  const { session } = await login(db, { name: 'chw-b', pin: '482913' }, at(0));
  return { db, token: session.token, session };
}

test('sessions end after 8 hours idle and 12 hours in all', () => {
  assert.equal(SESSION_IDLE_MS, 8 * HOUR);
  assert.equal(SESSION_ABSOLUTE_MS, 12 * HOUR);
});

test('a new session expires 8 hours after login if unused', async () => {
  const { session } = await loggedIn();
  assert.deepEqual(session.expiresAt, at(8 * HOUR));
});

test('a session resumes 1 ms before 8 hours idle and is expired at 8 hours', async () => {
  const a = await loggedIn();
  assert.equal(resumeSession(a.db, a.token, at(SESSION_IDLE_MS - 1)).role, 'chw');

  const b = await loggedIn();
  assert.throws(() => resumeSession(b.db, b.token, at(SESSION_IDLE_MS)), {
    code: 'AUTH_SESSION_EXPIRED',
  });
  const c = await loggedIn();
  assert.throws(() => resumeSession(c.db, c.token, at(SESSION_IDLE_MS + 1)), {
    code: 'AUTH_SESSION_EXPIRED',
  });
});

test('using a session moves its idle limit forward', async () => {
  const { db, token } = await loggedIn();
  const resumed = resumeSession(db, token, at(7 * HOUR));
  assert.deepEqual(resumed.expiresAt, at(12 * HOUR)); // idle would be 15 h; absolute wins
  assert.equal(resumeSession(db, token, at(11 * HOUR)).userId, resumed.userId);
});

test('a session in steady use ends at 12 hours: 1 ms before is fine, at and after are not', async () => {
  const { db, token } = await loggedIn();
  for (const hour of [3, 6, 9, 11]) resumeSession(db, token, at(hour * HOUR));
  assert.equal(resumeSession(db, token, at(SESSION_ABSOLUTE_MS - 1)).name, 'chw-b');
  assert.throws(() => resumeSession(db, token, at(SESSION_ABSOLUTE_MS)), {
    code: 'AUTH_SESSION_EXPIRED',
  });

  const other = await loggedIn();
  for (const hour of [4, 8, 11]) resumeSession(other.db, other.token, at(hour * HOUR));
  assert.throws(() => resumeSession(other.db, other.token, at(SESSION_ABSOLUTE_MS + 1)), {
    code: 'AUTH_SESSION_EXPIRED',
  });
});

test('an expired session is removed, so resuming it again is invalid', async () => {
  const { db, token } = await loggedIn();
  assert.throws(() => resumeSession(db, token, at(9 * HOUR)), { code: 'AUTH_SESSION_EXPIRED' });
  assert.throws(() => resumeSession(db, token, at(9 * HOUR)), { code: 'AUTH_SESSION_INVALID' });
});

test('an unknown or malformed token is invalid, and the message does not repeat it', async () => {
  const { db, token } = await loggedIn();
  const forged = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
  for (const bad of [forged, '', 'short', `${token}x`]) {
    assert.throws(
      () => resumeSession(db, bad, at(1)),
      (error: Error & { code?: string }) => {
        assert.equal(error.code, 'AUTH_SESSION_INVALID');
        assert.ok(bad === '' || !error.message.includes(bad));
        return true;
      },
    );
  }
});

test('after logout the token no longer resumes', async () => {
  const { db, token } = await loggedIn();
  logout(db, token, at(10));
  assert.throws(() => resumeSession(db, token, at(11)), { code: 'AUTH_SESSION_INVALID' });
  assert.doesNotThrow(() => logout(db, token, at(12)));
});
