import assert from 'node:assert/strict';
import { test } from 'node:test';

import { parseIsoDate, pregnancyDates } from './pregnancy-dates.js';

void test('puts the EDD 280 days after the LMP for a 28-day cycle', () => {
  assert.deepEqual(pregnancyDates({ lmp: '2024-01-01' }), { kind: 'ok', edd: '2024-10-07' });
  assert.deepEqual(pregnancyDates({ lmp: '2023-05-10' }), { kind: 'ok', edd: '2024-02-14' });
});

void test('crosses a leap day without drift', () => {
  const r = pregnancyDates({ lmp: '2023-06-01' });
  assert.equal(r.kind === 'ok' && r.edd, '2024-03-07');
});

void test('moves the EDD by the cycle length minus 28 days', () => {
  const long = pregnancyDates({ lmp: '2024-01-01', cycleLengthDays: 35 });
  const short = pregnancyDates({ lmp: '2024-01-01', cycleLengthDays: 25 });
  assert.equal(long.kind === 'ok' && long.edd, '2024-10-14');
  assert.equal(short.kind === 'ok' && short.edd, '2024-10-04');
});

void test('gives gestational age in weeks and days on a date', () => {
  const r = pregnancyDates({ lmp: '2024-01-01', onDate: '2024-03-01' });
  assert.ok(r.kind === 'ok');
  assert.deepEqual(r.gestationalAge, { weeks: 8, days: 4, totalDays: 60 });
  const term = pregnancyDates({ lmp: '2024-01-01', onDate: '2024-10-07' });
  assert.deepEqual(term.kind === 'ok' && term.gestationalAge, {
    weeks: 40,
    days: 0,
    totalDays: 280,
  });
});

void test('counts gestational age from the cycle-adjusted dates', () => {
  const r = pregnancyDates({ lmp: '2024-01-01', cycleLengthDays: 35, onDate: '2024-10-14' });
  assert.deepEqual(r.kind === 'ok' && r.gestationalAge, { weeks: 40, days: 0, totalDays: 280 });
});

void test('accepts the LMP day itself and refuses the day before it', () => {
  const same = pregnancyDates({ lmp: '2024-01-01', onDate: '2024-01-01' });
  assert.deepEqual(same.kind === 'ok' && same.gestationalAge, { weeks: 0, days: 0, totalDays: 0 });
  const before = pregnancyDates({ lmp: '2024-01-01', onDate: '2023-12-31' });
  assert.equal(before.kind === 'out-of-range' && before.field, 'onDate');
});

void test('accepts 44+0 weeks and refuses 44+1', () => {
  assert.equal(pregnancyDates({ lmp: '2024-01-01', onDate: '2024-11-04' }).kind, 'ok');
  assert.equal(pregnancyDates({ lmp: '2024-01-01', onDate: '2024-11-05' }).kind, 'out-of-range');
});

void test('refuses impossible dates and other formats, naming the field', () => {
  for (const lmp of ['2023-02-29', '2024-13-01', '01/02/2024', '2024-1-1', '']) {
    const r = pregnancyDates({ lmp });
    assert.equal(r.kind === 'out-of-range' && r.field, 'lmp', lmp);
  }
  assert.ok(parseIsoDate('2024-02-29') !== undefined);
});

void test('accepts cycle lengths 21 and 45 and refuses 20, 46 and 28.5', () => {
  for (const [cycleLengthDays, kind] of [
    [20, 'out-of-range'],
    [21, 'ok'],
    [45, 'ok'],
    [46, 'out-of-range'],
    [28.5, 'out-of-range'],
  ] as const) {
    assert.equal(pregnancyDates({ lmp: '2024-01-01', cycleLengthDays }).kind, kind);
  }
});
