import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { randomBytes } from 'node:crypto';
import { createClinicStore, type EncounterRecord } from './clinic-store.js';
import { openClinicDatabase } from './database.js';

const dir = mkdtempSync(join(tmpdir(), 'medassist-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const key = randomBytes(32);
const open = (name: string) => createClinicStore(openClinicDatabase(join(dir, name), key));

const record = (
  key: string,
  identity?: EncounterRecord['identity'],
  visitDate = '2026-12-04',
): EncounterRecord => ({
  idempotencyKey: key,
  visitDate,
  followUpDate: null,
  edition: 'imci-2014',
  protocol: 'imci-2014/sick-child',
  urgentReferral: false,
  classifications: ['PNEUMONIA'],
  input: { findings: { respiratory_rate: 50 } },
  result: { ok: true },
  ...(identity ? { identity } : {}),
});

test('saving the same consult twice yields one encounter and one outbox entry', () => {
  const store = open('a.db');
  const first = store.saveEncounter(record('k1'));
  const second = store.saveEncounter(record('k1'));
  assert.equal(first.created, true);
  assert.equal(second.created, false);
  assert.equal(second.encounterId, first.encounterId);
  assert.equal(store.countEncounters(), 1);
  assert.equal(store.pendingOutbox(), 1);
  store.close();
});

test('a saved encounter is read back after the database is reopened with the key', () => {
  const store = open('b.db');
  const { encounterId } = store.saveEncounter(record('k2'));
  store.close();
  const again = open('b.db');
  const got = again.getEncounter(encounterId);
  assert.deepEqual(got?.classifications, ['PNEUMONIA']);
  assert.deepEqual(got?.input, { findings: { respiratory_rate: 50 } });
  assert.equal(again.getEncounter('nope'), undefined);
  again.close();
});

test('repeat visits of the same patient are linked and listed in the history', () => {
  const store = open('c.db');
  const child = { name: 'Test Child', dateOfBirth: '2025-01-10', sex: 'female' as const };
  const v1 = store.saveEncounter(record('v1', child, '2026-11-01'));
  const v2 = store.saveEncounter(record('v2', child, '2026-12-04'));
  assert.equal(v2.patientId, v1.patientId);
  assert.equal(v2.previousEncounterId, v1.encounterId);
  const history = store.history(v1.patientId ?? '');
  assert.deepEqual(
    history.map((h) => h.visitDate),
    ['2026-11-01', '2026-12-04'],
  );
  store.close();
});

test('a likely duplicate (same name, sex, birth date within a month) is flagged with a merge offer', () => {
  const store = open('d.db');
  const a = store.saveEncounter(
    record('d1', { name: 'Amina Juma', dateOfBirth: '2024-03-01', sex: 'female' }),
  );
  const b = store.saveEncounter(
    record('d2', { name: 'JUMA Amína', dateOfBirth: '2024-03-20', sex: 'female' }),
  );
  assert.notEqual(a.patientId, b.patientId);
  assert.deepEqual(
    b.duplicates.map((d) => d.id),
    [a.patientId],
  );
  const c = store.saveEncounter(
    record('d3', { name: 'Amina Juma', dateOfBirth: '2024-06-01', sex: 'female' }),
  );
  assert.deepEqual(c.duplicates, [], 'three months apart is not flagged');
  store.mergePatients(a.patientId ?? '', b.patientId ?? '');
  assert.equal(store.history(a.patientId ?? '').length, 2);
  store.close();
});

test('erasing a patient removes identity and records and leaves a tombstone in the outbox', () => {
  const store = open('e.db');
  const saved = store.saveEncounter(record('e1', { name: 'Erase Me', dateOfBirth: '2025-02-02' }));
  const result = store.erasePatient(saved.patientId ?? '');
  assert.equal(result.encounters, 1);
  assert.equal(store.getPatient(saved.patientId ?? ''), undefined);
  assert.equal(store.countEncounters(), 0);
  const rows = store.db.prepare('SELECT kind, payload FROM outbox').all() as {
    kind: string;
    payload: string;
  }[];
  assert.deepEqual(
    rows.map((r) => r.kind),
    ['tombstone'],
  );
  assert.match(rows[0]?.payload ?? '', new RegExp(saved.encounterId));
  assert.doesNotMatch(rows[0]?.payload ?? '', /Erase Me/);
  store.close();
});

test('only a doctor overrides a classification, and the audit row holds no reason text', () => {
  const store = open('g.db');
  const saved = store.saveEncounter(record('g1'));
  const nurse = { userId: 'u-nurse', role: 'nurse' as const };
  const doctor = { userId: 'u-doctor', role: 'doctor' as const };
  const o = {
    classificationId: 'pneumonia',
    replacement: 'COUGH OR COLD',
    reason: 'ZZREASON rate recounted at rest',
  };
  assert.throws(() => store.overrideClassification(saved.encounterId, o, nurse), /may not perform/);
  assert.throws(
    () =>
      store.overrideClassification(
        saved.encounterId,
        { ...o, classificationId: 'mastoiditis' },
        doctor,
      ),
    /not a classification of this encounter/,
  );
  store.overrideClassification(saved.encounterId, o, doctor);
  assert.equal(store.getEncounter(saved.encounterId)?.overrides[0]?.replacement, 'COUGH OR COLD');
  const rows = store.db.prepare('SELECT action, outcome, detail FROM audit_log').all() as {
    action: string;
    outcome: string;
    detail: string | null;
  }[];
  assert.ok(rows.some((r) => r.action === 'classification.override' && r.outcome === 'denied'));
  assert.ok(rows.some((r) => r.action === 'classification.override' && r.outcome === 'ok'));
  assert.ok(rows.every((r) => !(r.detail ?? '').includes('ZZREASON')));
  store.close();
});

test('the duplicate tolerance is 31 days: a birth date 31 days apart is flagged, 32 days is not', () => {
  const store = open('h.db');
  const a = store.saveEncounter(
    record('h1', { name: 'Tol Child', dateOfBirth: '2024-01-01', sex: 'male' }),
  );
  const near = store.saveEncounter(
    record('h2', { name: 'Tol Child', dateOfBirth: '2024-02-01', sex: 'male' }),
  );
  const far = store.saveEncounter(
    record('h3', { name: 'Tol Child', dateOfBirth: '2023-11-30', sex: 'male' }),
  );
  assert.ok(near.duplicates.some((d) => d.id === a.patientId));
  assert.ok(!far.duplicates.some((d) => d.id === a.patientId));
  store.close();
});
