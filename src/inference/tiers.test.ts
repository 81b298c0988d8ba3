import assert from 'node:assert/strict';
import { test } from 'node:test';
import { proposeTier, threadsFor, TIER_RAM_FLOOR, TIERS, type TierId } from './tiers.js';

const GiB = 1024 ** 3;
const hw = (gib: number, gpu = false) => ({ totalMemBytes: gib * GiB, cores: 2, gpu });

// Both sides of every boundary, and the machines the tiers are named after as reported.
const table: [string, number, boolean, TierId][] = [
  ['a 2 GB tablet (1.8 GiB reported)', 1.8, false, 'village-health-post'],
  ['just under the rural floor', 3.49, false, 'village-health-post'],
  ['at the rural floor', 3.5, false, 'rural-clinic'],
  ['a 4 GB laptop (3.7 GiB reported)', 3.7, false, 'rural-clinic'],
  ['just under the district floor', 11.99, false, 'rural-clinic'],
  ['at the district floor', 12, false, 'district-hospital'],
  ['a 16 GB workstation', 15.5, false, 'district-hospital'],
  ['just under the urban floor with a GPU', 47.9, true, 'district-hospital'],
  ['at the urban floor with a GPU', 48, true, 'urban-hospital'],
  ['64 GB without a GPU', 62.8, false, 'district-hospital'],
  ['64 GB with a GPU', 62.8, true, 'urban-hospital'],
];

for (const [what, gib, gpu, tier] of table) {
  test(`proposes ${tier} for ${what}`, () => {
    assert.equal(proposeTier(hw(gib, gpu)).id, tier);
  });
}

test('the RAM floors rise with the tiers', () => {
  const floors = Object.values(TIER_RAM_FLOOR);
  assert.deepEqual(
    [...floors].sort((a, b) => a - b),
    floors,
  );
});

test('threads use every core of a small machine and leave one free from four cores up', () => {
  const district = TIERS['district-hospital'];
  assert.equal(threadsFor(district, 1), 1);
  assert.equal(threadsFor(district, 2), 2);
  assert.equal(threadsFor(district, 3), 3);
  assert.equal(threadsFor(district, 4), 3);
  assert.equal(threadsFor(district, 32), district.maxThreads);
  assert.equal(threadsFor(TIERS['village-health-post'], 8), 2);
});

test('small tiers read the model into memory and unload it when idle; large ones keep it', () => {
  for (const id of ['village-health-post', 'rural-clinic'] as const) {
    assert.equal(TIERS[id].useMmap, false);
    assert.ok((TIERS[id].idleUnloadMs ?? 0) > 0);
  }
  for (const id of ['district-hospital', 'urban-hospital'] as const) {
    assert.equal(TIERS[id].useMmap, true);
    assert.equal(TIERS[id].idleUnloadMs, null);
    assert.equal(TIERS[id].cloud, true);
  }
});
