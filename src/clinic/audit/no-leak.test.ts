// A whole session of work with a memorable PIN and clinical wording: neither may appear in any
// audit row or any error message or error detail produced on the way.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authorizeOverride } from '../auth/override.js';
import { login, logout } from '../auth/login.js';
import { resumeSession } from '../auth/sessions.js';
import { at, openAuthTestDb } from '../auth/test-helpers.js';
import { changePin, createUser } from '../auth/users.js';
import { readAudit } from './audit-log.js';
import { withAudit } from './audited.js';

const PIN = '582047';
const NEW_PIN = '640193';
const CLINICAL = 'chest indrawing with stridor';

test('no PIN or clinical text reaches audit rows or error messages', async () => {
  const db = openAuthTestDb();
  const errors: unknown[] = [];
  const keep = (error: unknown) => void errors.push(error);
  const doctor = await createUser(db, { name: 'dr-ama', role: 'doctor', pin: PIN });
  await createUser(db, { name: 'sup-1', role: 'support', pin: '739164' });
  await createUser(db, { name: 'weak', role: 'chw', pin: '5555' }).catch(keep);

  for (let i = 0; i < 6; i++) await login(db, { name: 'dr-ama', pin: '582048' }, at(i)).catch(keep);
  await login(db, { name: PIN, pin: PIN }, at(10)).catch(keep); // PIN typed into the name
  const { session } = await login(db, { name: 'dr-ama', pin: PIN }, at(3 * 3_600_000));
  const { session: sup } = await login(db, { name: 'sup-1', pin: '739164' }, at(3 * 3_600_000));

  const read = { action: 'history.read', entityType: 'patient', entityId: 'p-1' } as const;
  withAudit(db, session, read, () => CLINICAL);
  try {
    withAudit(db, sup, read, () => CLINICAL);
  } catch (error) {
    keep(error);
  }
  const fail = () => {
    throw new Error(CLINICAL);
  };
  try {
    withAudit(db, session, { ...read, action: 'patient.update' }, fail);
  } catch (error) {
    keep(error);
  }
  try {
    authorizeOverride(sup, { classificationId: 'pneumonia', reason: CLINICAL });
  } catch (error) {
    keep(error);
  }
  await changePin(db, { userId: doctor.id, currentPin: '000999', newPin: NEW_PIN }).catch(keep);
  await changePin(db, { userId: doctor.id, newPin: '1111' }).catch(keep);
  try {
    resumeSession(db, session.token, at(20 * 3_600_000));
  } catch (error) {
    keep(error);
  }
  logout(db, sup.token, at(4 * 3_600_000));

  // The failure from `fail` is the only error allowed to carry the clinical text: it is the
  // caller's own error, rethrown unchanged. Everything this code wrote must not.
  const ours = errors.filter((e) => !(e instanceof Error && e.message === CLINICAL));
  // weak PIN 1, wrong PINs 5 + locked 1, PIN as name 1, denied read 1, override 1,
  // wrong current PIN 1, weak new PIN 1, expired session 1
  assert.equal(ours.length, 13);
  const text = JSON.stringify({
    audit: readAudit(db, { limit: 1000 }),
    errors: ours.map((e) => ({ message: (e as Error).message, ...(e as object) })),
  });
  // Hashes and ids are random hex, which could contain a digit string by chance.
  const scrubbed = text
    .replace(/\b[0-9a-f]{64}\b/g, '<hash>')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<id>');
  for (const secret of [
    PIN,
    NEW_PIN,
    '582048',
    '000999',
    '5555',
    CLINICAL,
    'stridor',
    session.token,
  ]) {
    assert.ok(!scrubbed.includes(secret), `found [${secret}]`);
  }
});
