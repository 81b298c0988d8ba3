import assert from 'node:assert/strict';
import { test } from 'node:test';

import Database from 'better-sqlite3-multiple-ciphers';

import {
  extractTerms,
  MAX_QUERY_TERMS,
  toAllTermsQuery,
  toAnyTermQuery,
  toQueryTiers,
} from './fts-query.js';

void test('keeps words and numbers, lower-cased, and drops FTS5 operators and punctuation', () => {
  assert.deepEqual(extractTerms('Chest-indrawing AND( "ORS" plan*B: 75 ml/kg'), [
    'chest',
    'indrawing',
    'and',
    'ors',
    'plan',
    'b',
    '75',
    'ml',
    'kg',
  ]);
});

void test('keeps accented letters so diacritic folding happens in the tokenizer', () => {
  assert.deepEqual(extractTerms('fièvre élevée'), ['fièvre', 'élevée']);
});

void test('yields no query for text without words', () => {
  for (const text of ['', '"', '*', '-', '()', '^:', '   ']) {
    assert.deepEqual(toQueryTiers(text), [], `text [${text}]`);
  }
});

void test('quotes every term and de-duplicates repeats', () => {
  assert.equal(toAllTermsQuery(['zinc', 'near', 'zinc']), '"zinc" "near"');
  assert.equal(toAnyTermQuery(['zinc', 'or']), '"zinc" OR "or"');
});

void test('runs the all-words tier before the any-word tier, once for a single word', () => {
  assert.deepEqual(toQueryTiers('plan b'), ['"plan" "b"', '"plan" OR "b"']);
  assert.deepEqual(toQueryTiers('zinc'), ['"zinc"']);
});

void test('caps the number of terms', () => {
  const words = Array.from({ length: MAX_QUERY_TERMS + 5 }, (_, i) => `w${i}`).join(' ');

  assert.equal(extractTerms(words).length, MAX_QUERY_TERMS);
});

void test('never produces an FTS5 syntax error for hostile input', () => {
  const db = new Database(':memory:');
  db.exec(
    "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='unicode61 remove_diacritics 2')",
  );
  db.prepare('INSERT INTO t VALUES (?, ?)').run('Zinc', 'and or not near body');
  const match = db.prepare('SELECT count(*) AS n FROM t WHERE t MATCH ?');
  const alphabet = [
    '"',
    "'",
    '*',
    '-',
    '+',
    '(',
    ')',
    ':',
    '^',
    '{',
    '}',
    'AND',
    'OR',
    'NOT',
    'NEAR',
    'title',
    'zinc',
    ' ',
    '\u0000',
    'é',
    '\\',
    ',',
    '.',
  ];
  let seed = 7;
  const next = (): number => (seed = (seed * 48271) % 2147483647);

  for (let round = 0; round < 500; round += 1) {
    const text = Array.from(
      { length: 1 + (next() % 8) },
      () => alphabet[next() % alphabet.length],
    ).join('');
    for (const query of toQueryTiers(text)) {
      assert.doesNotThrow(() => match.get(query), `query [${query}] from [${text}]`);
    }
  }
  db.close();
});
