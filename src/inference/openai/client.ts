/**
 * A ChatEngine that speaks the OpenAI chat completions API over HTTP: to a vLLM, llama.cpp or
 * Ollama server, to `medassist model serve`, or to the coordinator's escalation endpoint.
 *
 * Each attempt has its own timeout; only 5xx answers and failed connections are retried, with
 * exponential back-off, and every attempt and pause fits in one total budget, so a caller
 * knows the longest it can wait. A timeout is not retried: a model that is too slow once is
 * too slow again, and a retry would only add to its queue.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { InputError, MedAssistError } from '../../shared/errors.js';
import type { ChatEngine, ChatRequest, ChatResult } from '../types.js';
import { ChatCompletionResponse } from './wire.js';

export interface OpenAiClientOptions {
  /** Server root, e.g. http://127.0.0.1:8471 (no trailing path). */
  baseUrl: string;
  /** Default /v1/chat/completions; the coordinator's is /v1/model/chat/completions. */
  path?: string;
  model?: string;
  /** Bearer token, or a function that returns a fresh one (short-lived clinic tokens). */
  token?: string | (() => Promise<string>);
  /** One attempt; default 20 s. */
  timeoutMs?: number;
  /** Every attempt and back-off together; default 30 s. */
  totalMs?: number;
  /** Retries after the first attempt; default 2. */
  retries?: number;
  /** First back-off; doubled each retry; default 200 ms. */
  backoffMs?: number;
  name?: string;
  /** The HTTP transport; Node's fetch when absent. A clinic passes its own, which presents
   * its client certificate to the coordinator (shared/tls/transport.ts). */
  fetch?: (url: string, init?: RequestInit) => Promise<Response>;
}

/** Failures worth another attempt: the server broke (5xx) or could not be reached. */
const RETRYABLE = new Set(['MODEL_UPSTREAM_ERROR', 'MODEL_UNREACHABLE']);

const DEFAULTS = { path: '/v1/chat/completions', timeoutMs: 20_000, totalMs: 30_000 };

function requestBody(req: ChatRequest, model: string | undefined) {
  return JSON.stringify({
    ...(model ? { model } : {}),
    messages: req.messages,
    max_tokens: req.maxTokens,
    ...(req.temperature === undefined ? {} : { temperature: req.temperature }),
    response_format: {
      type: 'json_schema',
      json_schema: { name: 'medassist_answer', schema: req.jsonSchema, strict: true },
    },
  });
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === 'TimeoutError';
}

async function headers(token: OpenAiClientOptions['token']): Promise<Record<string, string>> {
  const base = { 'content-type': 'application/json', accept: 'application/json' };
  if (token === undefined) return base;
  const value = typeof token === 'string' ? token : await token();
  return { ...base, authorization: `Bearer ${value}` };
}

function errorCode(body: unknown): string | null {
  const error = (body as { error?: { code?: unknown; type?: unknown } } | null)?.error;
  const code = error?.code ?? error?.type;
  return typeof code === 'string' ? code.slice(0, 60) : null;
}

/** The endpoint for messages and logs: never the credentials a URL may carry. */
function displayUrl(raw: string): string {
  try {
    const u = new URL(raw);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return '(invalid url)';
  }
}

function parseAnswer(json: unknown, url: string, started: number): ChatResult {
  const parsed = ChatCompletionResponse.safeParse(json);
  const text = parsed.success ? parsed.data.choices[0]?.message.content : null;
  if (!parsed.success || typeof text !== 'string') {
    throw new MedAssistError('MODEL_RESPONSE_INVALID', `not a chat completion answer [${url}]`);
  }
  const usage = parsed.data.usage;
  return {
    text,
    promptTokens: usage?.prompt_tokens ?? 0,
    completionTokens: usage?.completion_tokens ?? 0,
    ms: Math.round(performance.now() - started),
  };
}

