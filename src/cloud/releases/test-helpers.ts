/**
 * A release repository on an in-process PGlite (real PostgreSQL compiled to WASM), with the
 * two fixture knowledge versions published as v1 and v2 (v2 with a delta from v1).
 */
import { PGlite } from '@electric-sql/pglite';

import {
  buildRelease,
  generateReleaseKey,
  type BuiltRelease,
  type ReleaseSigningKey,
} from '../../knowledge/release/index.js';
import {
  buildKbVersions,
  type KbVersions,
} from '../../knowledge/release/test-helpers/kb-versions.js';
import { migrateReleases } from './migrations.js';
import { createReleaseRepository, type ReleaseRepository } from './release-repository.js';

export interface ReleaseFixture {
  readonly kb: KbVersions;
  readonly key: ReleaseSigningKey;
  readonly repository: ReleaseRepository;
  readonly v1: BuiltRelease;
  readonly v2: BuiltRelease;
  close(): Promise<void>;
}

export async function createReleaseFixture(): Promise<ReleaseFixture> {
  const db = new PGlite();
  await migrateReleases(db);
  const repository = createReleaseRepository(db);
  const kb = buildKbVersions();
  const key = generateReleaseKey();
  const release = (version: string, dbPath: string, previous: BuiltRelease['manifest'][]) =>
    buildRelease({
      dbPath,
      channel: 'stable',
      key,
      version,
      previous: previous.map((m) => ({ version: m.version, dbPath: kb.v1 })),
    });
  const v1 = release('v1', kb.v1, []);
  const v2 = release('v2', kb.v2, [v1.manifest]);
  await repository.publish(v1);
  await repository.publish(v2);

  return {
    kb,
    key,
    repository,
    v1,
    v2,
    close: async () => {
      kb.remove();
      await db.close();
    },
  };
}
