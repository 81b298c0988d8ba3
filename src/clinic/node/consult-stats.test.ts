import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createConsultStats } from './consult-stats.js';

void test('the average is 0 before the first consult and follows the recent window after', () => {
  const stats = createConsultStats(3);
  assert.equal(stats.averageMs(), 0);
  for (const ms of [100, 10, 20, 30]) stats.record(ms);
  assert.equal(stats.averageMs(), 20);
  assert.equal(stats.count(), 4);
});
