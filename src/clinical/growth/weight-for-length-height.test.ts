import assert from 'node:assert/strict';
import { test } from 'node:test';

import { lmsValueAt } from './lms.js';
import { lmsAt } from './lms-table.js';
import { WEIGHT_FOR_HEIGHT } from './data/weight-for-height.js';
import { WEIGHT_FOR_LENGTH } from './data/weight-for-length.js';
import { GROWTH_FLAGS } from './types.js';
import type { ZScoreResult } from './types.js';
import { weightForLengthHeight } from './weight-for-length-height.js';

const okZ = (r: ZScoreResult): number => {
  assert.equal(r.kind, 'ok', JSON.stringify(r));
  return r.kind === 'ok' ? r.z : NaN;
};

// imci-facts E.4 test vectors: boy, weight-for-height 80.0 cm.
const BOY_WFH_80: readonly (readonly [number, number])[] = [
  [8.0, -3.5],
  [8.6, -2.59],
  [9.0, -2.0],
  [10.0, -0.68],
  [15.0, 4.08],
];

for (const [kg, z] of BOY_WFH_80) {
  void test(`scores a boy of ${kg} kg at 80.0 cm height as z ${z} (imci-facts E.4)`, () => {
    const r = weightForLengthHeight({
      sex: 'male',
      weightKg: kg,
      lengthOrHeightCm: 80,
      ageMonths: 30,
    });
    assert.equal(okZ(r), z);
    assert.equal(r.kind === 'ok' && r.table, 'height');
  });
}

void test('uses the restricted formula below -3 and above +3 SD and flags it', () => {
  const low = weightForLengthHeight({
    sex: 'male',
    weightKg: 8.0,
    lengthOrHeightCm: 80,
    ageMonths: 30,
  });
  const mid = weightForLengthHeight({
    sex: 'male',
    weightKg: 9.0,
    lengthOrHeightCm: 80,
    ageMonths: 30,
  });
  assert.ok(low.kind === 'ok' && low.flags.includes(GROWTH_FLAGS.restricted));
  assert.ok(mid.kind === 'ok' && !mid.flags.includes(GROWTH_FLAGS.restricted));
});

// imci-facts E.4 table: L, M, S and the -3 SD, -2 SD and median weights.
const TABLE_ROWS = [
  { sex: 'male', wfl: true, cm: 70, m: 8.4227, sd3: 6.65, sd2: 7.18 },
  { sex: 'male', wfl: true, cm: 80, m: 10.4475, sd3: 8.23, sd2: 8.89 },
  { sex: 'female', wfl: true, cm: 70, m: 8.163, sd3: 6.3, sd2: 6.85 },
  { sex: 'male', wfl: false, cm: 80, m: 10.5781, sd3: 8.33, sd2: 9.0 },
  { sex: 'male', wfl: false, cm: 100, m: 15.3576, sd3: 12.12, sd2: 13.09 },
  { sex: 'female', wfl: false, cm: 90, m: 12.6461, sd3: 9.8, sd2: 10.64 },
  { sex: 'female', wfl: false, cm: 110, m: 18.6043, sd3: 14.22, sd2: 15.51 },
] as const;

for (const row of TABLE_ROWS) {
  const name = `${row.sex} ${row.wfl ? 'WFL' : 'WFH'} ${row.cm} cm`;
  void test(`reproduces the -3 SD, -2 SD and median weights of ${name} (imci-facts E.4)`, () => {
    const lms = lmsAt(row.wfl ? WEIGHT_FOR_LENGTH : WEIGHT_FOR_HEIGHT, row.sex, row.cm);
    assert.ok(lms);
    assert.equal(lms.m, row.m);
    assert.equal(Math.round(lmsValueAt(-3, lms) * 100) / 100, row.sd3);
    assert.equal(Math.round(lmsValueAt(-2, lms) * 100) / 100, row.sd2);
  });
  void test(`scores the exact -3 SD, -2 SD and median weights of ${name} as -3, -2 and 0`, () => {
    const lms = lmsAt(row.wfl ? WEIGHT_FOR_LENGTH : WEIGHT_FOR_HEIGHT, row.sex, row.cm);
    assert.ok(lms);
    const ageMonths = row.wfl ? 12 : 36;
    const input = { sex: row.sex, lengthOrHeightCm: row.cm, ageMonths } as const;
    assert.equal(okZ(weightForLengthHeight({ ...input, weightKg: lmsValueAt(-2, lms) })), -2);
    assert.equal(okZ(weightForLengthHeight({ ...input, weightKg: lmsValueAt(-3, lms) })), -3);
    assert.equal(okZ(weightForLengthHeight({ ...input, weightKg: row.m })), 0);
  });
}

void test('interpolates L, M and S between the 0.1 cm rows', () => {
  const lo = lmsAt(WEIGHT_FOR_HEIGHT, 'male', 80.0);
  const hi = lmsAt(WEIGHT_FOR_HEIGHT, 'male', 80.1);
  const mid = lmsAt(WEIGHT_FOR_HEIGHT, 'male', 80.05);
  assert.ok(lo && hi && mid);
  assert.ok(Math.abs(mid.m - (lo.m + hi.m) / 2) < 1e-12);
  assert.ok(Math.abs(mid.s - (lo.s + hi.s) / 2) < 1e-12);
});

