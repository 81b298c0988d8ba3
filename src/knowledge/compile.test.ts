import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { after, test } from 'node:test';

import Database from 'better-sqlite3-multiple-ciphers';

import { MedAssistError } from '../shared/errors.js';
import { compileKnowledgeBase, hashSources } from './compile.js';
import { KB_SCHEMA_VERSION } from './schema.js';
import { createTempWorkspace, writeStandardFixture } from './test-helpers/fixture.js';

const workspace = createTempWorkspace();
writeStandardFixture(workspace);
after(() => workspace.remove());

const fixedClock = () => new Date('2025-01-02T03:04:05.000Z');

function build(outFile = workspace.dbFile) {
  return compileKnowledgeBase({ contentDir: workspace.contentDir, outFile, now: fixedClock });
}

void test('reports passage count, sorted languages, schema version and build time', () => {
  const result = build();

  assert.equal(result.passageCount, 5);
  assert.deepEqual(result.languages, ['en', 'fr']);
  assert.equal(result.schemaVersion, KB_SCHEMA_VERSION);
  assert.equal(result.builtAt, '2025-01-02T03:04:05.000Z');
  assert.match(result.contentHash, /^[0-9a-f]{64}$/);
});

void test('writes passages, refs, the FTS index and meta into the database', () => {
  const result = build();
  const db = new Database(workspace.dbFile, { readonly: true });

  const passage = db
    .prepare("SELECT * FROM passages WHERE id = 'cls-pneumonia' AND lang = 'en'")
    .get() as Record<string, unknown>;
  assert.equal(passage['kind'], 'classification');
  assert.equal(passage['editions'], '["imci-2014"]');
  assert.equal(passage['reviewed'], 0);

  const refs = db
    .prepare("SELECT passage_id FROM passage_refs WHERE ref = 'zinc-diarrhoea' ORDER BY 1")
    .pluck()
    .all();
  assert.deepEqual(refs, ['drug-zinc', 'tx-zinc-diarrhoea']);

  const fts = db
    .prepare("SELECT count(*) FROM passages_fts WHERE passages_fts MATCH 'fievre'")
    .pluck()
    .get();
  assert.equal(fts, 1, 'accent folding lets "fievre" find "fièvre"');

  const rows = db.prepare('SELECT key, value FROM meta').raw().all() as [string, string][];
  const meta: Record<string, string> = Object.fromEntries(rows);
  assert.deepEqual(meta, {
    schema_version: String(KB_SCHEMA_VERSION),
    content_hash: result.contentHash,
    built_at: '2025-01-02T03:04:05.000Z',
    passage_count: '5',
    languages: '["en","fr"]',
  });
  db.close();
});

void test('indexes passage refs by ref', () => {
  build();
  const db = new Database(workspace.dbFile, { readonly: true });
  const plan = db
    .prepare("EXPLAIN QUERY PLAN SELECT passage_id FROM passage_refs WHERE ref = 'x'")
    .all() as { detail: string }[];

  assert.match(plan.map((row) => row.detail).join(' '), /passage_refs_by_ref/);
  db.close();
});

void test('gives the same hash for the same sources and a new one when a file changes', () => {
  const first = build().contentHash;
  assert.equal(build().contentHash, first);

  workspace.write({ id: 'counsel-extra', kind: 'counselling', body: 'New advice.' });
  const changed = build().contentHash;
  assert.notEqual(changed, first);
});

void test('hashes sources independently of the order they are given in', () => {
  const a = { file: 'en/a.md', text: 'A' };
  const b = { file: 'en/b.md', text: 'B' };

  assert.equal(hashSources([a, b]), hashSources([b, a]));
  assert.notEqual(hashSources([a, b]), hashSources([{ file: 'en/a.mdA', text: '' }, b]));
});

void test('leaves the previous database in place and no temp file when validation fails', () => {
  build();
  const before = readFileSync(workspace.dbFile);
  workspace.write({ id: 'cls-bad', kind: 'nonsense' });

  assert.throws(
    build,
    (error: unknown) => error instanceof MedAssistError && error.code === 'KB_PASSAGE_INVALID',
  );
  assert.deepEqual(readFileSync(workspace.dbFile), before);
  assert.deepEqual(readdirSync(dirname(workspace.dbFile)), ['kb.sqlite']);
});

void test('refuses an empty content folder', () => {
  const empty = createTempWorkspace();
  try {
    assert.throws(
      () => compileKnowledgeBase({ contentDir: empty.contentDir, outFile: empty.dbFile }),
      (error: unknown) => error instanceof MedAssistError && error.code === 'KB_CONTENT_EMPTY',
    );
    assert.equal(existsSync(empty.dbFile), false);
  } finally {
    empty.remove();
  }
});
