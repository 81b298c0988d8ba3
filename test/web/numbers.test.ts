import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decimalMark, parseLocaleNumber } from '../../src/web/numbers.js';

test('a decimal comma is read as the decimal mark in French: "3,75" is 3.75', () => {
  assert.equal(decimalMark('fr'), ',');
  assert.deepEqual(parseLocaleNumber('3,75', 'fr'), { ok: true, value: 3.75 });
});

test('a decimal point is read in every language, because devices show one', () => {
  assert.deepEqual(parseLocaleNumber('3.75', 'fr'), { ok: true, value: 3.75 });
  assert.deepEqual(parseLocaleNumber('3.75', 'en'), { ok: true, value: 3.75 });
});

test('a comma in English is refused rather than read as a thousands separator', () => {
  assert.deepEqual(parseLocaleNumber('3,750', 'en'), { ok: false });
});

test('grouped numbers, two marks, words and empty text are not numbers', () => {
  for (const text of ['1.234,5', '1 234,5', '3,7,5', 'abc', '', '  ']) {
    assert.deepEqual(parseLocaleNumber(text, 'fr'), { ok: false }, `[${text}]`);
  }
});
