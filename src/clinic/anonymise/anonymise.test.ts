import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { after, describe, test } from 'node:test';
import { EncounterUpload } from '../../protocol/v1.js';
import { encodeBody } from '../sync/http.js';
import { readPending, toPushItem } from '../sync/outbox-store.js';
import {
  makeClinic,
  removeTempDirs,
  saveGeneratedConsults,
} from '../sync/test-helpers/sync-clinic.js';
import { anonymiseEncounter, resourceKeyOf } from './index.js';

after(removeTempDirs);

const ctx = { clinicId: 'c-test-01', region: 'tz-north', syncSecret: randomBytes(32) };

describe('anonymised uploads of generated patients', () => {
  const clinic = makeClinic();
  after(() => clinic.close());
  const secrets = saveGeneratedConsults(clinic, 150, 20261204);
  const db = clinic.store.db;
  const local = db.prepare('SELECT id, patient_id, created_at FROM encounters').all() as {
    id: string;
    patient_id: string | null;
    created_at: string;
  }[];
  const localValues = local.flatMap((r) => [
    r.id,
    r.created_at,
    ...(r.patient_id ? [r.patient_id] : []),
  ]);
  const items = readPending(db, 1000).map((row) => toPushItem(db, row, ctx));

  test('every saved consult is queued and becomes a valid EncounterUpload', () => {
    assert.equal(items.length, 150);
    for (const item of items) {
      assert.equal(item.kind, 'encounter');
      assert.ok(EncounterUpload.safeParse(item.body).success);
    }
  });

  test('no name, village, phone, birth date, case id, free text or visit date appears in any byte', () => {
    const { bytes } = encodeBody({ batchId: 'b1', items }, true);
    const wire = gunzipSync(bytes).toString('utf8');
    const json = JSON.stringify(items);
    assert.ok(secrets.length >= 150 * 8);
    for (const value of secrets) {
      assert.ok(!json.includes(value), `leaked in JSON: ${value}`);
      assert.ok(!wire.includes(value), `leaked on the wire: ${value}`);
    }
  });

  test('no local encounter id, patient id or exact timestamp appears in any byte', () => {
    const json = JSON.stringify(items);
    assert.ok(local.some((r) => r.patient_id !== null));
    for (const value of localValues) assert.ok(!json.includes(value), `leaked: ${value}`);
    assert.doesNotMatch(json, /\d{4}-\d{2}-\d{2}/);
  });

  test('the resourceKey is the HMAC of the local encounter id under the sync secret', () => {
    const keys = new Set(items.map((i) => (i.kind === 'encounter' ? i.body.resourceKey : '')));
    for (const r of local) assert.ok(keys.has(resourceKeyOf(ctx.syncSecret, r.id)));
  });
});

describe('the FHIR bundle of one encounter', () => {
  const stored = {
    id: 'enc-1',
    visitDate: '2026-12-04',
    edition: 'imci-2014',
    protocol: 'sick-child',
    urgentReferral: false,
    input: {
      patient: {
        age: { months: 18, days: 548 },
        sex: 'male',
        weightKg: 11.5,
        temperatureC: 38.6,
        medicines: ['x'],
      },
      findings: {
        respiratory_rate: 46,
        fever: true,
        malaria_risk: 'high',
        immunizations_received: 'BCG',
        not_a_key: 3,
      },
      name: 'should never be read',
    },
    result: {
      classifications: [
        { id: 'pneumonia', name: 'PNEUMONIA', severity: 'specific-treatment', status: 'final' },
      ],
      treatments: [
        {
          kind: 'regimen',
          id: 'amoxicillin-pneumonia-cb14',
          drug: 'amoxicillin',
          phase: 'home',
          deferred: false,
          coveredBy: null,
          dose: {
            kind: 'ok',
            formulation: 'amoxicillin-dt-250mg',
            amount: { value: 2, unit: 'tablet', text: '2 tablets' },
            doseMg: 500,
            frequencyPerDay: 2,
            durationDays: 5,
            route: 'oral',
          },
        },
        {
          kind: 'action',
          id: 'assess-feeding',
          drug: null,
          phase: 'clinic',
          deferred: false,
          coveredBy: null,
          dose: null,
        },
      ],
    },
  };
  const upload = anonymiseEncounter(stored, ctx);
  const resources = (upload.fhir.entry as { resource: Record<string, unknown> }[]).map(
    (e) => e.resource,
  );
  const ofType = (t: string) => resources.filter((r) => r.resourceType === t);

  test('carries age in months, sex, region and ISO week at the top', () => {
    assert.deepEqual(
      { age: upload.ageMonths, sex: upload.sex, region: upload.region, week: upload.week },
      { age: 18, sex: 'male', region: 'tz-north', week: '2026-W49' },
    );
  });

  test('has one Condition per classification with our code and ICD-10', () => {
    const [condition] = ofType('Condition');
    assert.equal(ofType('Condition').length, 1);
    const codes = (condition!.code as { coding: { code: string }[] }).coding.map((c) => c.code);
    assert.deepEqual(codes, ['pneumonia', 'J18.9']);
  });

  test('has an Observation per vital and per vocabulary finding, never for text findings', () => {
    const obs = ofType('Observation').map((o) => JSON.stringify(o.code));
    assert.equal(obs.length, 2 + 3);
    assert.ok(obs.some((c) => c.includes('9279-1')));
    assert.ok(!obs.some((c) => c.includes('immunizations_received') || c.includes('not_a_key')));
  });

  test('has a MedicationRequest per regimen with its dose, none for actions', () => {
    const [mr] = ofType('MedicationRequest');
    assert.equal(ofType('MedicationRequest').length, 1);
    const dosage = (mr!.dosageInstruction as Record<string, unknown>[])[0]!;
    assert.deepEqual(dosage.doseAndRate, [{ doseQuantity: { value: 2, unit: 'tablet' } }]);
    assert.ok(!JSON.stringify(mr).includes('2 tablets'));
  });

  test('is the same bytes on every try, so a retried item is the same item', () => {
    assert.equal(JSON.stringify(anonymiseEncounter(stored, ctx)), JSON.stringify(upload));
  });

  test('refuses to upload an encounter with no age rather than guess one', () => {
    const noAge = { ...stored, input: { patient: { age: { months: null, days: null } } } };
    assert.throws(() => anonymiseEncounter(noAge, ctx), { code: 'SYNC_ITEM_UNUPLOADABLE' });
  });
});
