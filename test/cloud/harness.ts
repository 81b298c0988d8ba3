/**
 * One throwaway PostgreSQL per test file, a fresh database per coordinator, and coordinators
 * listening on loopback.
 */
import type { FastifyInstance } from 'fastify';
import { createEnrolmentToken } from '../../src/cloud/auth/enrolment.js';
import { openShards, type RegionMap, type Shards } from '../../src/cloud/db/shards.js';
import { buildCoordinator, type CoordinatorOptions } from '../../src/cloud/coordinator/server.js';
import { startTestPostgres, type TestPostgres } from '../support/postgres.js';

export interface TestCoordinator {
  app: FastifyInstance;
  shards: Shards;
  base: string;
  enrol(region: string, ttlMs?: number): Promise<string>;
  close(): Promise<void>;
}

let counter = 0;

export async function newDatabase(pg: TestPostgres): Promise<string> {
  counter += 1;
  return pg.createDatabase(`t${process.pid}_${counter}`);
}

export async function startCoordinator(
  map: RegionMap,
  options: Omit<CoordinatorOptions, 'shards'> = {},
): Promise<TestCoordinator> {
  const shards = await openShards(map);
  let app: FastifyInstance;
  try {
    app = await buildCoordinator({ shards, revocationCacheMs: 0, ...options });
  } catch (error) {
    // A refused start (a wrong secret, say) must not leave the pool holding the database.
    await shards.close();
    throw error;
  }
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    shards,
    base,
    enrol: async (region, ttlMs) =>
      (await createEnrolmentToken(shards.global, region, ttlMs)).token,
    close: async () => {
      await app.close();
      await shards.close();
    },
  };
}

export { startTestPostgres, type TestPostgres };
