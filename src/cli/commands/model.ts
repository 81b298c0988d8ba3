/**
 * `medassist model serve`: our own OpenAI-compatible model server on the local llama.cpp
 * engine (issue 5), on loopback unless told otherwise. It stops on SIGINT/SIGTERM after the
 * running generations are aborted and the engine is closed.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { ChatEngine } from '../../inference/types.js';
import { InputError } from '../../shared/errors.js';

export interface ModelCommandDeps {
  /** The local engine for a model file (the model branch's llama.cpp engine). */
  createEngine(o: {
    modelPath: string;
    threads: number;
    timeoutMs: number;
  }): Promise<ChatEngine & { load?(): Promise<number> }>;
}

interface ServeFlags {
  model: string;
  host: string;
  port: string;
  threads: string;
  parallel: string;
  maxQueue: string;
  maxTokens: string;
  timeoutMs: string;
}

/** A whole number flag in [min, max], or bad input naming the flag and the value. */
export function intFlag(name: string, value: string, min: number, max: number): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (Number.isInteger(n) && n >= min && n <= max) return n;
  throw new InputError([
    { field: name, message: `must be a whole number from ${min} to ${max} [${value}]` },
  ]);
}

function waitForStop(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

async function serve(flags: ServeFlags, deps: ModelCommandDeps): Promise<void> {
  const port = intFlag('--port', flags.port, 0, 65535);
  const threads = intFlag('--threads', flags.threads, 1, 256);
  const parallel = intFlag('--parallel', flags.parallel, 1, 64);
  const maxQueue = intFlag('--max-queue', flags.maxQueue, 0, 10_000);
  const maxTokens = intFlag('--max-tokens', flags.maxTokens, 1, 8192);
  const timeoutMs = intFlag('--timeout-ms', flags.timeoutMs, 1, 3_600_000);
  if (!existsSync(flags.model)) {
    throw new InputError([{ field: '--model', message: `no such file [${flags.model}]` }]);
  }
  const { buildModelServer } = await import('../../inference/openai/server.js');
  const engine = await deps.createEngine({ modelPath: flags.model, threads, timeoutMs });
  // Load before listening, so that the first request does not pay for it and a model that
  // does not load fails the command instead of every request.
  await engine.load?.();
  const app = buildModelServer({
    engine,
    modelId: basename(flags.model).replace(/\.gguf$/i, ''),
    parallel,
    maxQueue,
    maxTokens,
    requestTimeoutMs: timeoutMs,
  });
  try {
    const url = await app.listen({ host: flags.host, port });
    process.stdout.write(`model server listening on ${url}\n`);
    await waitForStop();
  } finally {
    await app.close();
    await engine.close();
  }
}

export function registerModelCommand(program: Command, deps: ModelCommandDeps): void {
  const model = program.command('model').description('the language model (optional)');
  model
    .command('serve')
    .description('serve a GGUF model over the OpenAI chat completions API (loopback by default)')
    .requiredOption('--model <file>', 'GGUF model file')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port (0: any free port)', '8471')
    .option('--threads <n>', 'llama.cpp threads (1 for tiny models on 2 cores)', '1')
    .option('--parallel <n>', 'generations at once', '1')
    .option('--max-queue <n>', 'requests that may wait beyond those running', '16')
    .option('--max-tokens <n>', 'upper bound of max_tokens', '512')
    .option('--timeout-ms <ms>', 'longest generation, queueing included', '120000')
    .action((flags: ServeFlags) => serve(flags, deps));
}
