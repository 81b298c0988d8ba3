import assert from 'node:assert/strict';
import { test } from 'node:test';
import { at, openAuthTestDb } from '../auth/test-helpers.js';
import { appendAudit, readAudit, type AuditEntry } from './audit-log.js';
import { GENESIS_HASH } from './audit-chain.js';

const entry = (ms: number, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  at: at(ms),
  userId: 'u-1',
  role: 'nurse',
  action: 'patient.read',
  entityType: 'patient',
  entityId: 'p-42',
  outcome: 'ok',
  ...overrides,
});

test('appended rows are numbered from 1 and chained from the genesis hash', () => {
  const db = openAuthTestDb();
  const first = appendAudit(db, entry(0));
  const second = appendAudit(db, entry(1, { action: 'patient.update' }));
  assert.equal(first.seq, 1);
  assert.equal(first.prevHash, GENESIS_HASH);
  assert.equal(second.seq, 2);
  assert.equal(second.prevHash, first.hash);
  assert.deepEqual(readAudit(db), [first, second]);
});

test('an audit row cannot be updated: the trigger refuses it', () => {
  const db = openAuthTestDb();
  appendAudit(db, entry(0));
  assert.throws(() => db.prepare(`UPDATE audit_log SET entity_id = 'p-43'`).run(), {
    message: 'audit_log is append-only: UPDATE is not allowed',
  });
  assert.equal(readAudit(db)[0]?.entityId, 'p-42');
});

test('an audit row cannot be deleted: the trigger refuses it', () => {
  const db = openAuthTestDb();
  appendAudit(db, entry(0));
  assert.throws(() => db.prepare('DELETE FROM audit_log').run(), {
    message: 'audit_log is append-only: DELETE is not allowed',
  });
  assert.equal(readAudit(db).length, 1);
});

test('a row appended inside a transaction that rolls back is gone with it', () => {
  const db = openAuthTestDb();
  assert.throws(() =>
    db.transaction(() => {
      appendAudit(db, entry(0));
      throw new Error('the change failed');
    })(),
  );
  assert.equal(readAudit(db).length, 0);
});

test('refuses a detail that is long or reads like free text', () => {
  const db = openAuthTestDb();
  assert.doesNotThrow(() => appendAudit(db, entry(0, { detail: 'x'.repeat(120) })));
  assert.throws(() => appendAudit(db, entry(1, { detail: 'x'.repeat(121) })), {
    code: 'AUDIT_ENTRY_INVALID',
  });
  assert.throws(() => appendAudit(db, entry(1, { detail: 'fever 3 days\ncough' })), {
    code: 'AUDIT_ENTRY_INVALID',
  });
  assert.throws(() => appendAudit(db, entry(1, { entityId: 'Amina Diallo' })), {
    code: 'AUDIT_ENTRY_INVALID',
  });
  assert.equal(readAudit(db).length, 1);
});

test('reads from a time, after a seq, and up to a limit', () => {
  const db = openAuthTestDb();
  for (let i = 0; i < 5; i++) appendAudit(db, entry(i * 1000));
  assert.deepEqual(
    readAudit(db, { since: at(3000) }).map((r) => r.seq),
    [4, 5],
  );
  assert.deepEqual(
    readAudit(db, { since: at(2999) }).map((r) => r.seq),
    [4, 5],
  );
  assert.deepEqual(
    readAudit(db, { since: at(2000) }).map((r) => r.seq),
    [3, 4, 5],
  );
  assert.deepEqual(
    readAudit(db, { afterSeq: 1, limit: 2 }).map((r) => r.seq),
    [2, 3],
  );
  assert.throws(() => readAudit(db, { limit: 0 }), /^InputError: limit: .*\[0\]/);
  assert.throws(() => readAudit(db, { limit: 1001 }), /^InputError: limit: .*\[1001\]/);
  assert.equal(readAudit(db, { limit: 1000 }).length, 5);
});
