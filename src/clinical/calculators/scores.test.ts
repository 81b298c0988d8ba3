import assert from 'node:assert/strict';
import { test } from 'node:test';

import { blantyreComaScale, glasgowComaScale } from './coma-scales.js';
import { crb65 } from './crb65.js';
import { egfrCkdEpi2021 } from './egfr.js';
import { qsofa } from './qsofa.js';

for (const [e, v, m, total, severity] of [
  [1, 1, 1, 3, 'severe'],
  [2, 2, 4, 8, 'severe'],
  [2, 3, 4, 9, 'moderate'],
  [3, 4, 5, 12, 'moderate'],
  [3, 4, 6, 13, 'mild'],
  [4, 5, 6, 15, 'mild'],
] as const) {
  void test(`scores GCS E${e} V${v} M${m} as ${total}, ${severity}`, () => {
    const r = glasgowComaScale({ eye: e, verbal: v, motor: m });
    assert.deepEqual(r, { kind: 'ok', total, severity, notation: `E${e} V${v} M${m}` });
  });
}

void test('refuses GCS components outside their scale, naming the component', () => {
  const eye5 = glasgowComaScale({ eye: 5, verbal: 5, motor: 6 });
  const motor0 = glasgowComaScale({ eye: 4, verbal: 5, motor: 0 });
  const half = glasgowComaScale({ eye: 4, verbal: 4.5, motor: 6 });
  assert.equal(eye5.kind === 'out-of-range' && eye5.field, 'eye');
  assert.equal(motor0.kind === 'out-of-range' && motor0.field, 'motor');
  assert.equal(half.kind === 'out-of-range' && half.field, 'verbal');
});

for (const [motor, verbal, eyes, impaired] of [
  [1, 1, 0, true],
  [1, 1, 1, false],
  [2, 1, 0, false],
  [0, 0, 0, true],
  [2, 2, 1, false],
] as const) {
  const total = motor + verbal + eyes;
  void test(`scores Blantyre ${motor}+${verbal}+${eyes} = ${total} as ${impaired ? '' : 'not '}impaired`, () => {
    assert.deepEqual(blantyreComaScale({ motor, verbal, eyes }), { kind: 'ok', total, impaired });
  });
}

void test('refuses a Blantyre eye score of 2', () => {
  const r = blantyreComaScale({ motor: 2, verbal: 2, eyes: 2 });
  assert.equal(r.kind === 'out-of-range' && r.field, 'eyes');
});

for (const [sex, ageYears, creatinine, unit, egfr, stage] of [
  ['female', 55, 0.9, 'mg/dL', 75.5, 'G2'],
  ['male', 60, 1.0, 'mg/dL', 86.2, 'G2'],
  ['female', 30, 0.7, 'mg/dL', 119.2, 'G1'],
  ['male', 70, 2.0, 'mg/dL', 35.2, 'G3b'],
  ['female', 45, 1.2, 'mg/dL', 56.9, 'G3a'],
  ['male', 65, 150, 'umol/L', 44.3, 'G3b'],
] as const) {
  void test(`computes eGFR ${egfr} (${stage}) for a ${sex} of ${ageYears} with creatinine ${creatinine} ${unit}`, () => {
    assert.deepEqual(egfrCkdEpi2021({ sex, ageYears, creatinine, unit }), {
      kind: 'ok',
      egfr,
      stage,
    });
  });
}

void test('gives the same eGFR for 1.0 mg/dL and 88.4 umol/L', () => {
  const mg = egfrCkdEpi2021({ sex: 'male', ageYears: 50, creatinine: 1, unit: 'mg/dL' });
  const umol = egfrCkdEpi2021({ sex: 'male', ageYears: 50, creatinine: 88.4, unit: 'umol/L' });
  assert.deepEqual(mg, umol);
});

void test('computes eGFR at 18 years and refuses it at 17', () => {
  const base = { sex: 'female', creatinine: 0.8, unit: 'mg/dL' } as const;
  assert.equal(egfrCkdEpi2021({ ...base, ageYears: 18 }).kind, 'ok');
  const r = egfrCkdEpi2021({ ...base, ageYears: 17 });
  assert.equal(r.kind === 'out-of-range' && r.field, 'ageYears');
});

void test('refuses a creatinine typed in umol/L but labelled mg/dL', () => {
  const r = egfrCkdEpi2021({ sex: 'male', ageYears: 40, creatinine: 90, unit: 'mg/dL' });
  assert.equal(r.kind === 'out-of-range' && r.field, 'creatinine');
});

