/**
 * `medassist model serve` as a real process on the real llama.cpp engine, spoken to over
 * HTTP: by the OpenAI client, by the hybrid orchestrator escalating a case, and through the
 * coordinator's gateway. The model is the tiny random-weight GGUF the project generates
 * (byte vocabulary: a random model never stops early, so answers get a large token budget).
 * The trained stories260K model is run by the engine's own tests (src/inference/llama); one
 * model process here keeps the suite light on the shared cores.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import Fastify from 'fastify';
import { Registry } from 'prom-client';
import { parseGatewayConfig } from '../../cloud/model-gateway/config.js';
import { ESCALATION_PATH, modelGatewayExtension } from '../../cloud/model-gateway/gateway.js';
import { TINY_SHAPE, writeLlamaGguf } from '../gguf/llama-model.js';
import { MODEL_ANSWER_JSON_SCHEMA, parseModelAnswer } from '../output-schema.js';
import { orchestrate } from '../orchestrator/orchestrate.js';
import { consultView, convulsionsCase } from '../orchestrator/test-helpers.js';
import { createOpenAiEngine } from './client.js';
import { refusedPortUrl } from './test-helpers.js';
import { CLI_RUN, startModelServe, type ServeProcess } from './test-serve.js';
import type { ConsultResult } from '../../clinic/consult/consult-result.js';

const dir = mkdtempSync(join(tmpdir(), 'medassist-serve-'));
const tiny = join(dir, 'medassist-tiny.gguf');
writeLlamaGguf(tiny, TINY_SHAPE);

const request = (signal?: AbortSignal) => ({
  messages: [
    { role: 'system' as const, content: 'Answer in JSON.' },
    { role: 'user' as const, content: 'cough 3 days' },
  ],
  jsonSchema: MODEL_ANSWER_JSON_SCHEMA,
  maxTokens: 1200,
  ...(signal ? { signal } : {}),
});

const CASE = JSON.stringify({
  patient: { age_months: 18, weight_kg: 11 },
  findings: { convulsions_history: true },
});

/** `medassist consult -` from source, in a fresh MEDASSIST_HOME without a clinic. */
function consultCli(args: string[]): ConsultResult {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '--eval', CLI_RUN, 'consult', '-', ...args],
    { input: CASE, encoding: 'utf8', env: { ...process.env, MEDASSIST_HOME: dir } },
  );
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as ConsultResult;
}

/** Polls /health until a generation is running. */
async function untilGenerating(url: string) {
  for (let i = 0; i < 500; i += 1) {
    const health = (await (await fetch(`${url}/health`)).json()) as { active: number };
    if (health.active > 0) return;
    await sleep(2);
  }
  throw new Error('no generation started');
}

describe('model serve on the tiny generated model', () => {
  let serve: ServeProcess;
  before(async () => {
    serve = await startModelServe(tiny, ['--max-tokens', '1500']);
  });
  after(async () => {
    await serve.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('answers a chat completion whose text follows the JSON schema', async () => {
    const engine = createOpenAiEngine({ baseUrl: serve.url, timeoutMs: 30_000 });
    const answer = await engine.complete(request());

    assert.ok(parseModelAnswer(answer.text));
    assert.ok(answer.promptTokens > 0 && answer.completionTokens > 0);
  });

  test('a consult escalated to it over HTTP gets a model answer through the safety gate', async () => {
    const cloud = createOpenAiEngine({ baseUrl: serve.url, timeoutMs: 30_000 });
    const r = await orchestrate(consultView(convulsionsCase), {
      cloud,
      mode: () => 'ONLINE',
      maxTokens: 1200,
      cloudBudgetMs: 30_000,
    });

    assert.equal(r.servedBy, 'cloud', r.notes.join('; '));
    assert.equal(r.escalated, true);
    assert.ok(r.contribution);
    assert.equal(typeof r.latencyMs.cloud, 'number');
  });

  test('a client that goes away mid-generation leaves the server answering the next one', async () => {
    const controller = new AbortController();
    const engine = createOpenAiEngine({ baseUrl: serve.url, timeoutMs: 30_000 });
    const gone = engine.complete(request(controller.signal));
    await untilGenerating(serve.url);
    controller.abort();
    await assert.rejects(gone, (e: { code?: string }) => e.code === 'MODEL_ABORTED');

    const next = await engine.complete(request());
    assert.ok(parseModelAnswer(next.text));
  });

  test('the gateway fails over from a refused upstream to the real server', async () => {
    const app = Fastify();
    const config = parseGatewayConfig({
      upstreams: [
        { name: 'down', url: await refusedPortUrl() },
        { name: 'tiny', url: serve.url },
      ],
    });
    await modelGatewayExtension(config)(app, {
      requireClinic: (_req, _reply, done) => done(),
      metrics: new Registry(),
      log: { info: () => undefined, warn: () => undefined },
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const engine = createOpenAiEngine({ baseUrl: url, path: ESCALATION_PATH, token: 't' });
      assert.ok(parseModelAnswer((await engine.complete(request())).text));
    } finally {
      await app.close();
    }
  });

  test('medassist consult --cloud-model escalates to it and records the model step', () => {
    const run = (extra: string[]) => consultCli(['--no-save', '--format', 'json', ...extra]);
    const escalated = run(['--cloud-model', serve.url]);
    const plain = run([]);

    assert.equal(escalated.model?.escalated, true);
    assert.match(escalated.model?.engines.cloud ?? '', /^openai:http:\/\/127\.0\.0\.1:/);
    assert.equal(typeof escalated.model?.latencyMs.cloud, 'number');
    assert.equal(plain.model, undefined);
    assert.deepEqual(escalated.classifications, plain.classifications);
  });

  test('stops cleanly on SIGTERM', async () => {
    assert.equal(await serve.stop(), 0);
  });
});
