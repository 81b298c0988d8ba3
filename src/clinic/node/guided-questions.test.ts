import assert from 'node:assert/strict';
import { test } from 'node:test';
import { guidedSteps } from './guided-questions.js';

const TO_ASSESS = [
  'cough_or_difficult_breathing',
  'diarrhoea',
  'lethargic_or_unconscious',
  'respiratory_rate',
  'chest_indrawing',
  'diarrhoea_days',
  'palmar_pallor',
];

test('danger signs come before the main symptoms, whatever order the engine lists them in', () => {
  const steps = guidedSteps(TO_ASSESS, {});
  assert.deepEqual(
    steps.map((s) => s.box),
    ['general_danger_signs', 'cough_or_difficult_breathing', 'diarrhoea', 'anaemia'],
  );
});

test('a main symptom asks only its entry question until it is answered yes', () => {
  const [, cough] = guidedSteps(TO_ASSESS, {});
  assert.deepEqual(
    cough?.questions.map((q) => q.key),
    ['cough_or_difficult_breathing'],
  );
  const yes = guidedSteps(TO_ASSESS, { cough_or_difficult_breathing: true });
  const coughStep = yes.find((s) => s.box === 'cough_or_difficult_breathing');
  assert.deepEqual(
    coughStep?.questions.map((q) => q.key),
    ['respiratory_rate', 'chest_indrawing'],
  );
});

test('a no, or a "not known", to the entry question closes the box', () => {
  const no = guidedSteps(TO_ASSESS, { diarrhoea: false });
  assert.ok(!no.some((s) => s.box === 'diarrhoea'));
  const skipped = guidedSteps(TO_ASSESS, {}, ['diarrhoea']);
  assert.ok(!skipped.some((s) => s.box === 'diarrhoea'));
});

test('answered questions are not asked again and carry their type and range', () => {
  const steps = guidedSteps(TO_ASSESS, {
    cough_or_difficult_breathing: true,
    respiratory_rate: 40,
  });
  const keys = steps.flatMap((s) => s.questions.map((q) => q.key));
  assert.ok(!keys.includes('respiratory_rate'));
  const [rr] =
    guidedSteps(['respiratory_rate'], { cough_or_difficult_breathing: true })[0]?.questions ?? [];
  assert.equal(rr?.type, 'number');
  assert.deepEqual(rr?.range, { min: 5, max: 150 });
});
