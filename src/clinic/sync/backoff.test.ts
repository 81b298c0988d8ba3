import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay } from './backoff.js';

const s = { baseMs: 1_000, maxMs: 60_000 };

test('the delay doubles with each failure, between half and all of its ceiling', () => {
  assert.deepEqual(
    [1, 2, 3, 4].map((n) => backoffDelay(n, s, () => 0)),
    [500, 1_000, 2_000, 4_000],
  );
  assert.deepEqual(
    [1, 2, 3, 4].map((n) => backoffDelay(n, s, () => 1)),
    [1_000, 2_000, 4_000, 8_000],
  );
});

test('the delay is capped however many failures there were', () => {
  assert.equal(
    backoffDelay(7, s, () => 1),
    60_000,
  );
  assert.equal(
    backoffDelay(1_000, s, () => 1),
    60_000,
  );
  assert.equal(
    backoffDelay(1_000, s, () => 0),
    30_000,
  );
});

test('jitter spreads clinics that failed together', () => {
  const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(5, s)));
  assert.ok(delays.size > 10);
});
