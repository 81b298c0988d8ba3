import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { SyncStatusView } from './status-view.js';
import { apiClient, startNodeFixture, type NodeFixture } from './test-helpers/node-fixture.js';

// An in-memory stand-in for the sync agent (src/clinic/sync), which this test does not run.
const online: SyncStatusView = {
  mode: 'ONLINE',
  lastSyncAt: '2026-12-01T09:30:00.000Z',
  queued: 4,
  syncing: true,
  progress: { done: 50, total: 54 },
  lastError: null,
  alerts: [
    {
      id: 'alert-1',
      region: 'region-a',
      severity: 'warning',
      title: 'Measles cases above threshold',
      body: 'Check vaccination status.',
      issuedAt: '2026-12-01T08:00:00.000Z',
      expiresAt: null,
    },
  ],
  knowledgeVersion: 'kb-2026-12',
  registered: true,
};
let syncCalls = 0;
const agent = {
  status: () => online,
  syncNow: () => {
    syncCalls++;
    return Promise.resolve({});
  },
  stop: () => Promise.resolve(),
};

let withAgent: NodeFixture;
let without: NodeFixture;
before(async () => {
  [withAgent, without] = await Promise.all([
    startNodeFixture({ syncAgent: agent }),
    startNodeFixture(),
  ]);
});
after(() => Promise.all([withAgent.close(), without.close()]));

test('the status bar shows what a running sync agent reports, alerts included', async () => {
  const api = apiClient(withAgent.url);
  await api.signIn('chw');
  const { body } = await api.call('GET', '/api/status');
  assert.equal(body.mode, 'ONLINE');
  assert.deepEqual(body.progress, { done: 50, total: 54 });
  assert.equal((body.alerts as unknown[]).length, 1);
});

test('sync now starts the agent and answers at once; without an agent it says why', async () => {
  const api = apiClient(withAgent.url);
  await api.signIn('chw');
  const started = await api.call('POST', '/api/sync');
  assert.equal(started.status, 202);
  assert.equal(syncCalls, 1);
  const bare = apiClient(without.url);
  await bare.signIn('chw');
  const refused = await bare.call('POST', '/api/sync');
  assert.equal(refused.status, 409);
  assert.equal((refused.body.error as { code: string }).code, 'SYNC_NOT_CONFIGURED');
});
