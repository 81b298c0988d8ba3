import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { MedAssistError } from '../../shared/errors.js';
import type { ChatEngine, ChatRequest } from '../types.js';
import { buildModelServer } from './server.js';
import { until } from './test-helpers.js';

/** An in-memory engine that holds each request until released or aborted. */
function heldEngine() {
  const seen: ChatRequest[] = [];
  const aborted: number[] = [];
  let release: () => void = () => undefined;
  const engine: ChatEngine = {
    name: 'held',
    complete: (req) =>
      new Promise((resolve, reject) => {
        const n = seen.push(req);
        release = () => resolve({ text: '{"a":1}', promptTokens: 5, completionTokens: 3, ms: 1 });
        req.signal?.addEventListener('abort', () => {
          aborted.push(n);
          reject(new MedAssistError('MODEL_ABORTED', 'aborted'));
        });
      }),
    close: () => Promise.resolve(),
  };
  return { engine, seen, aborted, release: () => release() };
}

const servers: FastifyInstance[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

async function serve(engine: ChatEngine, extra: { parallel?: number; maxQueue?: number } = {}) {
  const app = buildModelServer({ engine, modelId: 'tiny', maxTokens: 100, ...extra });
  servers.push(app);
  return app.listen({ host: '127.0.0.1', port: 0 });
}

const schema = { type: 'object', properties: { a: { type: 'number' } } };
const chat = (maxTokens = 50) => ({
  messages: [{ role: 'user', content: 'hi' }],
  max_tokens: maxTokens,
  response_format: { type: 'json_schema', json_schema: { name: 'x', schema, strict: true } },
});

function post(url: string, body: unknown, signal?: AbortSignal) {
  return fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
}

test('answers a chat completion with the engine text and usage, max_tokens capped', async () => {
  const held = heldEngine();
  const url = await serve(held.engine);
  const pending = post(url, chat(5000));
  await until(() => held.seen.length === 1);
  held.release();
  const res = await pending;

  const body = (await res.json()) as { choices: { message: { content: string } }[]; usage: object };
  assert.equal(res.status, 200);
  assert.equal(body.choices[0]?.message.content, '{"a":1}');
  assert.deepEqual(body.usage, { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 });
  assert.deepEqual(held.seen[0]?.jsonSchema, schema);
  assert.equal(held.seen[0]?.maxTokens, 100);
});

test('refuses a request without a JSON response format, naming the parameter', async () => {
  const url = await serve(heldEngine().engine);
  const res = await post(url, { ...chat(), response_format: { type: 'text' } });

  const body = (await res.json()) as { error: { message: string } };
  assert.equal(res.status, 400);
  assert.match(body.error.message, /^response_format: .*\[text\]/);
});

test('answers 503 at once when the queue beyond the running generation is full', async () => {
  const held = heldEngine();
  const url = await serve(held.engine, { parallel: 1, maxQueue: 0 });
  const first = post(url, chat());
  await until(() => held.seen.length === 1);
  const second = await post(url, chat());

  assert.equal(second.status, 503);
  assert.equal(second.headers.get('retry-after'), '1');
  held.release();
  assert.equal((await first).status, 200);
});

test('a client that goes away aborts its generation', async () => {
  const held = heldEngine();
  const url = await serve(held.engine);
  const controller = new AbortController();
  const pending = post(url, chat(), controller.signal).catch(() => 'gone');
  await until(() => held.seen.length === 1);
  controller.abort();

  assert.equal(await pending, 'gone');
  await until(() => held.aborted.length === 1);
  assert.deepEqual(held.aborted, [1]);
});

test('lists the model and reports the queue in the health check', async () => {
  const url = await serve(heldEngine().engine, { parallel: 2 });
  const models = (await (await fetch(`${url}/v1/models`)).json()) as { data: { id: string }[] };
  const health = (await (await fetch(`${url}/health`)).json()) as Record<string, unknown>;

  assert.equal(models.data[0]?.id, 'tiny');
  assert.deepEqual(health, { status: 'ok', model: 'tiny', parallel: 2, active: 0, queued: 0 });
});
