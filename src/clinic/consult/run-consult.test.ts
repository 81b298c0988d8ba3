import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { EDITIONS } from '../../clinical/protocols/registry.js';
import {
  compileKnowledgeBase,
  openKnowledgeBase,
  type KnowledgeBase,
} from '../../knowledge/index.js';
import { InputError } from '../../shared/errors.js';
import { createClinicStore, type ClinicStore } from '../store/clinic-store.js';
import { openClinicDatabase } from '../store/database.js';
import { randomBytes } from 'node:crypto';
import { runConsult } from './run-consult.js';

const edition = EDITIONS['imci-2014']!;
const dir = mkdtempSync(join(tmpdir(), 'medassist-consult-'));
let kb: KnowledgeBase;
let store: ClinicStore;

before(() => {
  const content = fileURLToPath(new URL('../../../content/passages', import.meta.url));
  compileKnowledgeBase({ contentDir: content, outFile: join(dir, 'kb.db') });
  kb = openKnowledgeBase(join(dir, 'kb.db'));
  const key = randomBytes(32);
  store = createClinicStore(openClinicDatabase(join(dir, 'clinic.db'), key));
});
after(() => {
  kb.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const pneumonia = (weight: number | string) => ({
  patient: { age_months: 18, weight_kg: weight },
  findings: {
    unable_to_drink_or_breastfeed: false,
    vomits_everything: false,
    convulsions_history: false,
    convulsing_now: false,
    lethargic_or_unconscious: false,
    cough_or_difficult_breathing: true,
    respiratory_rate: 46,
    chest_indrawing: false,
    stridor: false,
    wheeze: false,
  },
});

describe('the consult', () => {
  test('classifies, doses amoxicillin by weight, links the passage and sets the follow-up day', () => {
    const r = runConsult(pneumonia('11,5'), { edition, visitDate: '2026-12-04' }, { kb });
    const c = r.classifications.find((x) => x.name === 'PNEUMONIA');
    assert.ok(c);
    assert.ok(c.passages.some((p) => p.id === 'cls-pneumonia'));
    const amox = r.treatments.find((t) => t.id === 'amoxicillin-pneumonia-cb14');
    assert.equal(amox?.dose?.kind, 'ok');
    assert.deepEqual(r.followUp, { days: 3, date: '2026-12-07' });
    assert.equal(r.edition.id, 'imci-2014');
    assert.equal(r.patient.weightKg, 11.5);
  });

  test('saves one encounter however often the same consult is submitted', () => {
    const before = store.countEncounters();
    const a = runConsult(pneumonia(12), { edition, visitDate: '2026-12-04' }, { kb, store });
    const b = runConsult(pneumonia(12), { edition, visitDate: '2026-12-04' }, { kb, store });
    assert.equal(a.saved?.encounterId, b.saved?.encounterId);
    assert.equal(b.saved?.created, false);
    assert.equal(store.countEncounters(), before + 1);
  });

  test('two children with the same findings on the same day are two encounters', () => {
    const twin = (name: string) => ({
      ...pneumonia(12),
      patient: { ...pneumonia(12).patient, name, date_of_birth: '2025-06-01' },
    });
    const a = runConsult(twin('Twin One'), { edition, visitDate: '2026-12-04' }, { kb, store });
    const b = runConsult(twin('Twin Two'), { edition, visitDate: '2026-12-04' }, { kb, store });
    assert.notEqual(a.saved?.encounterId, b.saved?.encounterId);
    assert.notEqual(a.saved?.patientId, b.saved?.patientId);
    assert.equal(b.saved?.created, true);
  });

  test('refuses a respiratory rate of 300 naming the field, and saves nothing', () => {
    const before = store.countEncounters();
    const bad = pneumonia(12);
    bad.findings.respiratory_rate = 300;
    assert.throws(
      () => runConsult(bad, { edition, visitDate: '2026-12-04' }, { kb, store }),
      (e: unknown) =>
        e instanceof InputError && e.issues.some((i) => i.field === 'findings.respiratory_rate'),
    );
    assert.equal(store.countEncounters(), before);
  });

  test('every classification of every edition has a guideline passage in the knowledge base', () => {
    const missing: string[] = [];
    for (const e of Object.values(EDITIONS)) {
      for (const p of [e.sickChild, e.youngInfant]) {
        for (const g of p.groups) {
          for (const row of g.rows) {
            if (kb.passagesFor([row.classificationId]).length === 0)
              missing.push(`${p.id}: ${row.classificationId}`);
          }
        }
      }
    }
    assert.deepEqual(missing, []);
  });

  test('a young infant with a red umbilicus gets the local-infection treatment and a 2-day follow-up', () => {
    const r = runConsult(
      {
        patient: { age_days: 20, weight_kg: 3.75 },
        findings: {
          feeding_difficulty: false,
          convulsions_history: false,
          respiratory_rate: 48,
          severe_chest_indrawing: false,
          less_than_normal_movements: false,
          umbilicus_red_or_draining_pus: true,
        },
      },
      { edition, visitDate: '2026-12-04' },
      { kb },
    );
    assert.ok(r.classifications.some((c) => c.id === 'yi-local-bacterial-infection'));
    assert.equal(r.patient.weightKg, 3.75);
    assert.equal(r.followUp?.date, '2026-12-06');
  });
});
