import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isoWeekOf, mondayOfIsoWeek, previousIsoWeeks } from './iso-week.js';
import { DEFAULT_OUTBREAK_RULE as rule, isOutbreak } from './outbreak.js';

describe('ISO weeks', () => {
  test('week 1 of 2026 starts on Monday 29 December 2025', () => {
    assert.equal(mondayOfIsoWeek('2026-W01').toISOString().slice(0, 10), '2025-12-29');
    assert.equal(isoWeekOf(new Date('2025-12-29T12:00:00Z')), '2026-W01');
  });

  test('the weeks before week 2 cross into the previous year, which has 52 weeks', () => {
    assert.deepEqual(previousIsoWeeks('2026-W02', 3), ['2026-W01', '2025-W52', '2025-W51']);
  });

  test('2026 ends with week 53', () => {
    assert.equal(isoWeekOf(new Date('2026-12-31T00:00:00Z')), '2026-W53');
  });
});

describe('outbreak rule (at least 5 cases and more than 2 times the 4-week mean)', () => {
  test('4 cases with no baseline is below the minimum, 5 is an outbreak', () => {
    assert.equal(isOutbreak(4, [0, 0, 0, 0], rule), false);
    assert.equal(isOutbreak(5, [0, 0, 0, 0], rule), true);
  });

  test('twice the mean is not enough, more than twice is', () => {
    assert.equal(isOutbreak(6, [3, 3, 3, 3], rule), false);
    assert.equal(isOutbreak(7, [3, 3, 3, 3], rule), true);
  });
});
