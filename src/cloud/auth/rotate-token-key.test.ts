import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_RETIRE_AFTER_MS, parseRetireAfter } from './rotate-token-key.js';

test('the default grace before old keys retire is twice the 10-minute token lifetime', () => {
  assert.equal(DEFAULT_RETIRE_AFTER_MS, 20 * 60_000);
});

test('retire-after takes 0, seconds, minutes, hours or days up to 7 days', () => {
  assert.equal(parseRetireAfter('0'), 0);
  assert.equal(parseRetireAfter('90'), 90_000);
  assert.equal(parseRetireAfter('90s'), 90_000);
  assert.equal(parseRetireAfter('20m'), 1_200_000);
  assert.equal(parseRetireAfter('2h'), 7_200_000);
  assert.equal(parseRetireAfter('7d'), 7 * 86_400_000);
});

test('retire-after refuses other text and more than 7 days, showing the value', () => {
  assert.throws(() => parseRetireAfter('8d'), /--retire-after: .*\[8d\]/);
  assert.throws(() => parseRetireAfter('-1'), /\[-1\]/);
  assert.throws(() => parseRetireAfter('20 minutes'), /\[20 minutes\]/);
  assert.throws(() => parseRetireAfter(''), /\[\]/);
});
