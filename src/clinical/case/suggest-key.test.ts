import assert from 'node:assert/strict';
import { test } from 'node:test';
import { editDistance, suggestKey } from './suggest-key.js';
import { FINDING_KEYS } from './vocabulary.js';

test('measures edit distance by insertions, deletions and substitutions', () => {
  assert.equal(editDistance('', ''), 0);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('abc', ''), 3);
  assert.equal(editDistance('stridor', 'stridor'), 0);
});

test('suggests respiratory_rate for respiratory_rat', () => {
  assert.equal(suggestKey('respiratory_rat', FINDING_KEYS), 'respiratory_rate');
});

test('suggests the snake_case key for camelCase and other spellings', () => {
  assert.equal(suggestKey('respiratoryRate', FINDING_KEYS), 'respiratory_rate');
  assert.equal(suggestKey('Chest-Indrawing', FINDING_KEYS), 'chest_indrawing');
  assert.equal(suggestKey('diarrhea', FINDING_KEYS), 'diarrhoea');
  assert.equal(suggestKey('fever_day', FINDING_KEYS), 'fever_days');
});

test('suggests nothing for a word far from every key', () => {
  assert.equal(suggestKey('xyz', FINDING_KEYS), undefined);
  assert.equal(suggestKey('headache', FINDING_KEYS), undefined);
});
