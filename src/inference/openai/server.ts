/**
 * Our own OpenAI-compatible model server (`medassist model serve`): chat completions with a
 * JSON-schema response format, backed by one ChatEngine (the local llama.cpp engine), so one
 * machine can be its own cloud model server and tests speak the real protocol to a real model.
 *
 * Requests beyond `parallel` wait in a bounded queue; a full queue answers 503 so that a
 * gateway fails over to another server. A client that goes away aborts its generation, or
 * takes its place out of the queue, so nobody computes an answer nobody reads.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { MedAssistError } from '../../shared/errors.js';
import type { ChatEngine, ChatRequest } from '../types.js';
import { createLimiter, type Limiter } from './limiter.js';
import { apiError, ChatCompletionRequest, completionBody } from './wire.js';

export interface ModelServerOptions {
  engine: ChatEngine;
  /** The id shown in /v1/models and in answers (the model file's name, not its path). */
  modelId: string;
  /** Generations at once; default 1 (a CPU engine gains nothing from more on 2 cores). */
  parallel?: number;
  /** Requests that may wait beyond those running; default 16. */
  maxQueue?: number;
  /** Longest generation, queueing included; default 120 s. */
  requestTimeoutMs?: number;
  /** Upper bound and default for max_tokens. */
  maxTokens?: number;
  logger?: boolean;
}

/** Errors to HTTP in one place (OpenAI error body). */
const STATUS: Readonly<Record<string, [number, string]>> = {
  MODEL_QUEUE_FULL: [503, 'server_overloaded'],
  MODEL_TIMEOUT: [504, 'timeout'],
  MODEL_CLOSED: [503, 'server_unavailable'],
};

function sendError(reply: FastifyReply, error: unknown) {
  const code = error instanceof MedAssistError ? error.code : 'MODEL_FAILED';
  const [status, type] = STATUS[code] ?? [500, 'server_error'];
  if (status === 503) void reply.header('retry-after', '1');
  const message = error instanceof MedAssistError ? error.message : 'generation failed';
  return reply.code(status).send(apiError(type, message, code));
}

function badRequest(reply: FastifyReply, param: string, message: string) {
  return reply.code(400).send(apiError('invalid_request_error', `${param}: ${message}`));
}

/** The schema the engine constrains to: json_schema as given, json_object as any object. */
function schemaOf(format: ChatCompletionRequest['response_format']): object | null {
  if (format?.type === 'json_schema') return format.json_schema.schema;
  if (format?.type === 'json_object') return { type: 'object' };
  return null;
}

/** Aborts when the client closes the connection before the answer is written. */
function clientGone(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}

function healthRoutes(app: FastifyInstance, o: ModelServerOptions, limiter: Limiter) {
  app.get('/health', () => ({
    status: 'ok',
    model: o.modelId,
    parallel: limiter.concurrency,
    active: limiter.active,
    queued: limiter.queued,
  }));
  app.get('/v1/models', () => ({
    object: 'list',
    data: [{ id: o.modelId, object: 'model', created: 0, owned_by: 'medassist' }],
  }));
}

type Parsed =
  { ok: true; req: Omit<ChatRequest, 'signal'> } | { ok: false; param: string; message: string };

/** Untrusted request body to an engine request, or the parameter that is wrong. */
function parseChatBody(raw: unknown, maxTokens: number): Parsed {
  const parsed = ChatCompletionRequest.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, param: issue?.path.join('.') || 'body', message: issue?.message ?? '' };
  }
  const body = parsed.data;
  if (body.stream)
    return { ok: false, param: 'stream', message: 'streaming is not supported [true]' };
  const jsonSchema = schemaOf(body.response_format);
  if (!jsonSchema) {
    const type = body.response_format?.type ?? 'none';
    return {
      ok: false,
      param: 'response_format',
      message: `json_schema or json_object needed [${type}]`,
    };
  }
  const wanted = body.max_completion_tokens ?? body.max_tokens ?? maxTokens;
  const req = {
    messages: body.messages,
    jsonSchema,
    maxTokens: Math.min(wanted, maxTokens),
    ...(body.temperature === undefined ? {} : { temperature: body.temperature }),
  };

  return { ok: true, req };
}

/** Builds the server; the caller listens (loopback by default in the CLI). */
export function buildModelServer(o: ModelServerOptions): FastifyInstance {
  const app = Fastify({ logger: o.logger ?? false, bodyLimit: 1024 * 1024 });
  const limiter = createLimiter({ concurrency: o.parallel ?? 1, maxQueue: o.maxQueue ?? 16 });
  const maxTokens = o.maxTokens ?? 512;
  const timeoutMs = o.requestTimeoutMs ?? 120_000;
  healthRoutes(app, o, limiter);

  app.post('/v1/chat/completions', async (request, reply) => {
    const parsed = parseChatBody(request.body, maxTokens);
    if (!parsed.ok) return badRequest(reply, parsed.param, parsed.message);
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = AbortSignal.any([clientGone(reply), timeout]);
    const req: ChatRequest = { ...parsed.req, signal };
    try {
      const result = await limiter.run(() => o.engine.complete(req), signal);
      const finishReason = result.completionTokens >= req.maxTokens ? 'length' : 'stop';
      const id = `chatcmpl-${randomUUID()}`;
      return completionBody({ id, model: o.modelId, ...result, finishReason });
    } catch (error) {
      if (!timeout.aborted) return sendError(reply, error);
      return sendError(
        reply,
        new MedAssistError('MODEL_TIMEOUT', `no answer within [${timeoutMs}] ms`),
      );
    }
  });

  return app;
}
