/**
 * GET /v1/alerts?region=R&cursor=C. The ETag names the region's latest alert id; a clinic
 * that sends it back in If-None-Match gets a 304 from memory (latest-cache.ts) without a
 * database query: the idle poll, which is nearly every poll, stays cheap.
 */
import type { FastifyInstance } from 'fastify';
import { InputError } from '../../shared/errors.js';
import { listAlerts } from '../alerts/alert-store.js';
import type { LatestCache } from '../alerts/latest-cache.js';
import type { Sql } from '../db/sql.js';

export interface AlertRouteOptions {
  sqlForRegion(region: string): Sql;
  latest: LatestCache;
}

function parseQuery(query: unknown): { region: string; cursor: number } {
  const q = (query ?? {}) as Record<string, unknown>;
  const region = typeof q.region === 'string' ? q.region : '';
  if (!/^[\w.-]{1,128}$/.test(region)) {
    throw new InputError([
      { field: 'region', message: `must be a region id [${region.slice(0, 40)}]` },
    ]);
  }
  const raw =
    q.cursor === undefined || q.cursor === ''
      ? '0'
      : typeof q.cursor === 'string'
        ? q.cursor
        : 'not-a-string';
  if (!/^\d{1,18}$/.test(raw)) {
    throw new InputError([
      { field: 'cursor', message: `must be a cursor from an earlier answer [${raw.slice(0, 40)}]` },
    ]);
  }
  return { region, cursor: Number(raw) };
}

export function registerAlertRoutes(app: FastifyInstance, o: AlertRouteOptions): void {
  app.get('/v1/alerts', async (request, reply) => {
    const { region, cursor } = parseQuery(request.query);
    const latest = await o.latest.latest(region);
    const etag = `"alerts-${region}-${latest}"`;
    reply.header('etag', etag).header('cache-control', 'no-cache');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();

    const alerts = cursor >= latest ? [] : await listAlerts(o.sqlForRegion(region), region, cursor);
    const last = alerts.at(-1);
    return { alerts, cursor: String(last ? Number(last.id) : Math.max(cursor, latest)) };
  });
}
