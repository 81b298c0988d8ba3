import assert from 'node:assert/strict';
import { test } from 'node:test';

import { z } from 'zod';

import { CALCULATORS, findCalculator } from './registry.js';

void test('names every calculator once, in kebab-case, with a summary and a citation', () => {
  const names = CALCULATORS.map((c) => c.name);
  assert.equal(new Set(names).size, names.length);
  for (const c of CALCULATORS) {
    assert.match(c.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok(c.summary.length > 0 && c.citation.length > 0, c.name);
  }
});

void test('describes every parameter of every calculator', () => {
  for (const c of CALCULATORS) {
    const shape: Record<string, z.ZodType> = c.params.shape;
    for (const [key, schema] of Object.entries(shape)) {
      const inner: z.ZodType =
        schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
      assert.ok(schema.description ?? inner.description, `${c.name}.${key}`);
    }
  }
});

void test('finds a calculator by name and nothing for an unknown name', () => {
  assert.equal(findCalculator('egfr')?.name, 'egfr');
  assert.equal(findCalculator('EGFR'), undefined);
});

void test('runs the gcs descriptor through its schema into report lines', () => {
  const gcs = findCalculator('gcs');
  assert.ok(gcs);
  const out = gcs.run(gcs.params.parse({ eye: 3, verbal: 4, motor: 5 }));
  assert.deepEqual(out.lines, ['GCS 12 (E3 V4 M5): moderate']);
  assert.equal((JSON.parse(JSON.stringify(out.result)) as { total: number }).total, 12);
});

void test('reports an out-of-range input with its kebab-case name', () => {
  const bmi = findCalculator('bmi');
  assert.ok(bmi);
  const out = bmi.run(bmi.params.parse({ weightKg: 70, heightCm: 1.7 }));
  assert.match(out.lines[0] ?? '', /^not computed: height-cm \[1\.7\]/);
});

void test('reports a missing age for weight-for-age as insufficient data', () => {
  const wfa = findCalculator('weight-for-age');
  assert.ok(wfa);
  const out = wfa.run(wfa.params.parse({ sex: 'female', weightKg: 9 }));
  assert.match(out.lines[0] ?? '', /missing age-days or age-months/);
});
