import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import { createOpenAiEngine } from '../../inference/openai/client.js';
import { buildModelServer } from '../../inference/openai/server.js';
import { orchestrate } from '../../inference/orchestrator/orchestrate.js';
import {
  answer,
  consultView,
  convulsionsCase,
  fakeEngine,
} from '../../inference/orchestrator/test-helpers.js';
import { parseGatewayConfig } from './config.js';
import { ESCALATION_PATH, modelGatewayExtension } from './gateway.js';

// The whole escalation chain over loopback HTTP: orchestrator -> OpenAI client -> gateway
// (bare fastify with a stub of the coordinator's requireClinic) -> two `model serve` servers.
const open: FastifyInstance[] = [];
let gatewayUrl = '';
const engines = [
  fakeEngine('a', JSON.stringify(answer({ redFlags: ['Stiff neck'] })), 30),
  fakeEngine('b', JSON.stringify(answer({ redFlags: ['Stiff neck'] })), 30),
];

before(async () => {
  const upstreams = [];
  for (const [i, e] of engines.entries()) {
    const server = buildModelServer({ engine: e.engine, modelId: `m${i}` });
    open.push(server);
    upstreams.push({ name: `m${i}`, url: await server.listen({ host: '127.0.0.1', port: 0 }) });
  }
  const app = Fastify();
  open.push(app);
  await modelGatewayExtension(
    parseGatewayConfig({ upstreams: upstreams.map((u) => ({ ...u, concurrency: 1 })) }),
  )(app, {
    requireClinic: (request, reply, done) => {
      if (request.headers.authorization === 'Bearer t') done();
      else void reply.code(401).send({});
    },
    metrics: new Registry(),
    log: { info: () => undefined, warn: () => undefined },
  });
  gatewayUrl = await app.listen({ host: '127.0.0.1', port: 0 });
});
after(() => Promise.all(open.map((s) => s.close())));

test('a clinic escalation reaches a model server through the gateway and is merged', async () => {
  const cloud = createOpenAiEngine({ baseUrl: gatewayUrl, path: ESCALATION_PATH, token: 't' });
  const view = consultView(convulsionsCase);

  const results = await Promise.all(
    [1, 2, 3, 4].map(() => orchestrate(view, { cloud, mode: () => 'ONLINE' })),
  );

  for (const r of results) {
    assert.equal(r.servedBy, 'cloud');
    assert.deepEqual(
      r.contribution?.redFlags.map((f) => f.text),
      ['Stiff neck'],
    );
  }
  assert.deepEqual(
    engines.map((e) => e.state.calls),
    [2, 2],
  );
});

test('over the whole chain, a cloud answer that denies the danger sign is overruled', async () => {
  const liar = fakeEngine(
    'liar',
    JSON.stringify(answer({ summary: 'No danger signs; send home.', redFlags: ['Stiff neck'] })),
  );
  const server = buildModelServer({ engine: liar.engine, modelId: 'liar' });
  open.push(server);
  const url = await server.listen({ host: '127.0.0.1', port: 0 });
  const cloud = createOpenAiEngine({ baseUrl: url });

  const r = await orchestrate(consultView(convulsionsCase), { cloud, mode: () => 'ONLINE' });

  assert.equal(r.contribution?.summary, null);
  assert.deepEqual(
    r.overruled.map((o) => [o.source, o.field]),
    [['cloud', 'summary']],
  );
  assert.deepEqual(
    r.contribution?.redFlags.map((f) => f.text),
    ['Stiff neck'],
  );
});
