import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createClinicStore, type EncounterRecord } from './clinic-store.js';
import { openClinicDatabase } from './database.js';

const dir = mkdtempSync(join(tmpdir(), 'medassist-notes-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const dataKey = randomBytes(32);
const open = (name: string) => createClinicStore(openClinicDatabase(join(dir, name), dataKey));

const nurse = { userId: 'u-nurse', role: 'nurse' as const };
const record = (key: string): EncounterRecord => ({
  idempotencyKey: key,
  visitDate: '2026-12-04',
  followUpDate: null,
  edition: 'imci-2014',
  protocol: 'imci-2014/sick-child',
  urgentReferral: false,
  classifications: ['PNEUMONIA'],
  input: { findings: { respiratory_rate: 52 } },
  result: { classifications: ['PNEUMONIA'], saved: null },
});
const notes = (caseKey: string, summary = 'Cough with fast breathing.') => ({
  caseKey,
  model: {
    servedBy: 'local',
    contribution: { summary, differential: [], redFlags: [] },
    overruled: [{ field: 'redFlags', index: 0, reason: 'negates-classification', text: 'x' }],
  },
});

type Audit = { action: string; outcome: string; detail: string | null; entity_id: string };
const auditRows = (store: ReturnType<typeof open>) =>
  store.db.prepare('SELECT action, outcome, detail, entity_id FROM audit_log').all() as Audit[];

void test('the notes are stored under result.model of the encounter, overruled lines too', () => {
  const store = open('a.db');
  const { encounterId } = store.saveEncounter(record('k1'), nurse);
  assert.deepEqual(store.attachModelNotes(encounterId, notes('k1'), nurse), { attached: true });
  const result = store.getEncounter(encounterId, nurse)?.result as Record<string, unknown>;
  assert.deepEqual(result.model, notes('k1').model);
  assert.deepEqual(result.classifications, ['PNEUMONIA'], 'the protocol result is unchanged');
  assert.equal(store.countEncounters(), 1);
  assert.equal(store.pendingOutbox(), 1, 'model text never queues for sync');
  store.close();
});

void test('a second attach keeps the first notes and writes no second audit row', () => {
  const store = open('b.db');
  const { encounterId } = store.saveEncounter(record('k2'), nurse);
  store.attachModelNotes(encounterId, notes('k2', 'first'), nurse);
  assert.deepEqual(store.attachModelNotes(encounterId, notes('k2', 'second'), nurse), {
    attached: false,
  });
  const result = store.getEncounter(encounterId, nurse)?.result as {
    model: { contribution: { summary: string } };
  };
  assert.equal(result.model.contribution.summary, 'first');
  const changes = auditRows(store).filter((r) => r.detail === 'model-notes');
  assert.deepEqual(
    changes.map((r) => [r.action, r.outcome, r.entity_id]),
    [['consult.save', 'ok', encounterId]],
  );
  store.close();
});

void test('notes of another case are refused', () => {
  const store = open('c.db');
  const { encounterId } = store.saveEncounter(record('k3'), nurse);
  assert.throws(
    () => store.attachModelNotes(encounterId, notes('other-case'), nurse),
    /notes are of another case/,
  );
  assert.equal((store.getEncounter(encounterId)?.result as { model?: unknown }).model, undefined);
  store.close();
});

void test('another user may not add notes to a consult they did not save, and it is audited', () => {
  const store = open('d.db');
  const { encounterId } = store.saveEncounter(record('k4'), nurse);
  const doctor = { userId: 'u-doctor', role: 'doctor' as const };
  assert.throws(
    () => store.attachModelNotes(encounterId, notes('k4'), doctor),
    /only the user who saved this consult/,
  );
  const admin = { userId: 'u-admin', role: 'admin' as const };
  assert.throws(() => store.attachModelNotes(encounterId, notes('k4'), admin), /may not perform/);
  const denied = auditRows(store).filter((r) => r.outcome === 'denied');
  assert.equal(denied.length, 2);
  assert.equal((store.getEncounter(encounterId)?.result as { model?: unknown }).model, undefined);
  store.close();
});

void test('an unknown encounter id is refused with the id shown', () => {
  const store = open('e.db');
  assert.throws(
    () => store.attachModelNotes('no-such-id', notes('k5'), nurse),
    /no encounter with this id \[no-such-id\]/,
  );
  store.close();
});
