import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../../shared/errors.js';
import { prescribe, prescribeCombination } from './prescribe.js';
import { ok } from './test-helpers.js';

void test('diazepam for a 15 kg child is 1.5 ml of 10 mg/2 ml (imci-facts A.11)', () => {
  const p = ok('diazepam-rectal-convulsions', { weightKg: 15 });
  assert.equal(p.amount.text, '1.5 ml');
  assert.equal(p.doseMg, 7.5);
  assert.equal(p.route, 'rectal');
});

void test('diazepam stops at the 10 mg per-dose maximum at and above 20 kg', () => {
  assert.equal(ok('diazepam-rectal-convulsions', { weightKg: 19 }).doseMg, 9.5);
  assert.equal(ok('diazepam-rectal-convulsions', { weightKg: 20 }).doseMg, 10);
  const above = ok('diazepam-rectal-convulsions', { weightKg: 25 });
  assert.equal(above.amount.text, '2 ml');
  assert.match(above.warnings.join(' '), /per-dose maximum/);
});

void test('ciprofloxacin is capped at 500 mg per dose for a heavy patient', () => {
  const p = ok('ciprofloxacin-dysentery-cb14', { weightKg: 40 });
  assert.equal(p.doseMg, 500);
  assert.equal(p.amount.text, '1 tablet');
  assert.equal(p.formulation, 'ciprofloxacin-tab-500mg');
  assert.equal(ok('ciprofloxacin-dysentery-cb14', { weightKg: 33 }).doseMg, 500);
});

void test('ciprofloxacin rounds to a half tablet that stays within range', () => {
  // 5 kg: 75 mg exact; ½ x 250 mg = 125 mg is the smallest givable amount (CB14 row: ½ tablet).
  assert.equal(ok('ciprofloxacin-dysentery-cb14', { weightKg: 5 }).amount.text, '½ tablet');
  // 12 kg: 180 mg exact; 125 mg would be 10.4 mg/kg, under 85 % of 15, so 250 mg is given.
  assert.equal(ok('ciprofloxacin-dysentery-cb14', { weightKg: 12 }).doseMg, 250);
  // 20 kg: 300 mg exact; 1½ tablets (375 mg) is the nearest amount inside the window.
  assert.equal(ok('ciprofloxacin-dysentery-cb14', { weightKg: 20 }).amount.text, '1½ tablets');
});

void test('ciprofloxacin without a weight uses the CB14 age rows', () => {
  const p = ok('ciprofloxacin-dysentery-cb14', { ageMonths: 5.9 });
  assert.equal(p.amount.text, '½ tablet');
  assert.equal(p.basis, 'age');
  assert.equal(ok('ciprofloxacin-dysentery-cb14', { ageMonths: 6 }).amount.text, '1 tablet');
  assert.deepEqual(prescribe('diazepam-rectal-convulsions', { ageMonths: 20 }), {
    kind: 'insufficient-data',
    regimenId: 'diazepam-rectal-convulsions',
    missing: ['weightKg'],
  });
});

void test('paracetamol syrup never goes above 15 mg/kg: 7 kg gets 4 ml, not 4.5 ml', () => {
  const p = ok('paracetamol-fever', { weightKg: 7 }, { stock: ['paracetamol-syrup-120mg-5ml'] });
  assert.equal(p.amount.text, '4 ml');
  assert.ok((p.mgPerKg ?? 99) <= 15);
  assert.equal(ok('paracetamol-fever', { weightKg: 7 }).amount.text, '1 tablet');
});

void test('paracetamol prints 1½ tablets of 100 mg at 10 kg and ¼ of 500 mg when that is all', () => {
  assert.equal(ok('paracetamol-fever', { weightKg: 10 }).amount.text, '1½ tablets');
  const quarter = ok('paracetamol-ear-pain', { weightKg: 9 }, { stock: ['paracetamol-tab-500mg'] });
  assert.equal(quarter.amount.text, '¼ tablet');
  assert.equal(quarter.durationDays, 1);
});

