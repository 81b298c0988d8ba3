import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, test } from 'node:test';
import Fastify, { type FastifyInstance, type preHandlerHookHandler } from 'fastify';
import { Registry } from 'prom-client';
import {
  answerWith,
  neverAnswer,
  refusedPortUrl,
  startStub,
  until,
  type Stub,
} from '../../inference/openai/test-helpers.js';
import { parseGatewayConfig, type GatewayConfigInput } from './config.js';
import { ESCALATION_PATH, modelGatewayExtension } from './gateway.js';

// Until branch cloud's buildCoordinator is merged, a bare fastify with a stub of its
// requireClinic hook (contracts.md) stands in for the coordinator.
const requireClinic: preHandlerHookHandler = (request, reply, done) => {
  if (request.headers.authorization !== 'Bearer clinic-token') {
    void reply.code(401).send({ error: 'unauthorized' });
    return;
  }
  (request as unknown as { clinic: object }).clinic = { clinicId: 'c-1', region: 'r-1' };
  done();
};

const silent = { info: () => undefined, warn: () => undefined };
let open: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  await Promise.all(open.map((o) => o.close()));
  open = [];
});

async function gateway(config: GatewayConfigInput) {
  const app: FastifyInstance = Fastify();
  const metrics = new Registry();
  await modelGatewayExtension(parseGatewayConfig(config))(app, {
    requireClinic,
    metrics,
    log: silent,
  });
  open.push(app);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, metrics };
}

async function stub(handler: Parameters<typeof startStub>[0]): Promise<Stub> {
  const s = await startStub(handler);
  open.push(s);
  return s;
}

/** An upstream that holds every request until released and records its peak concurrency. */
async function heldUpstream() {
  const held: ServerResponse[] = [];
  const state = { now: 0, peak: 0 };
  const ok = answerWith('{"summary":"held"}');
  const server = await stub((body, res, req) => {
    state.now += 1;
    state.peak = Math.max(state.peak, state.now);
    held.push(res);
    res.on('finish', () => (state.now -= 1));
    (res as ServerResponse & { answer?: () => void }).answer = () => ok(body, res, req);
  });
  const release = () => {
    for (const res of held.splice(0)) (res as ServerResponse & { answer: () => void }).answer();
  };
  return { server, state, release };
}

const chat = {
  messages: [{ role: 'user', content: 'hard case' }],
  max_tokens: 32,
  response_format: { type: 'json_schema', json_schema: { name: 'a', schema: { type: 'object' } } },
};

function escalate(url: string, token = 'clinic-token') {
  return fetch(`${url}${ESCALATION_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(chat),
  });
}

test('refuses an escalation without a valid clinic token', async () => {
  const up = await stub(answerWith('{}'));
  const { url } = await gateway({ upstreams: [{ name: 'a', url: up.url }] });

  assert.equal((await escalate(url, 'wrong')).status, 401);
  assert.equal(up.seen.length, 0);
});

test('sends each escalation to the upstream with the shortest queue, within its concurrency limit', async () => {
  const a = await heldUpstream();
  const b = await heldUpstream();
  const { url, metrics } = await gateway({
    upstreams: [
      { name: 'a', url: a.server.url, concurrency: 1 },
      { name: 'b', url: b.server.url, concurrency: 1 },
    ],
  });

  const pending = [1, 2, 3, 4].map(() => escalate(url));
  const queueDepth = () => metrics.getSingleMetricAsString('medassist_model_queue_depth');
  await until(async () => (await queueDepth()).match(/\} 1/g)?.length === 2);
  const depth = await queueDepth();
  assert.match(depth, /medassist_model_queue_depth\{upstream="a"\} 1/);
  assert.match(depth, /medassist_model_queue_depth\{upstream="b"\} 1/);
  while (a.server.seen.length + b.server.seen.length < 4) {
    a.release();
    b.release();
    await sleep(20);
  }
  a.release();
  b.release();

  const statuses = await Promise.all(pending.map(async (p) => (await p).status));
  assert.deepEqual(statuses, [200, 200, 200, 200]);
  assert.deepEqual([a.server.seen.length, b.server.seen.length], [2, 2]);
  assert.deepEqual([a.state.peak, b.state.peak], [1, 1]);
});

test('fails over to the next upstream when the first refuses the connection', async () => {
  const good = await stub(answerWith('{"summary":"from b"}'));
  const { url, metrics } = await gateway({
    upstreams: [
      { name: 'a', url: await refusedPortUrl() },
      { name: 'b', url: good.url },
    ],
  });

  const res = await escalate(url);
  const body = (await res.json()) as { choices: { message: { content: string } }[] };
  assert.equal(res.status, 200);
  assert.equal(body.choices[0]?.message.content, '{"summary":"from b"}');
  const attempts = await metrics.getSingleMetricAsString('medassist_model_upstream_attempts_total');
  assert.match(attempts, /upstream="a",outcome="MODEL_UNREACHABLE"\} 1/);
});

test('an upstream that never answers is left at the attempt timeout for the next one', async () => {
  const silentServer = await stub(neverAnswer);
  const good = await stub(answerWith('{}'));
  const { url } = await gateway({
    attemptTimeoutMs: 200,
    upstreams: [
      { name: 'a', url: silentServer.url },
      { name: 'b', url: good.url },
    ],
  });
  const started = performance.now();

  assert.equal((await escalate(url)).status, 200);
  assert.ok(performance.now() - started < 3_000);
});

test('answers 504 in the total budget when no upstream answers', async () => {
  const silentServer = await stub(neverAnswer);
  const { url } = await gateway({
    attemptTimeoutMs: 5_000,
    totalTimeoutMs: 300,
    upstreams: [{ name: 'a', url: silentServer.url }],
  });
  const started = performance.now();

  const res = await escalate(url);
  assert.equal(res.status, 504);
  assert.ok(performance.now() - started < 3_000);
});

test('passes a 400 of the upstream back without trying another upstream', async () => {
  const bad = await stub((_b, res) => res.writeHead(400).end('{"error":{"message":"bad"}}'));
  const other = await stub(answerWith('{}'));
  const { url } = await gateway({
    upstreams: [
      { name: 'a', url: bad.url },
      { name: 'b', url: other.url },
    ],
  });

  assert.equal((await escalate(url)).status, 400);
  assert.equal(other.seen.length, 0);
});

test('answers 503 when no upstream is configured', async () => {
  const { url } = await gateway({ upstreams: [] });

  assert.equal((await escalate(url)).status, 503);
});

test('refuses a configuration whose upstream url is not http, showing the value', () => {
  assert.throws(
    () => parseGatewayConfig({ upstreams: [{ name: 'a', url: 'ftp://127.0.0.1/' }] }),
    /modelGateway\.upstreams\.0\.url: .*\["ftp:\/\/127\.0\.0\.1\/"\]/,
  );
});

test('refuses two upstreams with the same name', () => {
  assert.throws(
    () =>
      parseGatewayConfig({
        upstreams: [
          { name: 'a', url: 'http://127.0.0.1:1' },
          { name: 'a', url: 'http://127.0.0.1:2' },
        ],
      }),
    /modelGateway\.upstreams: name used twice \[a\]/,
  );
});
