import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openClinicStore, type EncounterRecord } from './clinic-store.js';

const dir = mkdtempSync(join(tmpdir(), 'medassist-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const record = (key: string): EncounterRecord => ({
  idempotencyKey: key,
  visitDate: '2026-12-04',
  edition: 'imci-2014',
  protocol: 'imci-2014/sick-child',
  urgentReferral: false,
  classifications: ['PNEUMONIA'],
  input: { findings: { respiratory_rate: 50 } },
  result: { ok: true },
});

test('saving the same consult twice yields one encounter', () => {
  const store = openClinicStore(join(dir, 'a.db'));
  const first = store.saveEncounter(record('k1'));
  const second = store.saveEncounter(record('k1'));
  assert.equal(first.created, true);
  assert.equal(second.created, false);
  assert.equal(second.encounterId, first.encounterId);
  assert.equal(store.countEncounters(), 1);
  store.close();
});

test('a saved encounter is read back after the database is reopened', () => {
  const path = join(dir, 'b.db');
  const store = openClinicStore(path);
  const { encounterId } = store.saveEncounter(record('k2'));
  store.close();
  const again = openClinicStore(path);
  const got = again.getEncounter(encounterId);
  assert.deepEqual(got?.classifications, ['PNEUMONIA']);
  assert.deepEqual(got?.input, { findings: { respiratory_rate: 50 } });
  assert.equal(again.getEncounter('nope'), undefined);
  again.close();
});
