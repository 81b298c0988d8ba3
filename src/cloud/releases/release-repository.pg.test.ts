import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import pg from 'pg';

import { buildRelease, generateReleaseKey } from '../../knowledge/release/index.js';
import { buildKbVersions } from '../../knowledge/release/test-helpers/kb-versions.js';
import { migrateReleases } from './migrations.js';
import { createReleaseRepository } from './release-repository.js';
import { postgresUnavailable, startTestPostgres, type TestPostgres } from './test-postgres.js';

const skip = postgresUnavailable();
let server: TestPostgres | undefined;
let pool: pg.Pool | undefined;
const kb = buildKbVersions();

before(async () => {
  if (skip) return;
  server = await startTestPostgres();
  pool = new pg.Pool({ connectionString: server.url, max: 4 });
  await migrateReleases(pool);
  await migrateReleases(pool); // Migrations run twice leave the same tables.
});
after(async () => {
  await pool?.end();
  server?.stop();
  kb.remove();
});

void test(
  'on real PostgreSQL a release round-trips with its blobs byte for byte and in ranges',
  { skip: skip ?? false },
  async () => {
    const repository = createReleaseRepository(pool as pg.Pool);
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
  },
);
