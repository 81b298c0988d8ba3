import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCase } from '../case/index.js';
import { InputError } from '../../shared/errors.js';
import { assertPlausibleWeight } from './plausibility.js';

const at = (weight: number, months = 18, sex?: 'male' | 'female') =>
  parseCase(
    { patient: { age_months: months, weight_kg: weight, ...(sex ? { sex } : {}) }, findings: {} },
    { visitDate: '2026-12-04' },
  );

test('refuses 125 kg at 18 months, naming the weight and the age', () => {
  assert.throws(
    () => assertPlausibleWeight(at(125)),
    (e: unknown) =>
      e instanceof InputError &&
      /weight_kg/.test(e.issues[0]?.field ?? '') &&
      /18 months/.test(e.message),
  );
});

test('accepts a light but possible weight and a heavy but possible one', () => {
  assert.doesNotThrow(() => assertPlausibleWeight(at(6, 18, 'male')));
  assert.doesNotThrow(() => assertPlausibleWeight(at(16, 18, 'male')));
});

test('refuses a weight below −6 z (2 kg at 18 months) for both sexes when sex is unknown', () => {
  assert.throws(() => assertPlausibleWeight(at(2)), InputError);
});
