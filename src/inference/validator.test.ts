import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NO_DANGER_SIGNS, run } from '../clinical/test-helpers/classify.js';
import type { ModelAnswer } from './output-schema.js';
import { validateContribution } from './validator.js';

// A child who convulsed: a general danger sign, urgent referral (IMCI chart booklet 2014,
// "Check for general danger signs").
const convulsions = run({ findings: { ...NO_DANGER_SIGNS, convulsions_history: true } });

// Fast breathing at 18 months, no chest indrawing: PNEUMONIA, treated at the clinic.
const pneumonia = run({
  findings: {
    ...NO_DANGER_SIGNS,
    cough_or_difficult_breathing: true,
    cough_days: 3,
    respiratory_rate: 46,
    rr_counted_full_minute: true,
    child_calm_during_count: true,
    chest_indrawing: false,
    stridor: false,
    wheeze: false,
    pulse_oximeter_available: false,
  },
});

const answer = (over: Partial<ModelAnswer>): ModelAnswer => ({
  summary: 'Child with cough; follow the protocol plan.',
  differential: [],
  redFlags: [],
  confidence: 'medium',
  ...over,
});

test('the test cases reach the classifications the gate is checked against', () => {
  assert.equal(convulsions.urgentReferral, true);
  assert.ok(pneumonia.classifications.some((c) => c.name === 'PNEUMONIA'));
  assert.equal(pneumonia.referral, false);
});

test('a model answer that denies the danger sign is overruled and its confidence drops', () => {
  const out = validateContribution(
    convulsions,
    answer({
      summary: 'No convulsions reported; no general danger signs.',
      redFlags: ['Watch for lethargy', 'no danger signs present'],
      confidence: 'high',
    }),
  );
  assert.equal(out.summary, null);
  assert.deepEqual(out.redFlags, ['Watch for lethargy']);
  assert.deepEqual(
    out.overruled.map((o) => [o.field, o.reason]),
    [
      ['summary', 'negates-danger-sign'],
      ['redFlags', 'negates-danger-sign'],
    ],
  );
  assert.equal(out.confidence, 'low');
});

test('an answer that would keep a referred child at home is overruled as hiding the referral', () => {
  const out = validateContribution(
    convulsions,
    answer({ summary: 'Well child; manage at home with fluids.' }),
  );
  assert.equal(out.summary, null);
  assert.equal(out.overruled[0]?.reason, 'hides-referral');
});

test('any dose in model text is dropped, since doses come from the protocol alone', () => {
  const out = validateContribution(
    pneumonia,
    answer({ redFlags: ['Give amoxicillin 250 mg', 'Chest indrawing appears'] }),
  );
  assert.deepEqual(out.redFlags, ['Chest indrawing appears']);
  assert.equal(out.overruled[0]?.reason, 'mentions-dose');
});

test('naming a milder row of the same table is overruled as a downgrade', () => {
  const out = validateContribution(
    pneumonia,
    answer({ differential: [{ condition: 'Cough or cold', confidence: 'high' }] }),
  );
  assert.deepEqual(out.differential, []);
  assert.equal(out.overruled[0]?.reason, 'downgrades-severity');
});

test('negating a classification the protocol reached is overruled', () => {
  const out = validateContribution(pneumonia, answer({ summary: 'Pneumonia is unlikely.' }));
  assert.equal(out.overruled[0]?.reason, 'negates-classification');
});

test('restating a classification in the differential is dropped without lowering confidence', () => {
  const out = validateContribution(
    pneumonia,
    answer({ differential: [{ condition: 'pneumonia', confidence: 'low' }], confidence: 'high' }),
  );
  assert.deepEqual(out.differential, []);
  assert.equal(out.overruled[0]?.reason, 'restates-classification');
  assert.equal(out.confidence, 'high');
});

test('considerations and red flags that only add are kept whole', () => {
  const added = answer({
    summary: 'Cough with fast breathing, classified as pneumonia; ask about contacts with TB.',
    differential: [{ condition: 'Tuberculosis contact', confidence: 'low' }],
    redFlags: ['Chest indrawing', 'Unable to drink', 'Convulsions'],
    confidence: 'medium',
  });
  const out = validateContribution(pneumonia, added);
  assert.deepEqual(out.overruled, []);
  assert.deepEqual({ ...out, overruled: undefined }, { ...added, overruled: undefined });
});

test('the protocol result is not changed by the gate', () => {
  const before = JSON.stringify(convulsions);
  validateContribution(convulsions, answer({ summary: 'No danger signs.' }));
  assert.equal(JSON.stringify(convulsions), before);
});

test('a red flag that withholds the plan by drug class or by name is overruled as a treatment change', () => {
  for (const line of [
    'no need for antibiotics',
    'antibiotics not needed for this cough',
    'stop the amoxicillin if the child feels better',
  ]) {
    const c = validateContribution(pneumonia, answer({ redFlags: [line] }));
    assert.deepEqual(c.redFlags, [], line);
    assert.equal(c.overruled[0]?.reason, 'changes-treatment', line);
  }
});

test('a red flag that names the treatment without withholding it is kept', () => {
  const line = 'breathing faster despite antibiotics';
  const c = validateContribution(pneumonia, answer({ redFlags: [line] }));
  assert.deepEqual(c.redFlags, [line]);
  assert.deepEqual(c.overruled, []);
});