for (const [egfrValue, stage] of [
  [90, 'G1'],
  [89.9, 'G2'],
  [60, 'G2'],
  [59.9, 'G3a'],
  [45, 'G3a'],
  [44.9, 'G3b'],
  [30, 'G3b'],
  [29.9, 'G4'],
  [15, 'G4'],
  [14.9, 'G5'],
] as const) {
  void test(`stages an eGFR of ${egfrValue} as KDIGO ${stage}`, async () => {
    const { kdigoStage } = await import('./egfr.js');
    assert.equal(kdigoStage(egfrValue), stage);
  });
}

for (const [rr, points] of [
  [21, 0],
  [22, 1],
  [23, 1],
] as const) {
  void test(`gives qSOFA ${points} point for a respiratory rate of ${rr}`, () => {
    const r = qsofa({ respiratoryRate: rr, systolicBp: 120, alteredMentation: false });
    assert.equal(r.kind === 'ok' && r.score, points);
  });
}

for (const [sbp, points] of [
  [99, 1],
  [100, 1],
  [101, 0],
] as const) {
  void test(`gives qSOFA ${points} point for a systolic BP of ${sbp}`, () => {
    const r = qsofa({ respiratoryRate: 16, systolicBp: sbp, alteredMentation: false });
    assert.equal(r.kind === 'ok' && r.score, points);
  });
}

void test('marks qSOFA high risk at 2 points and not at 1', () => {
  const one = qsofa({ respiratoryRate: 16, systolicBp: 120, alteredMentation: true });
  const two = qsofa({ respiratoryRate: 22, systolicBp: 120, alteredMentation: true });
  const three = qsofa({ respiratoryRate: 22, systolicBp: 100, alteredMentation: true });
  assert.ok(one.kind === 'ok' && one.score === 1 && !one.highRisk);
  assert.ok(two.kind === 'ok' && two.score === 2 && two.highRisk);
  assert.ok(three.kind === 'ok' && three.score === 3 && three.highRisk);
});

const NORMAL = {
  confusion: false,
  respiratoryRate: 16,
  systolicBp: 120,
  diastolicBp: 80,
  ageYears: 40,
};
const crbScore = (changes: Partial<typeof NORMAL>): number => {
  const r = crb65({ ...NORMAL, ...changes });
  return r.kind === 'ok' ? r.crb65 : NaN;
};

void test('scores CRB-65 respiratory rate at 29/30/31', () => {
  assert.deepEqual(
    [29, 30, 31].map((respiratoryRate) => crbScore({ respiratoryRate })),
    [0, 1, 1],
  );
});
void test('scores CRB-65 systolic BP at 89/90/91', () => {
  assert.deepEqual(
    [89, 90, 91].map((systolicBp) => crbScore({ systolicBp })),
    [1, 0, 0],
  );
});
void test('scores CRB-65 diastolic BP at 59/60/61', () => {
  assert.deepEqual(
    [59, 60, 61].map((diastolicBp) => crbScore({ diastolicBp })),
    [1, 1, 0],
  );
});
void test('scores CRB-65 age at 64/65/66', () => {
  assert.deepEqual(
    [64, 65, 66].map((ageYears) => crbScore({ ageYears })),
    [0, 1, 1],
  );
});
void test('counts low blood pressure once when both systolic and diastolic are low', () => {
  assert.equal(crbScore({ systolicBp: 80, diastolicBp: 50 }), 1);
});

void test('bands CRB-65 0 low, 1-2 intermediate, 3-4 high', () => {
  const band = (changes: Partial<typeof NORMAL>) => {
    const r = crb65({ ...NORMAL, ...changes });
    return r.kind === 'ok' ? r.crb65Risk : undefined;
  };
  assert.equal(band({}), 'low');
  assert.equal(band({ confusion: true }), 'intermediate');
  assert.equal(band({ confusion: true, ageYears: 70 }), 'intermediate');
  assert.equal(band({ confusion: true, ageYears: 70, respiratoryRate: 30 }), 'high');
});

void test('adds the CURB-65 urea point above 7 mmol/L, not at 7', () => {
  const at7 = crb65({ ...NORMAL, ureaMmolL: 7 });
  const above = crb65({ ...NORMAL, ureaMmolL: 7.1, ageYears: 70 });
  const none = crb65(NORMAL);
  assert.ok(at7.kind === 'ok' && at7.curb65 === 0 && at7.curb65Risk === 'low');
  assert.ok(above.kind === 'ok' && above.curb65 === 2 && above.crb65 === 1);
  assert.equal(above.curb65Risk, 'intermediate');
  assert.ok(none.kind === 'ok' && none.curb65 === undefined);
});

void test('refuses CRB-65 for a 17-year-old, naming the age', () => {
  const r = crb65({ ...NORMAL, ageYears: 17 });
  assert.equal(r.kind === 'out-of-range' && r.field, 'ageYears');
});
