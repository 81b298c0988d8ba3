import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { buildRelease, generateReleaseKey } from '../../src/knowledge/release/index.js';
import { buildKbVersions } from '../../src/knowledge/release/test-helpers/kb-versions.js';
import { migrateReleases } from '../../src/cloud/releases/migrations.js';
import { createReleaseRepository } from '../../src/cloud/releases/release-repository.js';
import { startTestPostgres, type TestPostgres } from '../support/postgres.js';
import { openDatabase, type Database } from '../../src/cloud/db/sql.js';

// The suite's throwaway PostgreSQL (PGlite where none is installed, a failure in CI).
let server: TestPostgres | undefined;
let pool: Database | undefined;
const kb = buildKbVersions();

before(async () => {
  server = await startTestPostgres();
  pool = await openDatabase(await server.createDatabase('releases'));
  await migrateReleases(pool);
  await migrateReleases(pool); // Migrations run twice leave the same tables.
});
after(async () => {
  await pool?.close();
  await server?.stop();
  kb.remove();
});

void test('on real PostgreSQL a release round-trips with its blobs byte for byte and in ranges', async () => {
  const repository = createReleaseRepository(pool as Database);
  const release = buildRelease({
    dbPath: kb.v1,
    channel: 'stable',
    key: generateReleaseKey(),
    version: 'p1',
  });
  const { sha256, size } = release.manifest.bundle;

  await repository.publish(release);

  assert.equal((await repository.latest('stable'))?.version, 'p1');
  assert.deepEqual(await repository.signed('p1'), release.signed);
  assert.equal(await repository.blobSize(sha256), size);
  const whole = await repository.readBlob(sha256, 0, size - 1);
  assert.deepEqual(whole, release.blobs.get(sha256));
  assert.deepEqual(await repository.readBlob(sha256, 7, 20), whole.subarray(7, 21));
});
