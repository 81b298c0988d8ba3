import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { afterEach, test } from 'node:test';
import { MedAssistError } from '../../shared/errors.js';
import { createOpenAiEngine } from './client.js';
import { answerWith, neverAnswer, refusedPortUrl, startStub, type Stub } from './test-helpers.js';

const request = {
  messages: [{ role: 'user' as const, content: 'case summary please' }],
  jsonSchema: { type: 'object', properties: { summary: { type: 'string' } } },
  maxTokens: 64,
};

let stubs: Stub[] = [];
afterEach(async () => {
  await Promise.all(stubs.map((s) => s.close()));
  stubs = [];
});

async function stub(handler: Parameters<typeof startStub>[0]) {
  const s = await startStub(handler);
  stubs.push(s);
  return s;
}

function code(error: unknown) {
  return error instanceof MedAssistError ? error.code : String(error);
}

test('sends the JSON schema as response_format with the bearer token and reads the usage', async () => {
  const server = await stub(answerWith('{"summary":"ok"}'));
  const engine = createOpenAiEngine({ baseUrl: server.url, token: () => Promise.resolve('tok-1') });

  const answer = await engine.complete(request);

  assert.equal(answer.text, '{"summary":"ok"}');
  assert.equal(answer.promptTokens, 11);
  assert.equal(answer.completionTokens, 7);
  const [seen] = server.seen;
  assert.equal(seen?.authorization, 'Bearer tok-1');
  assert.deepEqual((seen?.body as { response_format: unknown }).response_format, {
    type: 'json_schema',
    json_schema: { name: 'medassist_answer', schema: request.jsonSchema, strict: true },
  });
});

test('retries a 503 and answers from the next attempt', async () => {
  let calls = 0;
  const ok = answerWith('{}');
  const server = await stub((body, res, req) => {
    calls += 1;
    if (calls === 1) res.writeHead(503).end();
    else ok(body, res, req);
  });
  const engine = createOpenAiEngine({ baseUrl: server.url, backoffMs: 10 });

  const answer = await engine.complete(request);

  assert.equal(answer.text, '{}');
  assert.equal(calls, 2);
});

test('does not retry a request the server refuses as bad (400)', async () => {
  const server = await stub((_b, res) => res.writeHead(400).end('{"error":{"message":"no"}}'));
  const engine = createOpenAiEngine({ baseUrl: server.url, backoffMs: 10 });

  await assert.rejects(engine.complete(request), (e) => code(e) === 'MODEL_REQUEST_REFUSED');
  assert.equal(server.seen.length, 1);
});

test('gives up on a refused port after its retries, well inside the total budget', async () => {
  const engine = createOpenAiEngine({ baseUrl: await refusedPortUrl(), backoffMs: 20 });
  const started = performance.now();

  await assert.rejects(engine.complete(request), (e) => code(e) === 'MODEL_UNREACHABLE');
  // Bounds allow for a loaded machine; the point is seconds, not the minute of no answer.
  assert.ok(performance.now() - started < 3_000);
});

test('stops waiting for a server that never answers at the total budget', async () => {
  const server = await stub(neverAnswer);
  const engine = createOpenAiEngine({ baseUrl: server.url, timeoutMs: 5_000, totalMs: 300 });
  const started = performance.now();

  await assert.rejects(engine.complete(request), (e) => code(e) === 'MODEL_TIMEOUT');
  const ms = performance.now() - started;
  assert.ok(ms >= 290 && ms < 2_000, `took ${ms} ms`);
  assert.equal(server.seen.length, 1, 'a timeout is not retried');
});

test('an abort from the caller ends the request with MODEL_ABORTED', async () => {
  const server = await stub(neverAnswer);
  const engine = createOpenAiEngine({ baseUrl: server.url });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);

  await assert.rejects(
    engine.complete({ ...request, signal: controller.signal }),
    (e) => code(e) === 'MODEL_ABORTED',
  );
});

test('an answer that is not a chat completion is refused as invalid', async () => {
  const server = await stub((_b, res) => res.writeHead(200).end('{"choices":[]}'));
  const engine = createOpenAiEngine({ baseUrl: server.url });

  await assert.rejects(engine.complete(request), (e) => code(e) === 'MODEL_RESPONSE_INVALID');
});

test('a refusal is reported by its code, without the text it came with', async () => {
  const server = await stub((_b, res) =>
    res.writeHead(400).end('{"error":{"message":"prompt was: fever 3 days","code":"bad_schema"}}'),
  );
  const engine = createOpenAiEngine({ baseUrl: server.url });

  await assert.rejects(engine.complete(request), (e: Error) => {
    assert.match(e.message, /\[400\] \[bad_schema\]/);
    assert.doesNotMatch(e.message, /fever/);
    return true;
  });
});

test('a URL with credentials is refused at once without showing them', () => {
  assert.throws(
    () => createOpenAiEngine({ baseUrl: 'http://user:secret@127.0.0.1:9/' }),
    (e: Error) => e.message.includes('credentials') && !e.message.includes('secret'),
  );
});
