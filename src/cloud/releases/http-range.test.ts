import assert from 'node:assert/strict';
import { test } from 'node:test';

import { parseRange } from './http-range.js';

void test('an open range runs to the last byte and a closed one is clipped to the size', () => {
  assert.deepEqual(parseRange('bytes=5-', 10), { kind: 'partial', start: 5, end: 9 });
  assert.deepEqual(parseRange('bytes=2-50', 10), { kind: 'partial', start: 2, end: 9 });
});

void test('a suffix range is the last n bytes', () => {
  assert.deepEqual(parseRange('bytes=-3', 10), { kind: 'partial', start: 7, end: 9 });
  assert.deepEqual(parseRange('bytes=-30', 10), { kind: 'partial', start: 0, end: 9 });
});

void test('a range that starts at or past the end is unsatisfiable', () => {
  assert.deepEqual(parseRange('bytes=10-', 10), { kind: 'unsatisfiable' });
  assert.deepEqual(parseRange('bytes=9-', 10), { kind: 'partial', start: 9, end: 9 });
});

void test('no header, several ranges or another unit give the whole body', () => {
  assert.deepEqual(parseRange(undefined, 10), { kind: 'full' });
  assert.deepEqual(parseRange('bytes=0-1,4-5', 10), { kind: 'full' });
  assert.deepEqual(parseRange('items=0-1', 10), { kind: 'full' });
});
