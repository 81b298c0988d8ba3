/**
 * POST /v1/sync/push: a batch of items from one clinic into its region's database. The body
 * may be gzip (`content-encoding: gzip`, what clinics on slow links send); the size limit
 * applies to the decoded bytes, so a small bomb cannot blow up into memory.
 */
import { createGunzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { Counter, type Registry } from 'prom-client';
import { PushRequest } from '../../protocol/v1.js';
import { ingestBatch } from '../ingest/ingest.js';
import type { CoordinatorContext } from './context.js';
import { parseBody } from './parse-body.js';

export const PUSH_BODY_LIMIT = 8 * 1024 * 1024;

export interface PushRouteOptions {
  ctx: CoordinatorContext;
  /** Told the (region, weeks) that received encounters, for outbreak detection. */
  onEncounters(region: string, weeks: string[]): void;
  metrics: Registry;
}

function registerGzip(app: FastifyInstance): void {
  app.addHook('preParsing', async (request, reply, payload) => {
    const encoding = request.headers['content-encoding'];
    if (encoding === undefined || encoding === 'identity') return payload;
    if (encoding !== 'gzip') {
      reply.code(415);
      throw Object.assign(new Error(`content-encoding not supported [${encoding}]`), {
        statusCode: 415,
      });
    }
    const gunzip = createGunzip() as ReturnType<typeof createGunzip> & {
      receivedEncodedLength: number;
    };
    gunzip.receivedEncodedLength = 0;
    // fastify compares content-length with the encoded bytes when this field is present.
    payload.on('data', (chunk: Buffer) => {
      gunzip.receivedEncodedLength += chunk.length;
    });
    payload.pipe(gunzip);
    return gunzip;
  });
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

  await app.register((scope, _opts, done) => {
    registerGzip(scope);
    scope.post(
      '/v1/sync/push',
      { bodyLimit: PUSH_BODY_LIMIT, preHandler: o.ctx.requireClinic },
      async (request) => {
        const clinic = request.clinic!;
        const body = parseBody(PushRequest, request.body);
        const result = await ingestBatch(
          o.ctx.sqlForRegion(clinic.region),
          clinic,
          body.batchId,
          body.items,
        );
        items.inc({ outcome: 'accepted' }, result.accepted.length);
        items.inc({ outcome: 'duplicate' }, result.duplicates.length);
        items.inc({ outcome: 'rejected' }, result.rejected.length);
        if (result.rejected.length > 0) {
          request.log.warn(
            { clinicId: clinic.clinicId, batchId: body.batchId, rejected: result.rejected.length },
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
