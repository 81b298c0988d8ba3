import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findJsonSyntaxError } from './json-syntax.js';

test('finds no error in valid JSON of every kind', () => {
  for (const text of [
    '{}',
    '[]',
    ' {"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"]} ',
    '"s"',
    '0',
  ]) {
    assert.equal(JSON.parse(text) !== Symbol(), true);
    assert.equal(findJsonSyntaxError(text), undefined, text);
  }
});

test('locates a missing value by line and column', () => {
  assert.deepEqual(findJsonSyntaxError('{\n  "stridor": }'), {
    line: 2,
    column: 14,
    expected: 'a value',
    atEnd: false,
  });
});

test('locates a trailing comma, a missing comma and an unquoted name', () => {
  assert.equal(findJsonSyntaxError('{"a": 1,}')?.expected, 'a property name in double quotes');
  assert.equal(findJsonSyntaxError('[1 2]')?.expected, '"," or "]"');
  assert.equal(findJsonSyntaxError('{a: 1}')?.column, 2);
});

test('reports text that ends too early as ending at its last position', () => {
  const error = findJsonSyntaxError('{"a": [1,');
  assert.equal(error?.atEnd, true);
  assert.equal(error?.column, 10);
  assert.equal(findJsonSyntaxError('')?.expected, 'a value');
  assert.equal(findJsonSyntaxError('"open')?.expected, 'the closing " of a string');
});

test('refuses what JSON.parse refuses: leading zeros, bad escapes, control characters, extra text', () => {
  for (const text of ['01', '"\\x"', '"a\tb"', '{} {}', 'tru', '-', '1.']) {
    assert.throws(() => JSON.parse(text) as unknown, SyntaxError, text);
    assert.ok(findJsonSyntaxError(text), text);
  }
});

test('stops at absurd nesting instead of overflowing the stack', () => {
  const error = findJsonSyntaxError('['.repeat(100_000));
  assert.equal(error?.expected, 'less deeply nested data');
});
