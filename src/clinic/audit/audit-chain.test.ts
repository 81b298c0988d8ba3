import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import { at, openAuthTestDb } from '../auth/test-helpers.js';
import { appendAudit } from './audit-log.js';
import { rowHash, verifyAuditChain, type ChainFields } from './audit-chain.js';

const dir = mkdtempSync(join(tmpdir(), 'medassist-audit-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A file database with `rows` audit rows, closed, and a copy of it opened without triggers. */
function tamperableCopy(name: string, rows = 5): Database.Database {
  const path = join(dir, `${name}.db`);
  const db = openAuthTestDb(path);
  for (let i = 0; i < rows; i++) {
    appendAudit(db, {
      at: at(i),
      userId: 'u-1',
      role: 'doctor',
      action: 'history.read',
      entityType: 'patient',
      entityId: `p-${i}`,
      outcome: 'ok',
    });
  }
  db.close();
  copyFileSync(path, join(dir, `${name}-copy.db`));
  const copy = new Database(join(dir, `${name}-copy.db`));
  copy.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');

  return copy;
}

test('an untouched log verifies and reports its head', () => {
  const db = tamperableCopy('clean');
  const verdict = verifyAuditChain(db);
  assert.equal(verdict.ok, true);
  assert.equal(verdict.rows, 5);
  assert.equal(verdict.ok && verdict.head?.seq, 5);
});

test('an empty log verifies', () => {
  assert.deepEqual(verifyAuditChain(openAuthTestDb()), { ok: true, rows: 0, head: null });
});

test('detects a row edited behind the triggers', () => {
  const db = tamperableCopy('edited');
  db.prepare(`UPDATE audit_log SET entity_id = 'p-99' WHERE seq = 3`).run();
  const verdict = verifyAuditChain(db);
  assert.equal(verdict.ok, false);
  assert.equal(!verdict.ok && verdict.seq, 3);
  assert.equal(!verdict.ok && verdict.reason, 'hash does not match the row');
});

test('detects an edited row whose own hash was recomputed, at the row after it', () => {
  const db = tamperableCopy('rehashed');
  const row = db.prepare('SELECT * FROM audit_log WHERE seq = 2').get() as ChainFields & {
    prev_hash: string;
  };
  const forged = { ...row, entity_id: 'p-99' };
  db.prepare('UPDATE audit_log SET entity_id = ?, hash = ? WHERE seq = 2').run(
    forged.entity_id,
    rowHash(row.prev_hash, forged),
  );
  const verdict = verifyAuditChain(db);
  assert.equal(!verdict.ok && verdict.seq, 3);
  assert.equal(!verdict.ok && verdict.reason, 'prev_hash does not match the row before');
});

test('detects a row deleted from the middle', () => {
  const db = tamperableCopy('deleted');
  db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
  const verdict = verifyAuditChain(db);
  assert.equal(!verdict.ok && verdict.seq, 3);
  assert.equal(!verdict.ok && verdict.reason, 'prev_hash does not match the row before');
});

test('a cut tail is caught only against a head kept elsewhere', () => {
  const db = tamperableCopy('cut');
  const before = verifyAuditChain(db);
  assert.ok(before.ok && before.head);
  db.prepare('DELETE FROM audit_log WHERE seq >= 4').run();
  assert.equal(verifyAuditChain(db).ok, true); // the known limitation
  const verdict = verifyAuditChain(db, before.head);
  assert.equal(verdict.ok, false);
  assert.equal(!verdict.ok && verdict.reason, 'the row of the expected head is missing');
});

test('a head that no longer matches its row is reported', () => {
  const db = tamperableCopy('head');
  assert.equal(verifyAuditChain(db, { seq: 4, hash: '0'.repeat(64) }).ok, false);
});
