/** GET /v1/health and GET /metrics (Prometheus text). */
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { Sql } from '../db/sql.js';

export const COORDINATOR_VERSION = '0.1.0';

export function registerOpsRoutes(
  app: FastifyInstance,
  o: { global: Sql; metrics: Registry },
): void {
  app.get('/v1/health', async (_request, reply) => {
    try {
      await o.global.query('SELECT 1');
      return { status: 'ok', role: 'cloud', version: COORDINATOR_VERSION };
    } catch {
      return reply.code(503).send({ status: 'error', role: 'cloud', version: COORDINATOR_VERSION });
    }
  });

  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', o.metrics.contentType);
    return o.metrics.metrics();
  });
}
