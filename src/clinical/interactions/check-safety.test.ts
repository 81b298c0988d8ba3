import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../../shared/errors.js';
import { checkSafety } from './check-safety.js';
import type { SafetyInput } from './types.js';

const base: SafetyInput = { drugs: [], currentMedicines: [], allergies: [] };
const kinds = (r: ReturnType<typeof checkSafety>) =>
  r.alerts.map((a) => `${a.kind}:${a.severity}:${a.drugs.join('+')}`);

void test('cotrimoxazole with methotrexate is a contraindicated interaction from ANSM', () => {
  const r = checkSafety({
    ...base,
    drugs: ['cotrimoxazole'],
    currentMedicines: ['Methotrexate 10 mg weekly'],
  });
  const first = r.alerts[0];
  assert.equal(first?.kind, 'interaction');
  assert.equal(first?.severity, 'contraindicated');
  assert.deepEqual(first?.drugs, ['cotrimoxazole', 'methotrexate']);
  assert.match(first?.source ?? '', /ansm_thesaurus_en_2016_interactions\.tsv interaction_id \d+/);
});

void test('ciprofloxacin given with zinc for dysentery says to space the doses', () => {
  const r = checkSafety({ ...base, drugs: ['ciprofloxacin', 'zinc'] });
  assert.ok(
    r.alerts.some(
      (a) => a.kind === 'interaction' && a.drugs.includes('zinc') && a.severity === 'moderate',
    ),
  );
});

void test('ciprofloxacin for a 2-year-old raises no age alert (IMCI dysentery dose)', () => {
  const r = checkSafety({ ...base, drugs: ['ciprofloxacin'], ageMonths: 24 });
  assert.deepEqual(r.alerts, []);
});

void test('rifampicin reduces the combined pill: major interaction found through class expansion', () => {
  const r = checkSafety({
    ...base,
    drugs: ['rifampicin'],
    currentMedicines: ['combined oral contraceptive'],
  });
  assert.ok(
    r.alerts.some((a) => a.severity === 'major' && a.drugs.includes('combined-oral-contraceptive')),
  );
});

void test('tetracycline eye ointment with vitamin A raises no interaction, oral doxycycline does', () => {
  assert.deepEqual(checkSafety({ ...base, drugs: ['tetracycline-eye', 'vitamin-a'] }).alerts, []);
  const oral = checkSafety({ ...base, drugs: ['vitamin-a'], currentMedicines: ['doxycycline'] });
  assert.equal(oral.alerts[0]?.severity, 'contraindicated');
});

void test('an allergy to penicillin blocks amoxicillin and warns on ceftriaxone cross-reactivity', () => {
  const r = checkSafety({
    ...base,
    drugs: ['amoxicillin', 'ceftriaxone'],
    allergies: ['Penicillin allergy'],
  });
  assert.deepEqual(kinds(r), ['allergy:contraindicated:amoxicillin', 'allergy:major:ceftriaxone']);
});

void test('an allergy to amoxicillin counts for ampicillin too; sulfa allergy blocks cotrimoxazole', () => {
  const amp = checkSafety({ ...base, drugs: ['ampicillin'], allergies: ['amoxicillin'] });
  assert.equal(amp.alerts[0]?.severity, 'contraindicated');
  const sulfa = checkSafety({ ...base, drugs: ['cotrimoxazole'], allergies: ['sulpha drugs'] });
  assert.deepEqual(kinds(sulfa), ['allergy:contraindicated:cotrimoxazole']);
});

void test('pregnancy alerts fire only when pregnant', () => {
  const input = { ...base, drugs: ['ciprofloxacin', 'vitamin-a'] };
  assert.deepEqual(checkSafety(input).alerts, []);
  assert.deepEqual(kinds(checkSafety({ ...input, pregnant: true })), [
    'pregnancy:contraindicated:vitamin-a',
    'pregnancy:major:ciprofloxacin',
  ]);
});

void test('systemic tetracycline is contraindicated just under 8 years and not at 8 years', () => {
  const at = (ageMonths: number) =>
    checkSafety({ ...base, drugs: ['doxycycline'], ageMonths }).alerts.length;
  assert.equal(at(95.9), 1);
  assert.equal(at(96), 0);
  assert.equal(at(96.1), 0);
});

void test('rectal artesunate alerts from 6 years; the injection never does', () => {
  const at = (drug: string, ageMonths: number) =>
    checkSafety({ ...base, drugs: [drug], ageMonths }).alerts.length;
  assert.equal(at('artesunate-rectal', 71.9), 0);
  assert.equal(at('artesunate-rectal', 72), 1);
  assert.equal(at('artesunate-rectal', 80), 1);
  assert.equal(at('artesunate', 80), 0);
});

void test('cotrimoxazole alerts under 1 month from age in days, not from 31 days', () => {
  const at = (ageDays: number) =>
    checkSafety({ ...base, drugs: ['cotrimoxazole'], ageDays }).alerts.length;
  assert.equal(at(20), 1);
  assert.equal(at(30), 1);
  assert.equal(at(31), 0);
});

void test('alerts are sorted most severe first across kinds', () => {
  const r = checkSafety({
    drugs: ['ciprofloxacin', 'iron', 'cotrimoxazole'],
    currentMedicines: ['warfarin', 'methotrexate'],
    allergies: [],
    pregnant: true,
  });
  const ranks = r.alerts.map((a) =>
    ['contraindicated', 'major', 'moderate', 'minor'].indexOf(a.severity),
  );
  assert.deepEqual(
    ranks,
    [...ranks].sort((a, b) => a - b),
  );
  assert.ok(ranks.length >= 4);
});

void test('unknown medicines and allergies are reported, known ones are not', () => {
  const r = checkSafety({
    ...base,
    drugs: ['paracetamol'],
    currentMedicines: ['herbal tea X', 'AZT'],
    allergies: ['bee stings'],
  });
  assert.deepEqual(r.unknownMedicines, ['herbal tea X']);
  assert.deepEqual(r.unknownAllergies, ['bee stings']);
});

void test('a medicine already taken is flagged as duplicate therapy', () => {
  const r = checkSafety({
    ...base,
    drugs: ['cotrimoxazole'],
    currentMedicines: ['co-trimoxazole prophylaxis'],
  });
  assert.ok(
    r.alerts.length === 0 || r.alerts.some((a) => a.drugs.join() === 'cotrimoxazole,cotrimoxazole'),
  );
  const exact = checkSafety({
    ...base,
    drugs: ['cotrimoxazole'],
    currentMedicines: ['co-trimoxazole'],
  });
  assert.deepEqual(kinds(exact), ['interaction:moderate:cotrimoxazole+cotrimoxazole']);
});

void test('iron for a child on RUTF is a curated IMCI interaction', () => {
  const r = checkSafety({ ...base, drugs: ['iron', 'rutf'] });
  assert.equal(r.alerts[0]?.source.includes('imci-facts C.8'), true);
});

void test('an unknown drug id to give is a broken contract', () => {
  assert.throws(
    () => checkSafety({ ...base, drugs: ['amoxycilin'] }),
    (e: unknown) =>
      e instanceof InputError && /drugs\[0\]: unknown drug id \[amoxycilin\]/.test(e.message),
  );
});