void test('a 3.75 kg weight is used as given: gentamicin 7.5 mg/kg is 2.8 ml, 7.47 mg/kg', () => {
  const p = ok('gentamicin-im-young-infant', { weightKg: 3.75, ageDays: 10 });
  assert.equal(p.amount.text, '2.8 ml');
  assert.equal(p.mgPerKg, 7.47);
});

void test('gentamicin uses 5 mg/kg under 7 days and 7.5 mg/kg from day 7', () => {
  assert.equal(ok('gentamicin-im-young-infant', { weightKg: 3, ageDays: 6 }).doseMg, 15);
  assert.equal(ok('gentamicin-im-young-infant', { weightKg: 3, ageDays: 7 }).doseMg, 22);
  assert.equal(ok('gentamicin-im-young-infant', { weightKg: 2.4, ageDays: 3 }).doseMg, 7);
});

void test('gentamicin asks for age in days when months cannot tell under 7 days', () => {
  assert.deepEqual(prescribe('gentamicin-im-young-infant', { weightKg: 3, ageMonths: 0 }), {
    kind: 'insufficient-data',
    regimenId: 'gentamicin-im-young-infant',
    missing: ['ageDays'],
  });
  assert.equal(ok('gentamicin-im-young-infant', { weightKg: 4, ageMonths: 1 }).doseMg, 30);
});

void test('the child gentamicin dose uses the undiluted 40 mg/ml vial', () => {
  const p = ok('gentamicin-im-prereferral-child', { weightKg: 10 });
  assert.equal(p.formulation, 'gentamicin-inj-80mg-2ml');
  assert.equal(p.amount.text, '1.9 ml');
});

void test('ampicillin and gentamicin come together as a combination', () => {
  const [amp, gent] = prescribeCombination('ampicillin-gentamicin-prereferral-child-cb14', {
    weightKg: 8,
  });
  assert.equal(amp?.kind === 'ok' && amp.amount.text, '2.4 ml');
  assert.equal(gent?.kind === 'ok' && gent.amount.text, '1.5 ml');
});

void test('IM artesunate is 3 mg/kg below 20 kg and 2.4 mg/kg from 20 kg', () => {
  assert.equal(ok('artesunate-im-prereferral', { weightKg: 19.9 }).amount.text, '3 ml');
  assert.equal(ok('artesunate-im-prereferral', { weightKg: 20 }).amount.text, '2.4 ml');
});

void test('benzylpenicillin doses are in units', () => {
  const p = ok('benzylpenicillin-im-young-infant-hb05', { weightKg: 4 });
  assert.deepEqual(p.dose, { value: 200_000, unit: 'U' });
  assert.equal(p.amount.text, '0.5 ml');
  assert.equal(p.doseMg, undefined);
});

void test('RUTF gives the largest half sachet under 200 kcal/kg/day from 6 months', () => {
  const p = ok('rutf-sam', { weightKg: 7, ageMonths: 10 });
  assert.equal(p.amount.text, '2½ sachets');
  assert.equal(prescribe('rutf-sam', { weightKg: 5, ageMonths: 5.9 }).kind, 'out-of-range');
});

void test('salbutamol needs no weight: 2 puffs', () => {
  assert.equal(ok('salbutamol-inhaled-trial', {}).amount.text, '2 puffs');
});

void test('implausible facts and unknown ids throw InputError naming the field and value', () => {
  assert.throws(
    () => prescribe('diazepam-rectal-convulsions', { weightKg: -3 }),
    (e: unknown) => e instanceof InputError && /weightKg: .*\[-3\]/.test(e.message),
  );
  assert.throws(
    () => prescribe('no-such-regimen', {}),
    /regimenId: unknown regimen \[no-such-regimen\]/,
  );
  assert.throws(
    () => prescribe('paracetamol-fever', { weightKg: 9 }, { stock: ['x'] }),
    /stock\[0\]/,
  );
});
