import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IsoWeek } from '../../protocol/v1.js';
import { isoWeekOf } from './iso-week.js';

test('a Friday in December falls in its own ISO week', () => {
  assert.equal(isoWeekOf('2026-12-04'), '2026-W49');
});

test('the first days of January belong to the previous year when before its first Thursday', () => {
  assert.equal(isoWeekOf('2027-01-01'), '2026-W53');
  assert.equal(isoWeekOf('2021-01-03'), '2020-W53');
});

test('the last days of December belong to week 1 of the next year when it starts early', () => {
  assert.equal(isoWeekOf('2024-12-30'), '2025-W01');
  assert.equal(isoWeekOf('2025-12-29'), '2026-W01');
});

test('a Monday and the Sunday after it share one week', () => {
  assert.equal(isoWeekOf('2026-11-30'), isoWeekOf('2026-12-06'));
  assert.notEqual(isoWeekOf('2026-12-06'), isoWeekOf('2026-12-07'));
});

test('every week it returns is a valid protocol IsoWeek', () => {
  for (let d = Date.UTC(2020, 0, 1); d < Date.UTC(2030, 0, 1); d += 86_400_000 * 3) {
    const week = isoWeekOf(new Date(d).toISOString().slice(0, 10));
    assert.ok(IsoWeek.safeParse(week).success, week);
  }
});

test('refuses a date that is not on the calendar, showing it', () => {
  assert.throws(() => isoWeekOf('2026-02-30'), /\[2026-02-30\]/);
  assert.throws(() => isoWeekOf('04/12/2026'), /visitDate/);
});
