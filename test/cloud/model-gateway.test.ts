/**
 * The model gateway inside the real coordinator (buildCoordinator with `extensions`, real
 * PostgreSQL or PGlite): a registered clinic's token is required, the escalation reaches the
 * upstream model server, and the queue depth is on the coordinator's /metrics.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { parseGatewayConfig } from '../../src/cloud/model-gateway/config.js';
import { ESCALATION_PATH, modelGatewayExtension } from '../../src/cloud/model-gateway/gateway.js';
import { createOpenAiEngine } from '../../src/inference/openai/client.js';
import { answerWith, startStub, type Stub } from '../../src/inference/openai/test-helpers.js';
import { post, registerTestClinic, type TestClinic } from '../support/cloud-client.js';
import {
  newDatabase,
  startCoordinator,
  startTestPostgres,
  type TestCoordinator,
  type TestPostgres,
} from './harness.js';

let pg: TestPostgres;
let cloud: TestCoordinator;
let clinic: TestClinic;
let upstream: Stub;

before(async () => {
  upstream = await startStub(answerWith('{"summary":"from the pool"}'));
  pg = await startTestPostgres();
  const gateway = modelGatewayExtension(
    parseGatewayConfig({ upstreams: [{ name: 'pool-a', url: upstream.url, concurrency: 2 }] }),
  );
  cloud = await startCoordinator(
    { regions: {}, default: await newDatabase(pg) },
    { extensions: [gateway] },
  );
  clinic = await registerTestClinic(cloud.base, await cloud.enrol('north'), 'north');
});
after(async () => {
  await cloud.close();
  await pg.stop();
  await upstream.close();
});

const messages = [{ role: 'user' as const, content: 'hard case' }];

test('a registered clinic escalates with its access token and gets the upstream answer', async () => {
  const engine = createOpenAiEngine({
    baseUrl: cloud.base,
    path: ESCALATION_PATH,
    token: clinic.token,
  });

  const answer = await engine.complete({ messages, jsonSchema: { type: 'object' }, maxTokens: 8 });
  assert.equal(answer.text, '{"summary":"from the pool"}');
  assert.equal(upstream.seen.length, 1);
});

test('an escalation without a valid token is refused before it reaches a model server', async () => {
  const before = upstream.seen.length;
  const reply = await post(
    cloud.base,
    ESCALATION_PATH,
    { messages },
    {
      authorization: 'Bearer not-a-token',
    },
  );

  assert.equal(reply.status, 401);
  assert.equal(upstream.seen.length, before);
});

test('the coordinator metrics carry the queue depth of each upstream', async () => {
  const text = await (await fetch(`${cloud.base}/metrics`)).text();

  assert.match(text, /medassist_model_queue_depth\{upstream="pool-a"\} 0/);
  assert.match(text, /medassist_model_upstream_attempts_total\{upstream="pool-a",outcome="ok"\} 1/);
});
