import assert from 'node:assert/strict';
import { test } from 'node:test';

import { bmiForAge, lengthHeightForAge, muacForAge, weightForAge } from './age-indicators.js';
import { DAYS_PER_MONTH } from './age.js';
import { ARM_CIRCUMFERENCE_FOR_AGE } from './data/arm-circumference-for-age.js';
import { BMI_FOR_AGE } from './data/bmi-for-age.js';
import { BMI_FOR_AGE_5_19 } from './data/bmi-for-age-5-19.js';
import { HEIGHT_FOR_AGE_5_19 } from './data/height-for-age-5-19.js';
import { LENGTH_HEIGHT_FOR_AGE } from './data/length-height-for-age.js';
import { WEIGHT_FOR_AGE } from './data/weight-for-age.js';
import { WEIGHT_FOR_AGE_5_10 } from './data/weight-for-age-5-10.js';
import { lmsValueAt } from './lms.js';
import { lmsAt } from './lms-table.js';
import type { PackedLmsTable } from './lms-table.js';
import type { Sex, ZScoreResult } from './types.js';

const SEXES: readonly Sex[] = ['male', 'female'];

function median(table: PackedLmsTable, sex: Sex, x: number): number {
  const lms = lmsAt(table, sex, x);
  assert.ok(lms, `no row at ${x}`);
  return lms.m;
}

const okZ = (r: ZScoreResult): number => {
  assert.equal(r.kind, 'ok', JSON.stringify(r));
  return r.kind === 'ok' ? r.z : NaN;
};

for (const sex of SEXES) {
  void test(`scores the weight-for-age median as 0 for a ${sex} at 0, 365, 1000 and 1826 days`, () => {
    for (const days of [0, 365, 1000, 1826]) {
      const w = median(WEIGHT_FOR_AGE, sex, days);
      assert.equal(okZ(weightForAge({ sex, weightKg: w, ageDays: days })), 0);
    }
  });
  void test(`scores the length/height-for-age median as 0 for a ${sex} at 0, 730, 731 and 1500 days`, () => {
    for (const days of [0, 730, 731, 1500]) {
      const cm = median(LENGTH_HEIGHT_FOR_AGE, sex, days);
      assert.equal(okZ(lengthHeightForAge({ sex, lengthOrHeightCm: cm, ageDays: days })), 0);
    }
  });
  void test(`scores the MUAC-for-age median as 0 for a ${sex} at 91, 400 and 1800 days`, () => {
    for (const days of [91, 400, 1800]) {
      const mm = median(ARM_CIRCUMFERENCE_FOR_AGE, sex, days) * 10;
      assert.equal(okZ(muacForAge({ sex, muacMm: mm, ageDays: days })), 0);
    }
  });
  void test(`scores the 2007 reference medians as 0 for a ${sex} at 61, 120 and 228 months`, () => {
    for (const months of [61, 120, 228]) {
      const cm = median(HEIGHT_FOR_AGE_5_19, sex, months);
      assert.equal(okZ(lengthHeightForAge({ sex, lengthOrHeightCm: cm, ageMonths: months })), 0);
      const bmi = median(BMI_FOR_AGE_5_19, sex, months);
      const weightKg = bmi * (cm / 100) ** 2;
      assert.equal(okZ(bmiForAge({ sex, weightKg, lengthOrHeightCm: cm, ageMonths: months })), 0);
    }
    const w = median(WEIGHT_FOR_AGE_5_10, sex, 100);
    assert.equal(okZ(weightForAge({ sex, weightKg: w, ageMonths: 100 })), 0);
  });
}

void test('matches the SOURCES.md check values for boys weight at 365 days', () => {
  // Published WHO chart values: median 9.6, -2 SD 7.7, -3 SD 6.9 (SOURCES.md section 1).
  const lms = lmsAt(WEIGHT_FOR_AGE, 'male', 365);
  assert.ok(lms);
  assert.equal(Math.round(lms.m * 100) / 100, 9.65);
  assert.equal(Math.round(lmsValueAt(-2, lms) * 100) / 100, 7.74);
  assert.equal(Math.round(lmsValueAt(-3, lms) * 100) / 100, 6.93);
});

