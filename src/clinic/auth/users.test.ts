import assert from 'node:assert/strict';
import { test } from 'node:test';
import { login } from './login.js';
import { at, openAuthTestDb } from './test-helpers.js';
import { changePin, createUser, disableUser, findUserByName, listUsers } from './users.js';

test('creates a user that is found by name in any letter case', async () => {
  const db = openAuthTestDb();
  const made = await createUser(db, { name: 'Nurse Ámbar', role: 'nurse', pin: '482913' }, at(0));
  assert.equal(made.role, 'nurse');
  assert.equal(made.disabled, false);
  assert.equal(findUserByName(db, 'NURSE ámbar')?.id, made.id);
  assert.equal(findUserByName(db, '  nurse ÁMBAR ')?.id, made.id);
  assert.equal(findUserByName(db, 'nurse amber'), undefined);
});

test('refuses a second user whose name differs only in case', async () => {
  const db = openAuthTestDb();
  await createUser(db, { name: 'dr-kofi', role: 'doctor', pin: '482913' });
  await assert.rejects(createUser(db, { name: 'DR-KOFI', role: 'nurse', pin: '739164' }), {
    code: 'INPUT_INVALID',
    message: 'name: is already taken [DR-KOFI]',
  });
  assert.equal(listUsers(db).length, 1);
});

test('refuses an unknown role and an empty name, naming the field', async () => {
  const db = openAuthTestDb();
  const badRole = { name: 'x', role: 'surgeon' as 'doctor', pin: '482913' };
  await assert.rejects(createUser(db, badRole), /^InputError: role: must be one of .*\[surgeon\]/);
  await assert.rejects(
    createUser(db, { name: '  ', role: 'chw', pin: '482913' }),
    /^InputError: name:/,
  );
});

test('refuses a weak PIN at creation without echoing it', async () => {
  const db = openAuthTestDb();
  await assert.rejects(
    createUser(db, { name: 'chw-1', role: 'chw', pin: '123456' }),
    (error: Error) => {
      assert.match(error.message, /^pin: PIN must not be a run of consecutive digits/);
      assert.ok(!error.message.includes('123456'));
      return true;
    },
  );
  assert.equal(listUsers(db).length, 0);
});

test('lists users without their PIN hashes', async () => {
  const db = openAuthTestDb();
  await createUser(db, { name: 'b-admin', role: 'admin', pin: '482913' });
  await createUser(db, { name: 'a-support', role: 'support', pin: '739164' });
  const users = listUsers(db);
  assert.deepEqual(
    users.map((u) => u.name),
    ['a-support', 'b-admin'],
  );
  assert.ok(!JSON.stringify(users).includes('argon2'));
});

test('a disabled user cannot log in and their sessions end', async () => {
  const db = openAuthTestDb();
  await createUser(db, { name: 'admin', role: 'admin', pin: '482913' });
  const chw = await createUser(db, { name: 'chw-2', role: 'chw', pin: '739164' });
  await login(db, { name: 'chw-2', pin: '739164' }, at(0));
  disableUser(db, chw.id);
  assert.equal(db.prepare('SELECT count(*) FROM sessions').pluck().get(), 0);
  await assert.rejects(login(db, { name: 'chw-2', pin: '739164' }, at(1000)), {
    code: 'AUTH_FAILED',
  });
});

test('the last enabled admin cannot be disabled, but one of two can', async () => {
  const db = openAuthTestDb();
  const first = await createUser(db, { name: 'admin-1', role: 'admin', pin: '482913' });
  assert.throws(() => disableUser(db, first.id), /last enabled admin/);
  const second = await createUser(db, { name: 'admin-2', role: 'admin', pin: '739164' });
  disableUser(db, first.id);
  assert.throws(() => disableUser(db, second.id), /last enabled admin/);
  assert.throws(() => disableUser(db, 'nobody'), /^InputError: userId: no such user \[nobody\]/);
});

test('changing a PIN needs the current PIN when one is given, and unlocks the user', async () => {
  const db = openAuthTestDb();
  const user = await createUser(db, { name: 'doc', role: 'doctor', pin: '482913' });
  const wrong = { userId: user.id, currentPin: '000111', newPin: '739164' };
  await assert.rejects(changePin(db, wrong), /^InputError: currentPin: does not match/);
  db.prepare('UPDATE users SET failed_attempts = 7, locked_until = ? WHERE id = ?').run(
    at(3_600_000).toISOString(),
    user.id,
  );

  await changePin(db, { userId: user.id, newPin: '739164' });
  assert.equal(findUserByName(db, 'doc')?.lockedUntil, null);
  await assert.rejects(login(db, { name: 'doc', pin: '482913' }, at(0)), { code: 'AUTH_FAILED' });
  const { session } = await login(db, { name: 'doc', pin: '739164' }, at(1));
  assert.equal(session.role, 'doctor');
});
