/**
 * The pool of upstream model servers behind the escalation endpoint. Each request goes to the
 * upstream with the shortest queue (requests waiting beyond its concurrency limit), then the
 * least busy for its size, ties taken in turn; on a failure (refused connection, 5xx, 429,
 * timeout, full queue) the next upstream in that order is tried, each once, all within one
 * total budget. A 4xx other than 429 is the request's fault and goes back to the caller.
 *
 * Limitation: each coordinator instance counts only the requests it sent itself; with several
 * instances behind a load balancer the balance is per instance, not global.
 */
import { performance } from 'node:perf_hooks';
import { MedAssistError } from '../../shared/errors.js';
import { createLimiter, type Limiter } from '../../inference/openai/limiter.js';
import { ChatCompletionResponse, type ChatCompletionRequest } from '../../inference/openai/wire.js';
import type { GatewayConfig, UpstreamConfig } from './config.js';

export interface Upstream {
  config: UpstreamConfig;
  limiter: Limiter;
}

export interface ForwardResult {
  status: number;
  body: unknown;
  upstream: string;
  /** Upstreams tried, the one that answered included. */
  attempts: { upstream: string; outcome: string; ms: number }[];
}

export interface UpstreamPool {
  readonly upstreams: readonly Upstream[];
  forward(body: ChatCompletionRequest, signal?: AbortSignal): Promise<ForwardResult>;
}

type Outcome = { done: true; status: number; body: unknown } | { done: false; code: string };

const load = (u: Upstream) => u.limiter.active / u.limiter.concurrency;

/** Upstreams best first: shortest queue, then least load, ties rotated by `turn`. */
export function rankUpstreams(upstreams: readonly Upstream[], turn: number): Upstream[] {
  const n = upstreams.length;
  const position = (u: Upstream) => (upstreams.indexOf(u) - turn + n * 1_000_000) % n;
  return [...upstreams].sort(
    (a, b) => a.limiter.queued - b.limiter.queued || load(a) - load(b) || position(a) - position(b),
  );
}

async function post(u: UpstreamConfig, body: ChatCompletionRequest, signal: AbortSignal) {
  const res = await fetch(`${u.url.replace(/\/+$/, '')}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(u.model ? { ...body, model: u.model } : body),
    signal,
  });
  const json: unknown = await res.json().catch(() => null);

  return { status: res.status, json };
}

/** One upstream, through its queue; failures come back as a code, not thrown. */
async function tryUpstream(u: Upstream, body: ChatCompletionRequest, signal: AbortSignal) {
  try {
    const { status, json } = await u.limiter.run(() => post(u.config, body, signal), signal);
    if (status >= 500 || status === 429) return { done: false, code: `HTTP_${status}` } as const;
    if (status >= 400) return { done: true, status, body: json } as const;
    if (!ChatCompletionResponse.safeParse(json).success)
      return { done: false, code: 'MODEL_RESPONSE_INVALID' } as const;
    return { done: true, status, body: json } as const;
  } catch (error) {
    if (error instanceof MedAssistError) return { done: false, code: error.code } as const;
    if (error instanceof Error && error.name === 'TimeoutError')
      return { done: false, code: 'MODEL_TIMEOUT' } as const;
    return { done: false, code: signal.aborted ? 'MODEL_ABORTED' : 'MODEL_UNREACHABLE' } as const;
  }
}

/** The error when no upstream answered; the status follows the last failure. */
function exhausted(attempts: ForwardResult['attempts']): MedAssistError {
  const last = attempts.at(-1)?.outcome ?? 'MODEL_NO_UPSTREAM';
  const status = last === 'MODEL_TIMEOUT' ? 504 : last.startsWith('HTTP_') ? 502 : 503;
  return new MedAssistError('MODEL_GATEWAY_EXHAUSTED', `no model upstream answered [${last}]`, {
    details: { status, attempts },
  });
}

export function createUpstreamPool(config: GatewayConfig): UpstreamPool {
  const upstreams = config.upstreams.map((c) => ({
    config: c,
    limiter: createLimiter({ concurrency: c.concurrency, maxQueue: c.maxQueue }),
  }));
  let turn = 0;

  async function forward(body: ChatCompletionRequest, caller?: AbortSignal) {
    const deadline = performance.now() + config.totalTimeoutMs;
    const attempts: ForwardResult['attempts'] = [];
    for (const u of rankUpstreams(upstreams, turn++)) {
      const left = Math.ceil(deadline - performance.now());
      if (left <= 0 || caller?.aborted) break;
      const timeout = AbortSignal.timeout(Math.min(config.attemptTimeoutMs, left));
      const signal = caller ? AbortSignal.any([caller, timeout]) : timeout;
      const started = performance.now();
      const outcome: Outcome = await tryUpstream(u, body, signal);
      const ms = Math.round(performance.now() - started);
      attempts.push({ upstream: u.config.name, outcome: outcome.done ? 'ok' : outcome.code, ms });
      if (outcome.done) {
        return { status: outcome.status, body: outcome.body, upstream: u.config.name, attempts };
      }
    }
    throw exhausted(attempts);
  }

  return { upstreams, forward };
}
