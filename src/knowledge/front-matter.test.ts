import assert from 'node:assert/strict';
import { test } from 'node:test';

import { MedAssistError } from '../shared/errors.js';
import { parseFrontMatter } from './front-matter.js';

function errorMatching(pattern: RegExp) {
  return (error: unknown) =>
    error instanceof MedAssistError &&
    error.code === 'KB_FRONT_MATTER_INVALID' &&
    pattern.test(error.message);
}

void test('parses scalars, booleans, inline lists and the trimmed body', () => {
  const text = [
    '---',
    'id: cls-pneumonia',
    "title: 'Fever: no malaria'",
    'reviewed: false',
    'refs: [pneumonia, "a, b", amoxicillin-pneumonia-cb14]',
    'empty: []',
    '---',
    '',
    'Body line one.',
    '',
  ].join('\n');

  const doc = parseFrontMatter(text, 'en/x.md');

  assert.deepEqual(doc.data, {
    id: 'cls-pneumonia',
    title: 'Fever: no malaria',
    reviewed: false,
    refs: ['pneumonia', 'a, b', 'amoxicillin-pneumonia-cb14'],
    empty: [],
  });
  assert.equal(doc.body, 'Body line one.');
});

void test('parses block lists, CRLF line ends, a BOM and comment lines', () => {
  const text =
    '\uFEFF---\r\n# a comment\r\neditions:\r\n  - imci-2014\r\n  - imci-2005\r\nreviewed: true\r\n---\r\nBody\r\n';

  const doc = parseFrontMatter(text, 'en/x.md');

  assert.deepEqual(doc.data, { editions: ['imci-2014', 'imci-2005'], reviewed: true });
  assert.equal(doc.body, 'Body');
});

void test('keeps a value with a colon after the first one as text', () => {
  const doc = parseFrontMatter('---\ncitation: WHO, p.22: cough\n---\nx', 'f.md');

  assert.equal(doc.data['citation'], 'WHO, p.22: cough');
});

void test('rejects a file without an opening fence, naming the file and line', () => {
  assert.throws(() => parseFrontMatter('id: x\n', 'en/a.md'), errorMatching(/^en\/a\.md:1: /));
});

void test('rejects front matter without a closing fence', () => {
  assert.throws(() => parseFrontMatter('---\nid: x\n', 'en/a.md'), errorMatching(/closing fence/));
});

void test('rejects a malformed line and shows it in brackets with its line number', () => {
  assert.throws(
    () => parseFrontMatter('---\nid: x\nnot a field\n---\nbody', 'en/a.md'),
    errorMatching(/^en\/a\.md:3: .*\[not a field\]/),
  );
});

void test('rejects a duplicate key', () => {
  assert.throws(
    () => parseFrontMatter('---\nid: x\nid: y\n---\nbody', 'en/a.md'),
    errorMatching(/duplicate key \[id\]/),
  );
});

void test('rejects a list item that follows a scalar key', () => {
  assert.throws(
    () => parseFrontMatter('---\nid: x\n  - y\n---\nbody', 'en/a.md'),
    errorMatching(/list item without a list key/),
  );
});

void test('rejects an unclosed inline list', () => {
  assert.throws(
    () => parseFrontMatter('---\nrefs: [a, b\n---\nbody', 'en/a.md'),
    errorMatching(/unclosed list/),
  );
});
