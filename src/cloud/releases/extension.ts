/**
 * The release routes as a coordinator extension (contracts.md): registered after the core
 * routes by `buildCoordinator({ extensions: [createReleaseExtension(...)] })`.
 *
 * Releases are not regional data, so they live in one database: the one of `region` (the
 * coordinator's home region) or the `sql` given.
 */
import type { FastifyInstance } from 'fastify';

import { createReleaseRepository } from './release-repository.js';
import { registerReleaseRoutes } from './routes.js';
import type { Sql } from './sql.js';

/** The part of the coordinator's `CoordinatorContext` that releases use. */
export interface ReleaseContext {
  sqlForRegion(region: string): Sql;
}

export type ReleaseSource = { readonly sql: Sql } | { readonly region: string };

export function createReleaseExtension(
  source: ReleaseSource,
): (app: FastifyInstance, ctx: ReleaseContext) => Promise<void> {
  return (app, ctx) => {
    const sql = 'sql' in source ? source.sql : ctx.sqlForRegion(source.region);
    return registerReleaseRoutes(app, createReleaseRepository(sql));
  };
}