void test('interpolates the 2007 reference between whole months', () => {
  const a = median(BMI_FOR_AGE_5_19, 'female', 100);
  const b = median(BMI_FOR_AGE_5_19, 'female', 101);
  const mid = lmsAt(BMI_FOR_AGE_5_19, 'female', 100.5);
  assert.ok(mid && Math.abs(mid.m - (a + b) / 2) < 1e-12);
});

void test('rounds age in days half up before the lookup, as WHO anthro does', () => {
  const w = median(WEIGHT_FOR_AGE, 'female', 101);
  assert.equal(okZ(weightForAge({ sex: 'female', weightKg: w, ageDays: 100.5 })), 0);
  assert.equal(
    okZ(weightForAge({ sex: 'female', weightKg: w, ageMonths: 101 / DAYS_PER_MONTH })),
    0,
  );
});

void test('adjusts length/height-for-age by 0.7 cm at the 730/731-day switch', () => {
  const at731 = lengthHeightForAge({
    sex: 'male',
    lengthOrHeightCm: 88,
    ageDays: 731,
    measured: 'length',
  });
  const at730 = lengthHeightForAge({
    sex: 'male',
    lengthOrHeightCm: 88,
    ageDays: 730,
    measured: 'height',
  });
  assert.ok(at731.kind === 'ok' && at730.kind === 'ok');
  assert.equal(at731.adjustedMeasureCm, 87.3);
  assert.equal(at731.table, 'height');
  assert.equal(at730.adjustedMeasureCm, 88.7);
  assert.equal(at730.table, 'length');
});

void test('computes BMI-for-age from the position-adjusted length', () => {
  const r = bmiForAge({
    sex: 'female',
    weightKg: 11,
    lengthOrHeightCm: 80,
    ageDays: 700,
    measured: 'height',
  });
  assert.ok(r.kind === 'ok');
  assert.equal(r.bmi, Math.round((11 / 0.807 ** 2) * 100) / 100);
  const m = median(BMI_FOR_AGE, 'female', 700);
  assert.ok(r.z < 0 === 11 / 0.807 ** 2 < m);
});

void test('refuses weight-for-age and BMI-for-age with oedema but scores MUAC-for-age', () => {
  const base = { sex: 'male', ageMonths: 20, oedema: true } as const;
  assert.equal(weightForAge({ ...base, weightKg: 8 }).kind, 'not-applicable');
  assert.equal(bmiForAge({ ...base, weightKg: 8, lengthOrHeightCm: 78 }).kind, 'not-applicable');
  assert.equal(muacForAge({ sex: 'male', ageMonths: 20, muacMm: 120 }).kind, 'ok');
});

void test('returns insufficient-data when no age is given', () => {
  const r = weightForAge({ sex: 'female', weightKg: 9 });
  assert.equal(r.kind, 'insufficient-data');
});

void test('starts MUAC-for-age at 91 days, not 90', () => {
  assert.equal(muacForAge({ sex: 'female', muacMm: 130, ageDays: 91 }).kind, 'ok');
  const r = muacForAge({ sex: 'female', muacMm: 130, ageDays: 90 });
  assert.equal(r.kind === 'out-of-range' && r.field, 'ageDays');
});

void test('leaves 60 up to 61 months unscored, like WHO anthro and anthroplus', () => {
  const at = (ageMonths: number) =>
    bmiForAge({ sex: 'male', weightKg: 18, lengthOrHeightCm: 110, ageMonths }).kind;
  assert.equal(at(59.99), 'ok');
  assert.equal(at(60), 'out-of-range');
  assert.equal(at(60.99), 'out-of-range');
  assert.equal(at(61), 'ok');
  assert.equal(at(228), 'ok');
  assert.equal(at(228.01), 'out-of-range');
});

void test('scores weight-for-age to 120 months and refuses 121', () => {
  assert.equal(weightForAge({ sex: 'female', weightKg: 30, ageMonths: 120 }).kind, 'ok');
  const r = weightForAge({ sex: 'female', weightKg: 30, ageMonths: 121 });
  assert.equal(r.kind === 'out-of-range' && r.field, 'ageMonths');
});

void test('flags a weight-for-age z above 5 as implausible', () => {
  const r = weightForAge({ sex: 'male', weightKg: 25, ageMonths: 12 });
  assert.ok(r.kind === 'ok' && r.z > 5 && r.flags.includes('implausible-z'));
});
