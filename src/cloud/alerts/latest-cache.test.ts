import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLatestCache } from './latest-cache.js';

test('polls within the cache age share one database read', async () => {
  let reads = 0;
  const cache = createLatestCache(() => Promise.resolve(++reads), 60_000);
  const ids = await Promise.all([cache.latest('r'), cache.latest('r'), cache.latest('r')]);
  assert.deepEqual(ids, [1, 1, 1]);
  assert.equal(await cache.latest('r'), 1);
  assert.equal(reads, 1);
});

test('a bump on this instance is seen before the next refresh', async () => {
  const cache = createLatestCache(() => Promise.resolve(3), 60_000);
  await cache.latest('r');
  cache.bump('r', 9);
  assert.equal(await cache.latest('r'), 9);
});

test('a cache of age zero reads again on each poll', async () => {
  let reads = 0;
  const cache = createLatestCache(() => Promise.resolve(++reads), 0);
  await cache.latest('r');
  await cache.latest('r');
  assert.equal(reads, 2);
});
