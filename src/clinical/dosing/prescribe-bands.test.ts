import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prescribe } from './prescribe.js';
import { ok } from './test-helpers.js';

const AMOX = 'amoxicillin-pneumonia-cb14';

void test('amoxicillin is out of range just below the 4 kg edge of the CB14 table', () => {
  assert.deepEqual(prescribe(AMOX, { weightKg: 3.9 }), {
    kind: 'out-of-range',
    regimenId: AMOX,
    field: 'weightKg',
    value: 3.9,
    range: { min: 4, max: 19, maxInclusive: true },
  });
});

void test('amoxicillin gives 1 tablet at 4 and 4.1 kg, with the mg/kg actually delivered', () => {
  const at = ok(AMOX, { weightKg: 4 });
  assert.equal(at.amount.text, '1 tablet');
  assert.equal(at.mgPerKg, 62.5);
  assert.equal(at.band, '2 up to 12 months (4 - <10 kg)');
  assert.equal(at.basis, 'weight');
  assert.equal(ok(AMOX, { weightKg: 4.1 }).amount.value, 1);
});

void test('amoxicillin switches from 1 to 2 tablets at 10 kg and from 2 to 3 at 14 kg', () => {
  assert.equal(ok(AMOX, { weightKg: 9.9 }).amount.value, 1);
  assert.equal(ok(AMOX, { weightKg: 10 }).amount.value, 2);
  assert.equal(ok(AMOX, { weightKg: 10.1 }).amount.value, 2);
  assert.equal(ok(AMOX, { weightKg: 13.9 }).amount.value, 2);
  assert.equal(ok(AMOX, { weightKg: 14 }).amount.value, 3);
  assert.equal(ok(AMOX, { weightKg: 14.1 }).amount.value, 3);
});

void test('amoxicillin keeps 19 kg in the top row and puts 19.1 kg out of range', () => {
  assert.equal(ok(AMOX, { weightKg: 19 }).amount.text, '3 tablets');
  assert.equal(prescribe(AMOX, { weightKg: 19.1 }).kind, 'out-of-range');
});

void test('amoxicillin warns when a chart row delivers less than 40 mg/kg', () => {
  assert.match(ok(AMOX, { weightKg: 9.9 }).warnings.join(' '), /25.3 mg\/kg/);
  assert.equal(ok(AMOX, { weightKg: 6 }).warnings.length, 0);
});

void test('weight chooses the row even when the age points to another row', () => {
  const p = ok(AMOX, { weightKg: 9, ageMonths: 30 });
  assert.equal(p.amount.value, 1);
  assert.equal(p.basis, 'weight');
});

void test('age chooses the row only when the weight is unknown, edges at 12 and 36 months', () => {
  assert.equal(ok(AMOX, { ageMonths: 11.9 }).amount.value, 1);
  const at12 = ok(AMOX, { ageMonths: 12 });
  assert.equal(at12.amount.value, 2);
  assert.equal(at12.basis, 'age');
  assert.equal(at12.mgPerKg, undefined);
  assert.equal(ok(AMOX, { ageMonths: 35 }).amount.value, 2);
  assert.equal(ok(AMOX, { ageMonths: 36 }).amount.value, 3);
});

void test('missing weight and age is insufficient data naming both fields', () => {
  assert.deepEqual(prescribe(AMOX, {}), {
    kind: 'insufficient-data',
    regimenId: AMOX,
    missing: ['weightKg', 'ageMonths'],
  });
});

void test('a syrup the chart does not print is computed from the row dose (125 mg/5 ml: 20 ml)', () => {
  const p = ok(AMOX, { weightKg: 12 }, { stock: ['amoxicillin-syrup-125mg-5ml'] });
  assert.equal(p.amount.text, '20 ml');
  assert.equal(p.doseMg, 500);
});

void test('nothing suitable in stock reports the products that would do', () => {
  const r = prescribe(AMOX, { weightKg: 12 }, { stock: ['zinc-dt-20mg'] });
  assert.equal(r.kind, 'not-in-stock');
  assert.deepEqual(r.kind === 'not-in-stock' && r.needed, [
    'amoxicillin-dt-250mg',
    'amoxicillin-syrup-250mg-5ml',
    'amoxicillin-syrup-125mg-5ml',
  ]);
});

void test('a 3.75 kg young infant stays in the 3-4 kg amoxicillin row (2.5 ml)', () => {
  const p = ok('amoxicillin-local-infection-young-infant', { weightKg: 3.75 });
  assert.equal(p.amount.text, '2.5 ml');
  assert.equal(p.mgPerKg, 16.67);
  assert.equal(
    ok('amoxicillin-local-infection-young-infant', { weightKg: 2.9 }).amount.value,
    1.25,
  );
});

void test('cotrimoxazole prefers whole paediatric tablets and falls back to ½ adult tablet', () => {
  const id = 'cotrimoxazole-pneumonia-hb05';
  assert.equal(ok(id, { weightKg: 6 }).amount.text, '2 tablets');
  const adult = ok(id, { weightKg: 6 }, { stock: ['cotrimoxazole-tab-80-400mg'] });
  assert.equal(adult.amount.text, '½ tablet');
  assert.equal(
    ok(id, { weightKg: 10 }, { stock: ['cotrimoxazole-syrup-40-200mg-5ml'] }).amount.value,
    7.5,
  );
});

