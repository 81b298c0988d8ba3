import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { MedAssistError } from '../shared/errors.js';
import { type PassageIssue, parsePassages, readPassageSources } from './load-passages.js';
import { createTempWorkspace, renderPassage } from './test-helpers/fixture.js';

const workspace = createTempWorkspace();
after(() => workspace.remove());

function issuesOf(run: () => unknown): PassageIssue[] {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof MedAssistError);
    assert.equal(error.code, 'KB_PASSAGE_INVALID');
    return error.details['issues'] as PassageIssue[];
  }
  assert.fail('expected KB_PASSAGE_INVALID');
}

function source(file: string, fields: Parameters<typeof renderPassage>[0]) {
  return { file, text: renderPassage(fields) };
}

void test('accepts a valid passage and keeps its file, body and fields', () => {
  const [passage] = parsePassages([source('en/cls-pneumonia.md', { id: 'cls-pneumonia' })]);

  assert.equal(passage?.id, 'cls-pneumonia');
  assert.equal(passage?.file, 'en/cls-pneumonia.md');
  assert.equal(passage?.reviewed, false);
  assert.deepEqual(passage?.editions, ['imci-2014']);
});

void test('names the file and field of an unknown kind and shows the value', () => {
  const issues = issuesOf(() =>
    parsePassages([source('en/a.md', { id: 'cls-a', kind: 'recipe' })]),
  );

  assert.equal(issues[0]?.file, 'en/a.md');
  assert.equal(issues[0]?.field, 'kind');
  assert.match(issues[0]?.message ?? '', /\[recipe\]/);
});

void test('rejects an id whose prefix does not match the kind', () => {
  const issues = issuesOf(() =>
    parsePassages([source('en/a.md', { id: 'cls-zinc', kind: 'drug' })]),
  );

  assert.deepEqual(
    issues.map((issue) => issue.field),
    ['id'],
  );
  assert.match(issues[0]?.message ?? '', /\[drug-\]/);
});

void test('rejects an unknown edition and an unknown front-matter key', () => {
  const text = renderPassage({ id: 'cls-a', editions: ['imci-1999'] }).replace(
    'reviewed: false',
    'reviewed: false\nreviewer: someone',
  );
  const issues = issuesOf(() => parsePassages([{ file: 'en/a.md', text }]));

  assert.deepEqual(issues.map((issue) => issue.field).sort(), ['editions.0', 'front-matter']);
});

void test('rejects a lang that does not match its language folder', () => {
  const issues = issuesOf(() => parsePassages([source('fr/a.md', { id: 'cls-a', lang: 'en' })]));

  assert.equal(issues[0]?.field, 'lang');
  assert.match(issues[0]?.message ?? '', /\[en\].*\[fr\]/);
});

void test('rejects a duplicate id within one language and names the first file', () => {
  const issues = issuesOf(() =>
    parsePassages([source('en/a.md', { id: 'cls-a' }), source('en/sub/b.md', { id: 'cls-a' })]),
  );

  assert.equal(issues.length, 1);
  assert.equal(issues[0]?.file, 'en/sub/b.md');
  assert.match(issues[0]?.message ?? '', /\[cls-a\].*\[en\].*\[en\/a\.md\]/);
});

void test('accepts the same id in two languages as a translation', () => {
  const passages = parsePassages([
    source('en/a.md', { id: 'cls-a' }),
    source('fr/a.md', { id: 'cls-a', lang: 'fr' }),
  ]);

  assert.deepEqual(
    passages.map((p) => p.lang),
    ['en', 'fr'],
  );
});

void test('collects problems from every file into one error', () => {
  const issues = issuesOf(() =>
    parsePassages([
      { file: 'en/a.md', text: 'no front matter' },
      source('en/b.md', { id: 'cls-b', body: '' }),
    ]),
  );

  assert.deepEqual(
    issues.map((issue) => `${issue.file} ${issue.field}`),
    ['en/a.md front-matter', 'en/b.md body'],
  );
});

void test('reads markdown sources recursively in sorted order with / separators', () => {
  workspace.write({ id: 'cls-b', file: 'en/z/cls-b.md' });
  workspace.write({ id: 'cls-a' });
  workspace.writeRaw('en/notes.txt', 'ignored');

  const files = readPassageSources(workspace.contentDir).map((s) => s.file);

  assert.deepEqual(files, ['en/cls-a.md', 'en/z/cls-b.md']);
});

void test('reports a missing content folder with its path', () => {
  assert.throws(
    () => readPassageSources(`${workspace.root}/missing`),
    (error: unknown) => error instanceof MedAssistError && error.code === 'KB_CONTENT_NOT_FOUND',
  );
});