async function pauseBeforeRetry(ms: number, signal: AbortSignal | undefined, url: string) {
  try {
    await sleep(ms, undefined, signal ? { signal } : {});
  } catch (cause) {
    throw new MedAssistError('MODEL_ABORTED', `request aborted [${url}]`, { cause });
  }
}

/** Creates the HTTP engine. Nothing is sent until `complete` is called. */
export function createOpenAiEngine(options: OpenAiClientOptions): ChatEngine {
  const endpoint = `${options.baseUrl.replace(/\/+$/, '')}${options.path ?? DEFAULTS.path}`;
  const url = displayUrl(endpoint);
  if (/^[a-z]+:\/\/[^/]*@/i.test(endpoint)) {
    // fetch refuses them anyway; say so at once, without the secret.
    throw new InputError([
      {
        field: 'baseUrl',
        message: `credentials in the URL are not supported, use a token [${url}]`,
      },
    ]);
  }
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const totalMs = options.totalMs ?? DEFAULTS.totalMs;
  const retries = options.retries ?? 2;
  const backoffMs = options.backoffMs ?? 200;

  async function send(body: string, signal: AbortSignal, started: number) {
    const init = { method: 'POST', headers: await headers(options.token), body, signal };
    const res = await (options.fetch ?? fetch)(endpoint, init);
    if (res.status >= 500) {
      await res.body?.cancel();
      const message = `model server answered [${res.status}] [${url}]`;
      throw new MedAssistError('MODEL_UPSTREAM_ERROR', message, {
        details: { status: res.status },
      });
    }
    if (!res.ok) {
      // Only the error code of the answer: its message may echo the prompt.
      const code = errorCode(await res.json().catch(() => null));
      throw new MedAssistError(
        'MODEL_REQUEST_REFUSED',
        `model server refused the request [${res.status}] [${code ?? 'no code'}] [${url}]`,
        { details: { status: res.status, code } },
      );
    }
    return parseAnswer(await res.json(), url, started);
  }

  /** One attempt; every failure comes back as a MedAssistError with a stable code. */
  async function attempt(body: string, signal: AbortSignal, started: number) {
    try {
      return await send(body, signal, started);
    } catch (cause) {
      if (cause instanceof MedAssistError && cause.code.startsWith('MODEL_')) throw cause;
      if (isTimeout(cause)) {
        throw new MedAssistError('MODEL_TIMEOUT', `no answer in time from [${url}]`, { cause });
      }
      if (signal.aborted) {
        throw new MedAssistError('MODEL_ABORTED', `request aborted [${url}]`, { cause });
      }
      // The transport's own error (an untrusted certificate, say) is kept in the message.
      const why = cause instanceof MedAssistError ? `: ${cause.message}` : '';
      throw new MedAssistError(
        'MODEL_UNREACHABLE',
        `cannot reach the model server [${url}]${why}`,
        { cause },
      );
    }
  }

  async function complete(req: ChatRequest): Promise<ChatResult> {
    const started = performance.now();
    const deadline = started + totalMs;
    const body = requestBody(req, options.model);
    let last = new MedAssistError('MODEL_TIMEOUT', `no time left for [${url}]`);
    for (let n = 0; n <= retries; n += 1) {
      const left = deadline - performance.now();
      if (left <= 0) break;
      const budget = AbortSignal.timeout(Math.max(1, Math.ceil(Math.min(timeoutMs, left))));
      const signal = req.signal ? AbortSignal.any([req.signal, budget]) : budget;
      try {
        return await attempt(body, signal, started);
      } catch (error) {
        last = error as MedAssistError;
        const pause = backoffMs * 2 ** n;
        const retry = RETRYABLE.has(last.code) && n < retries;
        if (!retry || performance.now() + pause >= deadline) break;
        await pauseBeforeRetry(pause, req.signal, url);
      }
    }
    throw last;
  }

  return { name: options.name ?? `openai:${url}`, complete, close: () => Promise.resolve() };
}
