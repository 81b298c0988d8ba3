import assert from 'node:assert/strict';
import { test } from 'node:test';
import { at, openAuthTestDb } from '../auth/test-helpers.js';
import { readAudit } from './audit-log.js';
import { verifyAuditChain } from './audit-chain.js';
import { withAudit } from './audited.js';

const nurse = { userId: 'u-nurse', role: 'nurse' } as const;
const support = { userId: 'u-support', role: 'support' } as const;
const target = { action: 'patient.update', entityType: 'patient', entityId: 'p-7' } as const;
const clock = () => at(0);

function withPatients() {
  const db = openAuthTestDb();
  db.exec(`CREATE TABLE patients (id TEXT PRIMARY KEY, village TEXT);
           INSERT INTO patients VALUES ('p-7', 'old');`);
  const village = () => db.prepare(`SELECT village FROM patients WHERE id = 'p-7'`).pluck().get();
  return { db, village };
}

test('a permitted change is done and audited in one line', () => {
  const { db, village } = withPatients();
  const changes = withAudit(
    db,
    nurse,
    target,
    () => {
      return db.prepare(`UPDATE patients SET village = 'new' WHERE id = 'p-7'`).run().changes;
    },
    clock,
  );
  assert.equal(changes, 1);
  assert.equal(village(), 'new');
  const [row] = readAudit(db);
  assert.deepEqual(
    [row?.userId, row?.role, row?.action, row?.entityType, row?.entityId, row?.outcome],
    ['u-nurse', 'nurse', 'patient.update', 'patient', 'p-7', 'ok'],
  );
  assert.equal(row?.at, at(0).toISOString());
});

test('a refused read is not run, is audited as denied and throws AUTH_FORBIDDEN', () => {
  const { db } = withPatients();
  let ran = false;
  const read = { ...target, action: 'patient.read' } as const;
  assert.throws(() => withAudit(db, support, read, () => (ran = true), clock), {
    code: 'AUTH_FORBIDDEN',
  });
  assert.equal(ran, false);
  assert.deepEqual(
    readAudit(db).map((r) => [r.role, r.action, r.outcome]),
    [['support', 'patient.read', 'denied']],
  );
});

test('a failed change is rolled back but its failure is audited by error code only', () => {
  const { db, village } = withPatients();
  const boom = () => {
    db.prepare(`UPDATE patients SET village = 'half' WHERE id = 'p-7'`).run();
    throw Object.assign(new Error('weight 4.2 kg contradicts record'), { code: 'STORE_CONFLICT' });
  };
  assert.throws(() => withAudit(db, nurse, target, boom, clock), { code: 'STORE_CONFLICT' });
  assert.equal(village(), 'old');
  const rows = readAudit(db);
  assert.deepEqual(
    rows.map((r) => [r.outcome, r.detail]),
    [['failed', 'error=STORE_CONFLICT']],
  );
  assert.ok(!JSON.stringify(rows).includes('4.2'));
  assert.equal(verifyAuditChain(db).ok, true);
});
