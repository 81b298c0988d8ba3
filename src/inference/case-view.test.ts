import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCase } from '../clinical/case/parse-case.js';
import { buildCaseView } from './case-view.js';
import { buildConsultMessages, SYSTEM_PROMPT } from './prompt.js';
import { NO_DANGER_SIGNS, run } from '../clinical/test-helpers/classify.js';

// Identifying values are unusual strings so a leak anywhere in the prompt is easy to find.
const identifying = {
  id: 'PID-ZX81',
  patient: {
    age_months: 18,
    sex: 'female',
    weight_kg: 10.2,
    name: 'Qwerty Uiop',
    village: 'Vlgzzq',
    phone: '+000 555 0199',
    medicines: ['amoxicillin', 'the pink syrup from Vlgzzq market'],
    allergies: ['penicillin'],
  },
  findings: {
    ...NO_DANGER_SIGNS,
    cough_or_difficult_breathing: true,
    cough_days: 3,
    immunizations_received: 'BCG,OPV0 per Qwerty',
  },
  notes: 'mother Qwerty says the child is from Vlgzzq',
};

const c = parseCase(identifying, { visitDate: '2026-03-02' });

test('the case view has no name, village, phone, ids, visit date or free text', () => {
  const text = JSON.stringify(buildCaseView(c));
  for (const leak of ['Qwerty', 'Vlgzzq', '555', 'PID-ZX81', '2026', 'pink syrup', 'BCG'])
    assert.ok(!text.includes(leak), `${leak} in ${text}`);
});

test('the case view keeps age in months, sex, weight, vocabulary findings and drug ids', () => {
  const view = buildCaseView(c);
  assert.equal(view.ageMonths, 18);
  assert.equal(view.ageDays, null);
  assert.equal(view.sex, 'female');
  assert.equal(view.weightKg, 10.2);
  assert.equal(view.findings.cough_days, 3);
  assert.equal(view.findings.immunizations_received, undefined);
  assert.deepEqual(view.medicines, ['amoxicillin']);
});

test('a young infant keeps days of life, which its chart is read in', () => {
  const infant = parseCase(
    { patient: { age_days: 20 }, findings: {} },
    { visitDate: '2026-03-02' },
  );
  assert.equal(buildCaseView(infant).ageDays, 20);
});

test('the prompt leaks nothing identifying and its system part is the same for every case', () => {
  const protocol = run({ findings: { ...NO_DANGER_SIGNS, convulsions_history: true } });
  const [system, user] = buildConsultMessages(buildCaseView(c), protocol, [
    { id: 'imci-2014-danger-signs', title: 'General danger signs' },
  ]);
  assert.equal(system?.content, SYSTEM_PROMPT);
  for (const leak of ['Qwerty', 'Vlgzzq', '555', 'PID-ZX81'])
    assert.ok(!user?.content.includes(leak), leak);
  assert.match(user?.content ?? '', /Referral: urgent/);
  assert.match(user?.content ?? '', /\[imci-2014-danger-signs\] General danger signs/);
});
