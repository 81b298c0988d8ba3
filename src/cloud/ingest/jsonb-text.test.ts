import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isStorableJson, storableText } from './jsonb-text.js';

describe('isStorableJson', () => {
  test('accepts ordinary text, escapes written by the sender and surrogate pairs', () => {
    assert.equal(
      isStorableJson({ a: ['imci', 'tab\there', 'back\\u0000slash', '\u{1f600}'] }),
      true,
    );
  });

  test('refuses a NUL in a value or in a property name, at any depth', () => {
    assert.equal(isStorableJson({ a: [{ b: 'x\u0000' }] }), false);
    assert.equal(isStorableJson({ ['k\u0000']: 1 }), false);
  });

  test('refuses a lone high or low surrogate', () => {
    assert.equal(isStorableJson(['a\ud800b']), false);
    assert.equal(isStorableJson(['a\udc00']), false);
  });

  test('refuses nesting deeper than 64 levels instead of walking it', () => {
    let deep: unknown = 'x\u0001';
    for (let i = 0; i < 70; i += 1) deep = [deep];
    assert.equal(isStorableJson(deep), false);
  });
});

describe('storableText', () => {
  test('cuts before a surrogate pair instead of through it', () => {
    assert.equal(storableText('ab\u{1f600}', 3), 'ab');
    assert.equal(storableText('ab\u{1f600}', 4), 'ab\u{1f600}');
  });

  test('replaces each NUL and lone surrogate with U+FFFD', () => {
    assert.equal(storableText('a\u0000b\udc00c', 10), 'a\ufffdb\ufffdc');
  });
});
