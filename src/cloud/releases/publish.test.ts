import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { join } from 'node:path';

import { PGlite } from '@electric-sql/pglite';

import { compileKnowledgeBase } from '../../knowledge/index.js';

import { generateReleaseKey } from '../../knowledge/release/index.js';
import { buildKbVersions } from '../../knowledge/release/test-helpers/kb-versions.js';
import { migrateReleases } from './migrations.js';
import { publishRelease } from './publish.js';
import { createReleaseRepository, type ReleaseRepository } from './release-repository.js';

const kb = buildKbVersions();
const key = generateReleaseKey();
const db = new PGlite();
let repository: ReleaseRepository;
before(async () => {
  await migrateReleases(db);
  repository = createReleaseRepository(db);
});
after(async () => {
  kb.remove();
  await db.close();
});

const publish = (dbPath: string, version: string) =>
  publishRelease(repository, { dbPath, key, channel: 'stable', deltaCount: 3, version });

void test('each release carries deltas from the earlier releases of its channel', async () => {
  const first = await publish(kb.v1, 'r1');
  const second = await publish(kb.v2, 'r2');
  const third = await publish(kb.other, 'r3');

  assert.ok(first.status === 'published' && first.manifest.deltas.length === 0);
  assert.ok(second.status === 'published');
  assert.deepEqual(
    second.manifest.deltas.map((d) => d.fromVersion),
    ['r1'],
  );
  assert.ok(third.status === 'published');
  assert.deepEqual(
    third.manifest.deltas.map((d) => d.fromVersion),
    ['r2', 'r1'],
  );
  assert.equal((await repository.latest('stable'))?.version, 'r3');
});

void test('publishing the content of the latest release again changes nothing', async () => {
  const again = await publish(kb.other, 'r4');

  assert.deepEqual(again, { status: 'unchanged', version: 'r3' });
});

void test('the same sources built again at another time are not published again', async () => {
  const rebuilt = join(kb.root, 'rebuilt.db');
  // The workspace still holds the sources of `other` (r3); only built_at differs.
  compileKnowledgeBase({
    contentDir: join(kb.root, 'content'),
    outFile: rebuilt,
    now: () => new Date('2027-01-01T00:00:00Z'),
  });

  assert.deepEqual(await publish(rebuilt, 'r5'), { status: 'unchanged', version: 'r3' });
});
