import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prescribe } from './prescribe.js';
import { ok } from './test-helpers.js';

void test('Plan B for 8 kg is 600 ml over 4 hours in the 400-700 ml row (HB05 example)', () => {
  const p = ok('ors-plan-b', { weightKg: 8 });
  assert.equal(p.amount.value, 600);
  assert.deepEqual(p.fluid?.rangeMl, { min: 400, max: 700 });
  assert.equal(p.fluid?.phases?.[0]?.overMinutes, 240);
});

void test('Plan B keeps 3.75 kg exact before rounding the volume to 5 ml (281.25 -> 280)', () => {
  assert.equal(ok('ors-plan-b', { weightKg: 3.75 }).amount.value, 280);
});

void test('Plan B rows change at 6, 10 and 12 kg', () => {
  const rows = [5.9, 6, 9.9, 10, 11.9, 12, 19].map(
    (w) => ok('ors-plan-b', { weightKg: w }).fluid?.rangeMl?.min,
  );
  assert.deepEqual(rows, [200, 400, 400, 700, 700, 900, 900]);
});

void test('Plan B without a weight gives the age row range', () => {
  const p = ok('ors-plan-b', { ageMonths: 4 });
  assert.equal(p.amount.text, '400-700 ml over 4 hours');
  assert.equal(p.basis, 'age');
});

void test('Plan B above the under-5 table still gives 75 ml/kg and says why', () => {
  const p = ok('ors-plan-b', { weightKg: 25 });
  assert.equal(p.amount.value, 1875);
  assert.match(p.warnings.join(' '), /outside the IMCI under-5/);
});

void test('Plan C for 10 kg at 16 months is 300 ml in 30 minutes then 700 ml in 2½ hours', () => {
  const p = ok('iv-plan-c', { weightKg: 10, ageMonths: 16 });
  assert.deepEqual(
    p.fluid?.phases?.map((x) => [x.volumeMl, x.overMinutes]),
    [
      [300, 30],
      [700, 150],
    ],
  );
  assert.match(p.amount.text, /300 ml in 30 minutes, then 700 ml in 2½ hours/);
});

void test('Plan C for an infant just under 12 months runs over 1 hour then 5 hours', () => {
  const infant = ok('iv-plan-c', { weightKg: 8, ageMonths: 11.9 });
  assert.deepEqual(
    infant.fluid?.phases?.map((x) => x.overMinutes),
    [60, 300],
  );
  const child = ok('iv-plan-c', { weightKg: 8, ageMonths: 12 });
  assert.deepEqual(
    child.fluid?.phases?.map((x) => x.overMinutes),
    [30, 150],
  );
});

void test('Plan C needs both weight and age', () => {
  assert.deepEqual(prescribe('iv-plan-c', {}), {
    kind: 'insufficient-data',
    regimenId: 'iv-plan-c',
    missing: ['weightKg', 'ageMonths'],
  });
  assert.equal(
    ok('iv-plan-c', { weightKg: 10, ageMonths: 16 }, { stock: ['normal-saline-iv'] }).drug,
    'normal-saline',
  );
});

void test('Plan A gives 50-100 ml per stool under 2 years and 100-200 ml from 2 years', () => {
  assert.deepEqual(ok('ors-plan-a', { ageMonths: 23.9 }).fluid?.rangeMl, { min: 50, max: 100 });
  assert.deepEqual(ok('ors-plan-a', { ageMonths: 24 }).fluid?.rangeMl, { min: 100, max: 200 });
  assert.equal(ok('ors-plan-a', { ageMonths: 24 }).frequencyPerDay, 'as-needed');
});