void test('the HB05 Shigella antibiotic says it depends on local sensitivity', () => {
  assert.match(ok('antibiotic-shigella-hb05', { weightKg: 8 }).warnings.join(' '), /sensitive/);
});

void test('cotrimoxazole prophylaxis starts at 4 weeks and changes row at 6 months', () => {
  const id = 'cotrimoxazole-prophylaxis';
  assert.equal(prescribe(id, { ageDays: 27 }).kind, 'out-of-range');
  assert.equal(ok(id, { ageDays: 28 }).amount.value, 1);
  assert.equal(ok(id, { ageMonths: 5.9 }).amount.value, 1);
  assert.equal(ok(id, { ageMonths: 6 }).amount.value, 2);
  assert.equal(
    ok(id, { ageMonths: 6 }, { stock: ['cotrimoxazole-tab-80-400mg'] }).amount.text,
    '½ tablet',
  );
});

void test('artemether-lumefantrine tablets step up at 15, 25 and 35 kg', () => {
  const id = 'artemether-lumefantrine';
  assert.equal(prescribe(id, { weightKg: 4.9 }).kind, 'out-of-range');
  assert.deepEqual(
    [5, 14.9, 15, 24.9, 25, 34.9, 35, 60].map((w) => ok(id, { weightKg: w }).amount.value),
    [1, 1, 2, 2, 3, 3, 4, 4],
  );
});

void test('rectal artesunate uses the 50 mg capsule under 9 kg and two 100 mg from 20 kg', () => {
  const id = 'artesunate-rectal-prereferral';
  assert.equal(ok(id, { weightKg: 8.9 }).formulation, 'artesunate-rectal-50mg');
  assert.equal(ok(id, { weightKg: 9 }).amount.text, '1 suppository');
  assert.equal(ok(id, { weightKg: 19.9 }).amount.value, 1);
  assert.equal(ok(id, { weightKg: 20 }).amount.text, '2 suppositories');
  assert.equal(prescribe(id, { weightKg: 30 }).kind, 'out-of-range');
  assert.equal(
    prescribe(id, { weightKg: 8 }, { stock: ['artesunate-rectal-100mg'] }).kind,
    'not-in-stock',
  );
});

void test('vitamin A treatment doses change at 6 and 12 months, whole capsules first', () => {
  const id = 'vitamin-a-treatment';
  assert.equal(ok(id, { ageMonths: 5.9 }).dose?.value, 50_000);
  assert.equal(ok(id, { ageMonths: 6 }).formulation, 'vitamin-a-cap-100000iu');
  assert.equal(ok(id, { ageMonths: 11.9 }).dose?.value, 100_000);
  assert.equal(ok(id, { ageMonths: 12 }).formulation, 'vitamin-a-cap-200000iu');
  const half = ok(id, { ageMonths: 8 }, { stock: ['vitamin-a-cap-200000iu'] });
  assert.equal(half.amount.text, '½ capsule');
  assert.deepEqual(prescribe(id, { weightKg: 9 }), {
    kind: 'insufficient-data',
    regimenId: id,
    missing: ['ageMonths'],
  });
});

void test('iron syrup reports the real elemental iron of the product and the label FLAG', () => {
  const p = ok('iron-anaemia', { weightKg: 7 });
  assert.equal(p.amount.text, '1.25 ml');
  assert.equal(p.doseMg, 8.225);
  assert.match(p.warnings.join(' '), /6.6 mg\/ml/);
  assert.equal(ok('iron-anaemia', { weightKg: 10 }).amount.text, '½ tablet');
});

void test('zinc is ½ tablet under 6 months and 1 tablet from 6 months', () => {
  assert.equal(prescribe('zinc-diarrhoea', { ageMonths: 1.9 }).kind, 'out-of-range');
  assert.equal(ok('zinc-diarrhoea', { ageMonths: 5.9 }).amount.text, '½ tablet');
  assert.equal(ok('zinc-diarrhoea', { ageMonths: 6 }).amount.text, '1 tablet');
});

void test('deworming starts at 12 months; albendazole is 200 mg until 24 months', () => {
  assert.equal(prescribe('mebendazole-deworming', { ageMonths: 11.9 }).kind, 'out-of-range');
  assert.equal(ok('mebendazole-deworming', { ageMonths: 12 }).formulation, 'mebendazole-tab-500mg');
  const five = ok('mebendazole-deworming', { ageMonths: 30 }, { stock: ['mebendazole-tab-100mg'] });
  assert.equal(five.amount.text, '5 tablets');
  assert.equal(ok('albendazole-deworming', { ageMonths: 23.9 }).amount.text, '½ tablet');
  assert.equal(ok('albendazole-deworming', { ageMonths: 24 }).amount.text, '1 tablet');
});

void test('chloramphenicol follows the HB05 volume table', () => {
  const id = 'chloramphenicol-im-prereferral-hb05';
  assert.deepEqual(
    [4, 5.9, 6, 8, 10, 14, 19].map((w) => ok(id, { weightKg: w }).amount.value),
    [1, 1, 1.5, 2, 2.5, 3.5, 3.5],
  );
});
