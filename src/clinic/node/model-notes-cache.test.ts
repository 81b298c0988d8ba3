import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HybridResult } from '../../inference/orchestrator/index.js';
import { createModelNotesCache } from './model-notes-cache.js';

// Only the cache's bookkeeping is under test: the model result is an opaque value here.
const model = { servedBy: 'local' } as unknown as HybridResult;
const notes = { userId: 'u-nurse', caseKey: 'case-1', model };

void test('notes are found again by their id for the same user only', () => {
  const cache = createModelNotesCache();
  const id = cache.put(notes);
  assert.equal(cache.take(id, 'u-nurse')?.caseKey, 'case-1');
  assert.equal(cache.take(id, 'u-nurse')?.caseKey, 'case-1', 'a repeat finds them again');
  assert.equal(cache.take(id, 'u-doctor'), undefined);
});

void test('notes older than the time to live are gone', () => {
  let now = 0;
  const cache = createModelNotesCache(10, 1_000, () => now);
  const id = cache.put(notes);
  now = 1_000;
  assert.ok(cache.take(id, 'u-nurse'));
  now = 1_001;
  assert.equal(cache.take(id, 'u-nurse'), undefined);
});

void test('past the limit the oldest notes leave first', () => {
  const cache = createModelNotesCache(2);
  const [a, b, c] = [cache.put(notes), cache.put(notes), cache.put(notes)];
  assert.equal(cache.take(a, 'u-nurse'), undefined);
  assert.ok(cache.take(b, 'u-nurse'));
  assert.ok(cache.take(c, 'u-nurse'));
});
