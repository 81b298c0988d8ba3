/**
 * The escalation endpoint of the coordinator: POST /v1/model/chat/completions (protocol v1),
 * clinic bearer token required, forwarded to the pool of upstream model servers. It plugs into
 * `buildCoordinator({ extensions })` (contracts.md). The body is checked here so a bad request
 * never reaches a model server; prompts and answers are never logged, only ids, codes and
 * durations.
 */
import { performance } from 'node:perf_hooks';
import type {
  FastifyInstance,
  FastifyReply,
  preHandlerAsyncHookHandler,
  preHandlerHookHandler,
} from 'fastify';
import type { Registry } from 'prom-client';
import { MedAssistError } from '../../shared/errors.js';
import { apiError, ChatCompletionRequest } from '../../inference/openai/wire.js';
import type { GatewayConfig } from './config.js';
import { registerGatewayMetrics, type GatewayMetrics } from './metrics.js';
import { createUpstreamPool, type UpstreamPool } from './pool.js';

interface Log {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

/** The part of the coordinator context (contracts.md) the gateway uses. */
export interface GatewayContext {
  /** Verifies the clinic's bearer token and sets `request.clinic` (the coordinator's hook). */
  requireClinic: preHandlerHookHandler | preHandlerAsyncHookHandler;
  metrics: Registry;
  log: Log;
}

export const ESCALATION_PATH = '/v1/model/chat/completions';

function clinicOf(request: unknown): string | null {
  const clinic = (request as { clinic?: { clinicId?: unknown } }).clinic;
  return typeof clinic?.clinicId === 'string' ? clinic.clinicId : null;
}

function refuse(reply: FastifyReply, issue: { path: PropertyKey[]; message: string } | undefined) {
  const field = issue?.path.map(String).join('.') || 'body';
  const message = `${field}: ${issue?.message ?? 'invalid'}`;
  return reply.code(400).send(apiError('invalid_request_error', message));
}

function failed(reply: FastifyReply, error: unknown) {
  const status = error instanceof MedAssistError ? Number(error.details.status ?? 502) : 502;
  const code = error instanceof MedAssistError ? error.code : 'MODEL_GATEWAY_FAILED';
  if (status === 503) void reply.header('retry-after', '2');
  const message = error instanceof Error ? error.message : 'model gateway failed';
  return reply.code(status).send(apiError('upstream_error', message, code));
}

async function handle(
  pool: UpstreamPool,
  metrics: GatewayMetrics,
  log: Log,
  input: { body: unknown; clinicId: string | null; signal: AbortSignal },
  reply: FastifyReply,
) {
  const parsed = ChatCompletionRequest.safeParse(input.body);
  if (!parsed.success) return refuse(reply, parsed.error.issues[0]);
  if (parsed.data.stream)
    return refuse(reply, { path: ['stream'], message: 'not supported [true]' });
  const started = performance.now();
  try {
    const result = await pool.forward(parsed.data, input.signal);
    for (const a of result.attempts) metrics.served(a.upstream, a.outcome);
    const ms = Math.round(performance.now() - started);
    const fields = { clinicId: input.clinicId, upstream: result.upstream, status: result.status };
    log.info({ ...fields, attempts: result.attempts.length, ms }, 'model escalation served');
    return reply.code(result.status).send(result.body);
  } catch (error) {
    const attempts = error instanceof MedAssistError ? error.details.attempts : undefined;
    for (const a of (attempts ?? []) as { upstream: string; outcome: string }[])
      metrics.served(a.upstream, a.outcome);
    log.warn({ clinicId: input.clinicId, attempts }, 'model escalation failed');
    return failed(reply, error);
  }
}

/** The coordinator extension; `config` is the checked `modelGateway` section. */
export function modelGatewayExtension(config: GatewayConfig) {
  return (app: FastifyInstance, ctx: GatewayContext): Promise<void> => {
    const pool = createUpstreamPool(config);
    const metrics = registerGatewayMetrics(ctx.metrics, pool.upstreams);
    app.post(
      ESCALATION_PATH,
      { preHandler: ctx.requireClinic, bodyLimit: 1024 * 1024 },
      (request, reply) => {
        const controller = new AbortController();
        reply.raw.on('close', () => {
          if (!reply.raw.writableFinished) controller.abort();
        });
        const input = {
          body: request.body,
          clinicId: clinicOf(request),
          signal: controller.signal,
        };
        return handle(pool, metrics, ctx.log, input, reply);
      },
    );
    return Promise.resolve();
  };
}
