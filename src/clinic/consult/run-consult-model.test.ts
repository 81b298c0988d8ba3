import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { EDITIONS } from '../../clinical/protocols/registry.js';
import { fakeEngine, answer } from '../../inference/orchestrator/test-helpers.js';
import { createClinicStore } from '../store/clinic-store.js';
import { openClinicDatabase } from '../store/database.js';
import type { ConsultResult } from './consult-result.js';
import { runConsult, runConsultWithModel } from './run-consult.js';

const edition = EDITIONS['imci-2014']!;
const dir = mkdtempSync(join(tmpdir(), 'medassist-consult-model-'));
const store = createClinicStore(openClinicDatabase(join(dir, 'clinic.db'), randomBytes(32)));
after(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

// A child who convulsed: urgent referral (IMCI chart booklet 2014, general danger signs).
const convulsed = {
  patient: { age_months: 18, weight_kg: 11 },
  findings: {
    unable_to_drink_or_breastfeed: false,
    vomits_everything: false,
    convulsions_history: true,
    convulsing_now: false,
    lethargic_or_unconscious: false,
  },
};
const options = { edition, visitDate: '2026-12-04' };

test('saves the model step with the consult, and the protocol result is unchanged by it', async () => {
  const cloud = fakeEngine(
    'cloud',
    JSON.stringify(answer({ summary: 'No danger signs; treat at home.', redFlags: ['Fever'] })),
  );
  const r = await runConsultWithModel(
    convulsed,
    options,
    { store },
    {
      cloud: cloud.engine,
      mode: () => 'ONLINE',
    },
  );
  const plain = runConsult(convulsed, options);

  assert.equal(r.model?.servedBy, 'cloud');
  assert.equal(r.model?.contribution?.summary, null);
  assert.deepEqual(r.classifications, plain.classifications);
  assert.equal(r.urgentReferral, true);
  const kept = store.getEncounter(r.saved?.encounterId ?? '')?.result as ConsultResult;
  assert.equal(kept.model?.servedBy, 'cloud');
  assert.equal(kept.model?.overruled[0]?.source, 'cloud');
});

test('the model sees the case without the identity of the patient', async () => {
  const cloud = fakeEngine('cloud', JSON.stringify(answer()));
  const named = { ...convulsed, patient: { ...convulsed.patient, name: 'Zawadi Testname' } };
  await runConsultWithModel(named, options, {}, { cloud: cloud.engine, mode: () => 'ONLINE' });

  const prompt = JSON.stringify(cloud.state.seen[0]?.messages);
  // The finding reaches the model (the prompt spells vocabulary keys as words).
  assert.match(prompt, /convulsions[_ ]history/);
  assert.doesNotMatch(prompt, /Zawadi|Testname/);
});

test('a consult without a model step has no model field', () => {
  assert.equal('model' in runConsult(convulsed, options), false);
});
