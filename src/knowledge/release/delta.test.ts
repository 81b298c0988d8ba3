import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';

import { openKnowledgeBase } from '../knowledge-base.js';
import { contentHashOfFile } from './content-hash.js';
import { applyDelta, createDelta } from './delta.js';
import { parseDelta } from './delta-format.js';
import { buildKbVersions } from './test-helpers/kb-versions.js';

const kb = buildKbVersions();
after(() => kb.remove());

const versions = { fromVersion: 'v1', toVersion: 'v2' };
const copyOf = (path: string, name: string) => {
  const to = join(kb.root, name);
  copyFileSync(path, to);
  return to;
};

void test('the content hash names the records, not the file bytes', () => {
  const copy = copyOf(kb.v1, 'copy-v1.db');

  assert.equal(contentHashOfFile(copy), contentHashOfFile(kb.v1));
  assert.notEqual(contentHashOfFile(kb.v2), contentHashOfFile(kb.v1));
});

void test('a delta carries only the changed, added and deleted records', () => {
  const { header, changes } = parseDelta(createDelta(kb.v1, kb.v2, versions));
  const passages = changes.filter((c) => c.table.name === 'passages');

  assert.equal(header.baseContentHash, contentHashOfFile(kb.v1));
  assert.equal(header.contentHash, contentHashOfFile(kb.v2));
  assert.deepEqual(passages.map((c) => `${c.op} ${String(c.values[0])}`).sort(), [
    'del drug-zinc',
    'put cls-malaria',
    'put cls-pneumonia',
  ]);
});

void test('applying a delta gives the target records and a working search index', () => {
  const target = copyOf(kb.v1, 'apply-v1.db');

  const applied = applyDelta(target, createDelta(kb.v1, kb.v2, versions));

  assert.equal(contentHashOfFile(target), contentHashOfFile(kb.v2));
  assert.ok(applied.changes > 0);
  const base = openKnowledgeBase(target);
  try {
    assert.equal(base.search('malaria')[0]?.id, 'cls-malaria');
    assert.equal(base.search('dispersible').length, 0);
    assert.match(base.getPassage('cls-pneumonia')?.body ?? '', /revised wording/);
  } finally {
    base.close();
  }
});

void test('a delta applied to the wrong base is refused and leaves the file unchanged', () => {
  const target = copyOf(kb.other, 'wrong-base.db');
  const before = readFileSync(target);

  assert.throws(
    () => applyDelta(target, createDelta(kb.v1, kb.v2, versions)),
    (e: Error & { code?: string }) => e.code === 'KB_DELTA_BASE_MISMATCH',
  );
  assert.deepEqual(readFileSync(target), before);
});

void test('a delta whose changes do not give the promised content is rolled back', () => {
  const target = copyOf(kb.v1, 'forged.db');
  const before = readFileSync(target);
  const lines = gunzipSync(createDelta(kb.v1, kb.v2, versions))
    .toString()
    .trim()
    .split('\n');
  // Drop the last change: the header still promises the full v2 content.
  const forged = gzipSync(`${lines.slice(0, -1).join('\n')}\n`);

  assert.throws(
    () => applyDelta(target, forged),
    (e: Error & { code?: string }) => e.code === 'KB_DELTA_RESULT_MISMATCH',
  );
  assert.deepEqual(readFileSync(target), before);
});

void test('a malformed delta line refuses the whole delta', () => {
  const good = parseDelta(createDelta(kb.v1, kb.v2, versions));
  const forged = gzipSync(`${JSON.stringify(good.header)}\n["passages","put",[1]]\n`);

  assert.throws(
    () => parseDelta(forged),
    (e: Error & { code?: string }) => e.code === 'KB_DELTA_INVALID',
  );
  assert.throws(
    () => parseDelta(Buffer.from('not gzip')),
    (e: Error & { code?: string }) => e.code === 'KB_DELTA_INVALID',
  );
});
