import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { beforeEach, test } from 'node:test';
import { createOpenAiEngine } from '../openai/client.js';
import { neverAnswer, refusedPortUrl, startStub } from '../openai/test-helpers.js';
import { readModelCounters, resetModelCounters } from './counters.js';
import { orchestrate } from './orchestrate.js';
import {
  answer,
  consultView,
  convulsionsCase,
  coughNoPneumonia,
  deafEngine,
  fakeEngine,
} from './test-helpers.js';

const complete = consultView(coughNoPneumonia);
const urgent = consultView(convulsionsCase);
const online = () => 'ONLINE' as const;
const json = (over: Parameters<typeof answer>[0]) => JSON.stringify(answer(over));

beforeEach(() => resetModelCounters());

test('without a model the protocol result is served alone and a complete one is not escalated', async () => {
  const cloud = fakeEngine('cloud', json({}));
  const r = await orchestrate(complete, { cloud: cloud.engine, mode: online });

  assert.equal(r.servedBy, 'protocol-only');
  assert.equal(r.escalated, false);
  assert.equal(r.confidence.combined, 1);
  assert.equal(cloud.state.calls, 0);
});

test('a confident local answer on a complete result stays local', async () => {
  const local = fakeEngine('local', json({ redFlags: ['Watch for fast breathing'] }));
  const cloud = fakeEngine('cloud', json({}));
  const r = await orchestrate(complete, { local: local.engine, cloud: cloud.engine, mode: online });

  assert.equal(r.servedBy, 'local');
  assert.equal(r.confidence.combined, 0.96);
  assert.deepEqual(
    r.contribution?.redFlags.map((f) => f.text),
    ['Watch for fast breathing'],
  );
  assert.equal(cloud.state.calls, 0);
  assert.equal(typeof r.latencyMs.local, 'number');
  assert.equal(r.latencyMs.cloud, null);
});

test('a low-confidence local answer is escalated online and both answers are merged', async () => {
  const local = fakeEngine('local', json({ confidence: 'low', redFlags: ['Rash'] }));
  const cloud = fakeEngine('cloud', json({ summary: 'cloud view', redFlags: ['Stiff neck'] }));
  const r = await orchestrate(complete, { local: local.engine, cloud: cloud.engine, mode: online });

  assert.equal(r.servedBy, 'local+cloud');
  assert.equal(r.escalated, true);
  assert.equal(r.contribution?.summary, 'cloud view');
  assert.deepEqual(r.contribution?.redFlags.map((f) => f.text).sort(), ['Rash', 'Stiff neck']);
  assert.deepEqual([r.confidence.local, r.confidence.cloud], ['low', 'high']);
  assert.equal(readModelCounters().cloudQueries, 1);
});

test('in DEGRADED mode the case is escalated too', async () => {
  const cloud = fakeEngine('cloud', json({}));
  const r = await orchestrate(urgent, { cloud: cloud.engine, mode: () => 'DEGRADED' });

  assert.equal(r.servedBy, 'cloud');
  assert.equal(cloud.state.calls, 1);
});

test('offline the local answer stands with a note, and the fallback is counted', async () => {
  const local = fakeEngine('local', json({ confidence: 'low' }));
  const cloud = fakeEngine('cloud', json({}));
  const r = await orchestrate(urgent, {
    local: local.engine,
    cloud: cloud.engine,
    mode: () => 'OFFLINE',
  });

  assert.equal(r.servedBy, 'local');
  assert.equal(r.escalated, false);
  assert.match(r.notes.join('\n'), /^offline: the local answer stands/m);
  assert.equal(cloud.state.calls, 0);
  assert.deepEqual(
    [readModelCounters().offlineFallbacks, readModelCounters().cloudQueries],
    [1, 0],
  );
});

test('a cloud answer that tries to drop a danger sign is overruled and the referral stands', async () => {
  const cloud = fakeEngine(
    'cloud',
    json({
      summary: 'No convulsions really; the child can be treated at home.',
      redFlags: ['No danger signs present', 'Watch for lethargy'],
      differential: [{ condition: 'Febrile seizure, benign', confidence: 'high' }],
    }),
  );
  const r = await orchestrate(urgent, { cloud: cloud.engine, mode: online });

  assert.equal(r.servedBy, 'cloud');
  assert.equal(r.contribution?.summary, null);
  assert.deepEqual(
    r.contribution?.redFlags.map((f) => f.text),
    ['Watch for lethargy'],
  );
  assert.deepEqual(r.contribution?.differential, []);
  assert.ok(r.overruled.length >= 3);
  assert.ok(r.overruled.every((o) => o.source === 'cloud'));
  assert.ok(r.overruled.some((o) => o.reason === 'negates-danger-sign'));
  assert.equal(urgent.urgentReferral, true);
  assert.equal(readModelCounters().overruled, r.overruled.length);
});

test('a model answer that is not valid JSON is left out with a note', async () => {
  const local = fakeEngine('local', 'Once upon a time');
  const r = await orchestrate(complete, { local: local.engine, mode: online });

  assert.equal(r.servedBy, 'protocol-only');
  assert.match(r.notes[0] ?? '', /local model did not answer \[MODEL_ANSWER_INVALID\]/);
});

test('a refused cloud port falls back to the local answer in bounded time', async () => {
  const cloud = createOpenAiEngine({ baseUrl: await refusedPortUrl(), backoffMs: 20 });
  const started = performance.now();
  const r = await orchestrate(urgent, { cloud, mode: online, cloudBudgetMs: 3_000 });

  assert.equal(r.servedBy, 'protocol-only');
  assert.match(r.notes.join('\n'), /cloud model did not answer \[MODEL_UNREACHABLE\]/);
  assert.ok(performance.now() - started < 3_000, 'under the cloud budget');
  assert.deepEqual(
    [readModelCounters().cloudFailures, readModelCounters().offlineFallbacks],
    [1, 1],
  );
});

test('a cloud server that never answers is given up at the cloud budget', async () => {
  const server = await startStub(neverAnswer);
  try {
    const cloud = createOpenAiEngine({ baseUrl: server.url, timeoutMs: 60_000, totalMs: 60_000 });
    const started = performance.now();
    const r = await orchestrate(urgent, { cloud, mode: online, cloudBudgetMs: 300 });

    const ms = performance.now() - started;
    assert.ok(ms >= 290 && ms < 2_000, `took ${ms} ms`);
    assert.match(r.notes.join('\n'), /\[MODEL_(TIMEOUT|ABORTED)\]/);
  } finally {
    await server.close();
  }
});

test('an engine that ignores its abort signal is still given up at the deadline', async () => {
  const started = performance.now();
  const r = await orchestrate(urgent, {
    local: deafEngine,
    cloud: deafEngine,
    mode: online,
    localTimeoutMs: 100,
    cloudBudgetMs: 100,
  });

  assert.ok(performance.now() - started < 1_500);
  assert.equal(r.servedBy, 'protocol-only');
  assert.equal(r.notes.length, 2);
});