void test('chooses the length table at 730 days and the height table at 731 days', () => {
  const base = { sex: 'male', weightKg: 10, lengthOrHeightCm: 80 } as const;
  const at730 = weightForLengthHeight({ ...base, ageDays: 730 });
  const at731 = weightForLengthHeight({ ...base, ageDays: 731 });
  assert.equal(at730.kind === 'ok' && at730.table, 'length');
  assert.equal(at731.kind === 'ok' && at731.table, 'height');
});

void test('adds 0.7 cm to a standing height at 730 days and subtracts it from a length at 731', () => {
  const base = { sex: 'female', weightKg: 10, lengthOrHeightCm: 80 } as const;
  const standing730 = weightForLengthHeight({ ...base, ageDays: 730, measured: 'height' });
  const lying731 = weightForLengthHeight({ ...base, ageDays: 731, measured: 'length' });
  const lying730 = weightForLengthHeight({ ...base, ageDays: 730, measured: 'length' });
  assert.ok(standing730.kind === 'ok' && lying731.kind === 'ok' && lying730.kind === 'ok');
  assert.equal(standing730.adjustedMeasureCm, 80.7);
  assert.ok(standing730.flags.includes(GROWTH_FLAGS.heightToLength));
  assert.equal(lying731.adjustedMeasureCm, 79.3);
  assert.ok(lying731.flags.includes(GROWTH_FLAGS.lengthToHeight));
  assert.equal(lying730.adjustedMeasureCm, undefined);
  const direct = weightForLengthHeight({ ...base, lengthOrHeightCm: 80.7, ageDays: 730 });
  assert.equal(okZ(standing730), okZ(direct));
});

void test('uses the 87 cm rule when age is unknown', () => {
  const at869 = weightForLengthHeight({ sex: 'male', weightKg: 12, lengthOrHeightCm: 86.9 });
  const at87 = weightForLengthHeight({ sex: 'male', weightKg: 12, lengthOrHeightCm: 87 });
  assert.ok(at869.kind === 'ok' && at87.kind === 'ok');
  assert.equal(at869.table, 'length');
  assert.equal(at87.table, 'height');
  assert.ok(at87.flags.includes(GROWTH_FLAGS.chosenBy87cm));
  const stated = weightForLengthHeight({
    sex: 'male',
    weightKg: 12,
    lengthOrHeightCm: 87,
    measured: 'length',
  });
  assert.equal(stated.kind === 'ok' && stated.table, 'length');
});

void test('refuses weight-for-length/height when bilateral oedema is present', () => {
  const r = weightForLengthHeight({
    sex: 'female',
    weightKg: 8,
    lengthOrHeightCm: 75,
    ageMonths: 14,
    oedema: true,
  });
  assert.equal(r.kind, 'not-applicable');
  assert.equal(r.kind === 'not-applicable' && r.reason, 'bilateral-oedema');
  const without = weightForLengthHeight({
    sex: 'female',
    weightKg: 8,
    lengthOrHeightCm: 75,
    ageMonths: 14,
    oedema: false,
  });
  assert.equal(without.kind, 'ok');
});

for (const [sex, cm, ageMonths, kind] of [
  ['male', 44.9, 1, 'out-of-range'],
  ['male', 45, 1, 'ok'],
  ['female', 110, 20, 'ok'],
  ['female', 110.1, 20, 'out-of-range'],
  ['male', 64.9, 30, 'out-of-range'],
  ['male', 65, 30, 'ok'],
  ['female', 120, 50, 'ok'],
  ['female', 120.1, 50, 'out-of-range'],
] as const) {
  void test(`returns ${kind} for ${cm} cm at ${ageMonths} months (${sex})`, () => {
    const r = weightForLengthHeight({
      sex,
      weightKg: 5,
      lengthOrHeightCm: cm,
      ageMonths,
    });
    assert.equal(r.kind, kind);
    if (r.kind === 'out-of-range') assert.equal(r.field, 'lengthOrHeightCm');
  });
}

void test('returns out-of-range naming the age at 60 months, and scores 59.9 months', () => {
  const base = { sex: 'male', weightKg: 18, lengthOrHeightCm: 110 } as const;
  const r = weightForLengthHeight({ ...base, ageMonths: 60 });
  assert.equal(r.kind === 'out-of-range' && r.field, 'ageMonths');
  assert.equal(weightForLengthHeight({ ...base, ageMonths: 59.9 }).kind, 'ok');
});

void test('returns out-of-range naming the weight for an impossible weight', () => {
  const r = weightForLengthHeight({ sex: 'male', weightKg: 800, lengthOrHeightCm: 80 });
  assert.equal(r.kind === 'out-of-range' && r.field, 'weightKg');
  assert.match(r.kind === 'out-of-range' ? r.message : '', /\[800\]/);
});

void test('ignores a standing-height label under 9 months, as WHO anthro does', () => {
  const base = { sex: 'male', weightKg: 7, lengthOrHeightCm: 66, measured: 'height' } as const;
  const r = weightForLengthHeight({ ...base, ageMonths: 8.9 });
  assert.ok(r.kind === 'ok' && r.flags.includes(GROWTH_FLAGS.heightUnder9Months));
  assert.equal(r.kind === 'ok' && r.adjustedMeasureCm, undefined);
  const at9 = weightForLengthHeight({ ...base, ageMonths: 9 });
  assert.equal(at9.kind === 'ok' && at9.adjustedMeasureCm, 66.7);
});
