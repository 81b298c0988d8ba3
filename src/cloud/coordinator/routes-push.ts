/**
 * POST /v1/sync/push: a batch of items from one clinic into its region's database. The body
 * may be gzip (`content-encoding: gzip`, what clinics on slow links send). Batches are small,
 * so the body is read whole and inflated in one call, which costs far less than a gunzip
 * stream per request; the inflated size is capped, so a small bomb cannot fill memory.
 */
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, type Registry } from 'prom-client';
import { PushRequest } from '../../protocol/v1.js';
import type { Sql } from '../db/sql.js';
import { createGroupIngest, type GroupIngest } from '../ingest/group-ingest.js';
import { sortPush } from '../ingest/ingest.js';
import type { CoordinatorContext } from './context.js';
import { parseBody } from './parse-body.js';

/** Inflated bytes of one batch (500 items of a few KB each fit well inside). */
export const PUSH_BODY_LIMIT = 8 * 1024 * 1024;

export interface PushRouteOptions {
  ctx: CoordinatorContext;
  /** Told the (region, weeks) that received encounters, for outbreak detection. */
  onEncounters(region: string, weeks: string[]): void;
  metrics: Registry;
  /** Statements in flight per region database (group-ingest.ts). */
  ingestInFlight?: number;
}

function httpError(statusCode: number, message: string): Error {
  return Object.assign(new Error(message), { statusCode });
}

function inflate(encoding: string | undefined, body: Buffer): Buffer {
  if (encoding === undefined || encoding === 'identity') return body;
  if (encoding !== 'gzip') throw httpError(415, `content-encoding not supported [${encoding}]`);
  try {
    return gunzipSync(body, { maxOutputLength: PUSH_BODY_LIMIT });
  } catch (error) {
    const tooBig = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    throw httpError(
      tooBig ? 413 : 400,
      tooBig ? 'inflated body too large' : 'body is not valid gzip',
    );
  }
}

/** JSON bodies of this scope, gzip or not, through fastify's own JSON parser. */
function registerGzipJson(app: FastifyInstance): void {
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: PUSH_BODY_LIMIT },
    (request, body: Buffer, done) => {
      let text: string;
      try {
        text = inflate(request.headers['content-encoding'], body).toString('utf8');
      } catch (error) {
        done(error as Error, undefined);
        return;
      }
      void json(request, text, done);
    },
  );
}

function weeksOf(items: readonly Record<string, unknown>[], accepted: Set<string>): string[] {
  const weeks = new Set<string>();
  for (const item of items) {
    const body = item.body as { week?: unknown } | undefined;
    if (
      item.kind === 'encounter' &&
      accepted.has(String(item.key)) &&
      typeof body?.week === 'string'
    ) {
      weeks.add(body.week);
    }
  }
  return [...weeks];
}

export async function registerPushRoutes(app: FastifyInstance, o: PushRouteOptions): Promise<void> {
  const items = new Counter({
    name: 'medassist_push_items_total',
    help: 'Pushed items by outcome (accepted, duplicate, rejected)',
    labelNames: ['outcome'],
    registers: [o.metrics],
  });

  const groupSize = new Histogram({
    name: 'medassist_ingest_group_pushes',
    help: 'Pushes stored by one ingest statement (grouping under load)',
    buckets: [1, 2, 4, 8, 16, 32, 64],
    registers: [o.metrics],
  });
  const groups = new Map<Sql, GroupIngest>();
  const groupFor = (sql: Sql): GroupIngest => {
    let group = groups.get(sql);
    if (!group) {
      group = createGroupIngest(sql, {
        onGroup: (pushes) => groupSize.observe(pushes),
        ...(o.ingestInFlight ? { inFlight: o.ingestInFlight } : {}),
      });
      groups.set(sql, group);
    }
    return group;
  };

  await app.register((scope, _opts, done) => {
    registerGzipJson(scope);
    scope.post(
      '/v1/sync/push',
      // onRequest, before the body is read: a stranger gets 401 without making the
      // coordinator inflate and parse up to 8 MB first.
      { bodyLimit: PUSH_BODY_LIMIT, onRequest: o.ctx.requireClinic },
      async (request) => {
        const clinic = request.clinic!;
        const body = parseBody(PushRequest, request.body);
        const sql = o.ctx.sqlForRegion(clinic.region);
        const result = await groupFor(sql).ingest(sortPush(clinic, body.batchId, body.items));
        items.inc({ outcome: 'accepted' }, result.accepted.length);
        items.inc({ outcome: 'duplicate' }, result.duplicates.length);
        items.inc({ outcome: 'rejected' }, result.rejected.length);
        if (result.rejected.length > 0) {
          request.log.warn(
            {
              reqId: request.id,
              clinicId: clinic.clinicId,
              batchId: body.batchId,
              rejected: result.rejected.length,
            },
            'items quarantined',
          );
        }
        o.onEncounters(clinic.region, weeksOf(body.items, new Set(result.accepted)));
        return result;
      },
    );
    done();
  });
}
