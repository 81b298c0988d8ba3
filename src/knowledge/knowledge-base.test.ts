import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import Database from 'better-sqlite3-multiple-ciphers';

import { InputError, MedAssistError } from '../shared/errors.js';
import { compileKnowledgeBase } from './compile.js';
import { type KnowledgeBase, openKnowledgeBase } from './knowledge-base.js';
import { createTempWorkspace, writeStandardFixture } from './test-helpers/fixture.js';

const workspace = createTempWorkspace();
let kb: KnowledgeBase;

before(() => {
  writeStandardFixture(workspace);
  compileKnowledgeBase({ contentDir: workspace.contentDir, outFile: workspace.dbFile });
  kb = openKnowledgeBase(workspace.dbFile);
});
after(() => {
  kb.close();
  workspace.remove();
});

void test('ranks a passage whose title holds the word above one that only mentions it', () => {
  const ids = kb.search('pneumonia').map((hit) => hit.id);

  assert.deepEqual(ids, ['cls-pneumonia', 'tx-amoxicillin-pneumonia']);
});

void test('returns id, title, kind, citation, lang, a positive score and a marked snippet', () => {
  const [hit] = kb.search('zinc diarrhoea', { limit: 1 });

  assert.equal(hit?.id, 'tx-zinc-diarrhoea');
  assert.equal(hit?.kind, 'treatment');
  assert.equal(hit?.lang, 'en');
  assert.equal(hit?.citation, 'WHO IMCI chart booklet 2014, Test section');
  assert.ok((hit?.score ?? 0) > 0);
  assert.match(hit?.snippet ?? '', /\[zinc\]/i);
});

void test('puts passages holding every word before passages holding only some', () => {
  const ids = kb.search('zinc tablets').map((hit) => hit.id);

  assert.deepEqual(ids, ['drug-zinc', 'tx-zinc-diarrhoea']);
});

void test('filters by kind and honours the limit', () => {
  assert.deepEqual(
    kb.search('zinc', { kind: 'drug' }).map((hit) => hit.id),
    ['drug-zinc'],
  );
  assert.equal(kb.search('zinc', { limit: 1 }).length, 1);
});

void test('serves the translation where one exists and English for the rest', () => {
  const hits = kb.search('amoxicillin amoxicilline', { lang: 'fr' });

  assert.deepEqual(hits.map((hit) => `${hit.id}/${hit.lang}`).sort(), [
    'cls-pneumonia/fr',
    'tx-amoxicillin-pneumonia/en',
  ]);
});

void test('falls back to English for a language with no passages at all', () => {
  assert.deepEqual(
    kb.search('zinc', { lang: 'sw', kind: 'drug' }).map((h) => h.lang),
    ['en'],
  );
});

void test('finds French text typed without accents', () => {
  assert.deepEqual(
    kb.search('fievre elevee', { lang: 'fr' }).map((h) => h.id),
    ['cls-pneumonia'],
  );
});

void test('treats FTS5 syntax in user text as plain words and never throws', () => {
  for (const query of ['"', 'AND(', '*', '-', 'zinc"', 'NEAR(zinc', 'title:zinc', '^zinc', '']) {
    assert.doesNotThrow(() => kb.search(query), `query [${query}]`);
  }
  assert.deepEqual(kb.search('*').length, 0);
  assert.equal(kb.search('zinc" OR "x')[0]?.title, 'Zinc sulfate');
});

void test('rejects a limit outside 1 to 50 and a bad language or kind, naming the field', () => {
  for (const limit of [0, 51, 1.5]) {
    assert.throws(
      () => kb.search('zinc', { limit }),
      (e: unknown) => e instanceof InputError && e.issues[0]?.field === 'limit',
    );
  }
  assert.equal(kb.search('zinc', { limit: 50 }).length, 2);
  assert.throws(() => kb.search('zinc', { lang: 'EN;' }), InputError);
  assert.throws(() => kb.search('zinc', { kind: 'recipe' as never }), InputError);
});

void test('returns full passages linked to refs, classifications first, without duplicates', () => {
  const passages = kb.passagesFor(['amoxicillin-pneumonia-cb14', 'pneumonia']);

  assert.deepEqual(
    passages.map((p) => p.id),
    ['cls-pneumonia', 'tx-amoxicillin-pneumonia'],
  );
  assert.deepEqual([...(passages[1]?.refs ?? [])].sort(), [
    'amoxicillin',
    'amoxicillin-pneumonia-cb14',
  ]);
  assert.deepEqual(passages[0]?.editions, ['imci-2014']);
  assert.equal(passages[0]?.reviewed, false);
  assert.match(passages[0]?.body ?? '', /chest indrawing/);
});

void test('links refs per language with English fallback, and returns nothing for no refs', () => {
  const passages = kb.passagesFor(['pneumonia', 'amoxicillin'], { lang: 'fr' });

  assert.deepEqual(
    passages.map((p) => `${p.id}/${p.lang}`),
    ['cls-pneumonia/fr', 'tx-amoxicillin-pneumonia/en'],
  );
  assert.deepEqual(kb.passagesFor([]), []);
  assert.deepEqual(kb.passagesFor(['no-such-ref']), []);
});

void test('gets one passage by id in the requested language or in English', () => {
  assert.equal(kb.getPassage('cls-pneumonia', 'fr')?.title, 'Pneumonie');
  assert.equal(kb.getPassage('cls-pneumonia')?.title, 'Pneumonia');
  assert.equal(kb.getPassage('drug-zinc', 'fr')?.lang, 'en');
  assert.equal(kb.getPassage('drug-missing'), undefined);
});

void test('reports meta from the build', () => {
  const meta = kb.meta();

  assert.equal(meta.passageCount, 5);
  assert.deepEqual(meta.languages, ['en', 'fr']);
  assert.match(meta.contentHash, /^[0-9a-f]{64}$/);
});

void test('opens the database read-only', () => {
  const db = new Database(workspace.dbFile, { readonly: true });
  assert.throws(() => db.exec('DELETE FROM passages'), /readonly/i);
  db.close();
});

void test('refuses a missing file, a non-database file and a database of another schema', () => {
  const isCode = (code: string) => (e: unknown) => e instanceof MedAssistError && e.code === code;
  assert.throws(
    () => openKnowledgeBase(join(workspace.root, 'missing.sqlite')),
    isCode('KB_NOT_FOUND'),
  );

  const empty = join(workspace.root, 'empty.sqlite');
  new Database(empty).close();
  assert.throws(() => openKnowledgeBase(empty), isCode('KB_INVALID'));

  const other = join(workspace.root, 'other.sqlite');
  const db = new Database(other);
  db.exec(
    "CREATE TABLE meta (key TEXT, value TEXT); INSERT INTO meta VALUES ('schema_version', '99'), ('content_hash', 'x'), ('built_at', 'x'), ('passage_count', '0'), ('languages', '[]')",
  );
  db.close();
  assert.throws(() => openKnowledgeBase(other), isCode('KB_SCHEMA_UNSUPPORTED'));

  const text = join(workspace.root, 'text.sqlite');
  writeFileSync(text, 'not sqlite at all, just some text that is long enough to have a header');
  assert.throws(
    () => openKnowledgeBase(text),
    (e: unknown) => e instanceof MedAssistError,
  );
});
