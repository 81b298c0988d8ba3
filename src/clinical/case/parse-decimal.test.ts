import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDecimal, parseDecimalText } from './parse-decimal.js';

test('reads a decimal comma and a decimal point as the same number', () => {
  assert.equal(parseDecimal('12,5'), 12.5);
  assert.equal(parseDecimal('12.5'), 12.5);
});

test('keeps three decimals as decimals, not as thousands', () => {
  assert.equal(parseDecimal('3.75'), 3.75);
  assert.equal(parseDecimal('3,75'), 3.75);
  assert.equal(parseDecimal('1.250'), 1.25);
});

test('reads whole numbers, signs and surrounding spaces', () => {
  assert.equal(parseDecimal('40'), 40);
  assert.equal(parseDecimal('-2,5'), -2.5);
  assert.equal(parseDecimal('+0.5'), 0.5);
  assert.equal(parseDecimal('  37,5 '), 37.5);
});

test('refuses thousands separators with both marks, in either order', () => {
  for (const text of ['1.250,5', '1,250.5', '1.250.000', '1,250,000']) {
    assert.equal(parseDecimal(text), undefined, text);
    const result = parseDecimalText(text);
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.problem, /thousands separators are not accepted/);
  }
});

test('refuses a space used as thousands separator with a clear reason', () => {
  const result = parseDecimalText('1 250');
  assert.equal(result.ok, false);
  assert.match(result.ok ? '' : result.problem, /spaces/);
});

test('refuses empty text, exponents, hex, words and bare marks', () => {
  for (const text of [
    '',
    '   ',
    '1e3',
    '0x10',
    'Infinity',
    'NaN',
    'twelve',
    '.5',
    '12.',
    ',',
    '12,5kg',
  ]) {
    assert.equal(parseDecimal(text), undefined, JSON.stringify(text));
  }
  const empty = parseDecimalText('');
  assert.match(empty.ok ? '' : empty.problem, /empty/);
});
