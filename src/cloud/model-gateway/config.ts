/**
 * Configuration of the model gateway: the pool of upstream OpenAI-compatible model servers
 * (vLLM, llama.cpp server, Ollama, `medassist model serve`) and the time limits. There is no
 * default upstream: a coordinator without one answers escalations with 503, and the clinic's
 * local answer stands.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError } from '../../shared/errors.js';

const Upstream = z.strictObject({
  /** Label in metrics and logs, e.g. "vllm-a". */
  name: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/),
  /** Server root; the gateway posts to {url}/v1/chat/completions. */
  url: z.url({ protocol: /^https?$/ }),
  /** The model name the server expects (vLLM, Ollama need it); else the client's is sent. */
  model: z.string().min(1).max(200).optional(),
  /** Requests at once on this server; beyond it they queue in the gateway. */
  concurrency: z.number().int().min(1).max(256).default(4),
  /** Requests that may wait for this server; beyond it the next server is tried. */
  maxQueue: z.number().int().min(0).max(10_000).default(32),
});

const GatewayConfigSchema = z.strictObject({
  upstreams: z.array(Upstream).max(64),
  /** One upstream attempt, queueing included; default 30 s. */
  attemptTimeoutMs: z.number().int().min(1).max(600_000).default(30_000),
  /** Every attempt together (failover included); default 45 s. */
  totalTimeoutMs: z.number().int().min(1).max(600_000).default(45_000),
});

export type UpstreamConfig = z.output<typeof Upstream>;
export type GatewayConfig = z.output<typeof GatewayConfigSchema>;
export type GatewayConfigInput = z.input<typeof GatewayConfigSchema>;

/** Checks the gateway section of the coordinator's configuration; bad input names the field. */
export function parseGatewayConfig(raw: unknown): GatewayConfig {
  const parsed = GatewayConfigSchema.safeParse(raw);
  if (parsed.success) {
    const names = parsed.data.upstreams.map((u) => u.name);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice === undefined) return parsed.data;
    throw new InputError([
      { field: 'modelGateway.upstreams', message: `name used twice [${twice}]` },
    ]);
  }
  throw new InputError(
    parsed.error.issues.map((issue) => {
      const value = issue.path.reduce<unknown>(
        (at, key) => (at as Record<PropertyKey, unknown> | undefined)?.[key],
        raw,
      );
      return {
        field: ['modelGateway', ...issue.path].join('.'),
        message: `${issue.message} [${JSON.stringify(value) ?? 'undefined'}]`,
      };
    }),
  );
}

/** Reads the gateway configuration from a JSON file (`cloud serve --model-gateway FILE`). */
export function readGatewayConfig(file: string): GatewayConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    const message = `cannot read a JSON gateway configuration [${file}]`;
    throw new InputError([{ field: '--model-gateway', message }], { cause });
  }

  return parseGatewayConfig(raw);
}
