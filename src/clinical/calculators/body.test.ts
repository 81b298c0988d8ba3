import assert from 'node:assert/strict';
import { test } from 'node:test';

import { bmi, classifyAdultBmi } from './bmi.js';
import { bsaMosteller } from './bsa.js';
import { estimateWeightFromAge } from './estimated-weight.js';
import { maintenanceFluids } from './maintenance-fluids.js';
import { orsPlanB } from './ors-plan-b.js';

void test('computes BMI 24.2 for 70 kg and 170 cm, and 19.5 for 50 kg and 160 cm (imci-facts E.1)', () => {
  assert.deepEqual(bmi({ weightKg: 70, heightCm: 170 }), {
    kind: 'ok',
    bmi: 24.2,
    adultClass: 'normal',
  });
  const r = bmi({ weightKg: 50, heightCm: 160 });
  assert.equal(r.kind === 'ok' && r.bmi, 19.5);
});

for (const [value, cls] of [
  [15.9, 'severe-thinness'],
  [16.0, 'moderate-thinness'],
  [16.9, 'moderate-thinness'],
  [17.0, 'mild-thinness'],
  [18.4, 'mild-thinness'],
  [18.5, 'normal'],
  [24.9, 'normal'],
  [25.0, 'overweight'],
  [29.9, 'overweight'],
  [30.0, 'obese-class-1'],
  [34.9, 'obese-class-1'],
  [35.0, 'obese-class-2'],
  [39.9, 'obese-class-2'],
  [40.0, 'obese-class-3'],
] as const) {
  void test(`classifies an adult BMI of ${value} as ${cls}`, () => {
    assert.equal(classifyAdultBmi(value), cls);
  });
}

void test('withholds adult BMI classes at 17 years and gives them at 18', () => {
  const at17 = bmi({ weightKg: 40, heightCm: 160, ageYears: 17 });
  const at18 = bmi({ weightKg: 40, heightCm: 160, ageYears: 18 });
  assert.ok(at17.kind === 'ok' && at17.adultClass === undefined && at17.note);
  assert.ok(at18.kind === 'ok' && at18.adultClass === 'severe-thinness');
});

void test('returns out-of-range naming the field for a height typed in metres', () => {
  const r = bmi({ weightKg: 70, heightCm: 1.7 });
  assert.equal(r.kind === 'out-of-range' && r.field, 'heightCm');
});

void test('computes Mosteller BSA for the imci-facts E.2 vectors', () => {
  const at = (heightCm: number, weightKg: number) => {
    const r = bsaMosteller({ heightCm, weightKg });
    return r.kind === 'ok' ? r.bsaM2 : NaN;
  };
  assert.equal(at(170, 70), 1.818);
  assert.equal(at(100, 15), 0.645);
  assert.equal(at(50, 3.5), 0.22);
  assert.equal(bsaMosteller({ heightCm: 170, weightKg: 0.1 }).kind, 'out-of-range');
});

for (const [months, kg, band] of [
  [0, 4, 'apls-0-12-months'],
  [11, 9.5, 'apls-0-12-months'],
  [12, 10, 'apls-1-5-years'],
  [71, 18, 'apls-1-5-years'],
  [72, 25, 'apls-6-12-years'],
  [155, 43, 'apls-6-12-years'],
] as const) {
  void test(`estimates ${kg} kg at ${months} months with the ${band} formula`, () => {
    const r = estimateWeightFromAge({ ageMonths: months });
    assert.ok(r.kind === 'ok');
    assert.equal(r.weightKg, kg);
    assert.equal(r.band, band);
    assert.ok(r.flags.includes('overestimates-in-undernourished-children'));
  });
}

void test('refuses an estimated weight at 156 months and at a negative age', () => {
  assert.equal(estimateWeightFromAge({ ageMonths: 156 }).kind, 'out-of-range');
  assert.equal(estimateWeightFromAge({ ageMonths: -1 }).kind, 'out-of-range');
});

for (const [kg, hsDay, hsHour, whoDay] of [
  [8, 800, 32, 800],
  [10, 1000, 40, 1000],
  [15, 1250, 50, 1250],
  [20, 1500, 60, 1500],
  [22, 1540, 62, 1550],
  [30, 1700, 70, 1750],
] as const) {
  void test(`gives ${hsDay} ml/day (${hsHour} ml/h) Holliday-Segar and ${whoDay} WHO for ${kg} kg`, () => {
    const hs = maintenanceFluids({ weightKg: kg });
    const who = maintenanceFluids({ weightKg: kg, method: 'who-pocket-book' });
    assert.ok(hs.kind === 'ok' && who.kind === 'ok');
    assert.equal(hs.mlPerDay, hsDay);
    assert.equal(hs.mlPerHour, hsHour);
    assert.equal(who.mlPerDay, whoDay);
    assert.equal(who.mlPerHour, Math.round((whoDay / 24) * 10) / 10);
  });
}

void test('flags maintenance fluids above 2400 ml/day but not at 2400', () => {
  const at65 = maintenanceFluids({ weightKg: 65 });
  const at66 = maintenanceFluids({ weightKg: 66 });
  assert.ok(at65.kind === 'ok' && at65.mlPerDay === 2400 && at65.flags.length === 0);
  assert.ok(at66.kind === 'ok' && at66.flags.includes('above-usual-adult-maximum'));
});

void test('gives 600 ml of ORS over 4 hours for 8 kg (HB05 worked example)', () => {
  const r = orsPlanB({ weightKg: 8 });
  assert.ok(r.kind === 'ok' && r.volumeMl === 600 && r.band?.minMl === 400 && r.band.maxMl === 700);
});

for (const [kg, min] of [
  [5.9, 200],
  [6, 400],
  [9.9, 400],
  [10, 700],
  [11.9, 700],
  [12, 900],
  [19, 900],
] as const) {
  void test(`puts ${kg} kg in the Plan B table row starting at ${min} ml`, () => {
    const r = orsPlanB({ weightKg: kg });
    assert.equal(r.kind === 'ok' && r.band?.minMl, min);
  });
}

void test('has no Plan B table row above 19 kg but still gives 75 ml/kg', () => {
  const r = orsPlanB({ weightKg: 19.5 });
  assert.ok(r.kind === 'ok' && r.band === undefined && r.volumeMl === 1463);
});

for (const [months, min] of [
  [3.9, 200],
  [4, 400],
  [11.9, 400],
  [12, 700],
  [23.9, 700],
  [24, 900],
  [59.9, 900],
] as const) {
  void test(`uses age ${months} months for the Plan B row starting at ${min} ml when weight is unknown`, () => {
    const r = orsPlanB({ ageMonths: months });
    assert.ok(r.kind === 'ok' && r.volumeMl === undefined && r.band?.basis === 'age');
    assert.equal(r.band.minMl, min);
  });
}

void test('prefers weight over age for the Plan B row and needs one of them', () => {
  const r = orsPlanB({ weightKg: 5, ageMonths: 30 });
  assert.equal(r.kind === 'ok' && r.band?.basis, 'weight');
  const fiveYears = orsPlanB({ ageMonths: 60 });
  assert.ok(fiveYears.kind === 'ok' && fiveYears.band === undefined);
  assert.equal(orsPlanB({}).kind, 'insufficient-data');
});
