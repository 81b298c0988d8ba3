import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { after, describe, test } from 'node:test';
import { startFaultProxy, type FaultProxy } from './test-helpers/fault-proxy.js';
import { EDITIONS } from '../../clinical/protocols/registry.js';
import type { OpenClinic } from '../clinic.js';
import { readConfig, writeConfig } from '../config.js';
import { runConsult } from '../consult/run-consult.js';
import { registerClinic } from './register.js';
import { runSync } from './run-sync.js';
import { readSyncStatus } from './status.js';
import { startSyncAgent } from './sync-agent.js';
import { startFakeCoordinator, type FakeCoordinator } from './test-helpers/fake-coordinator.js';
import {
  bulkQueue,
  makeClinic,
  removeTempDirs,
  saveGeneratedConsults,
} from './test-helpers/sync-clinic.js';

const closers: (() => Promise<void>)[] = [];
after(async () => {
  for (const close of closers.reverse()) await close();
  removeTempDirs();
});

/** A registered clinic whose coordinator URL goes through a fault proxy. */
async function clinicBehindProxy(options: Parameters<typeof startFakeCoordinator>[0] = {}) {
  const fake = await startFakeCoordinator(options);
  const proxy = await startFaultProxy(Number(new URL(fake.url).port));
  closers.push(
    () => fake.close(),
    () => proxy.close(),
  );
  const clinic = makeClinic();
  await registerClinic(clinic, {
    coordinatorUrl: fake.url,
    enrolmentToken: 'enrol-test-token',
    region: 'r1',
  });
  const config = readConfig(clinic.home);
  writeConfig(clinic.home, { ...config, sync: { ...config.sync!, coordinatorUrl: proxy.url } });
  return { fake, proxy, clinic };
}

const encounters = (fake: FakeCoordinator) =>
  [...fake.stored.values()].flatMap((s) => (s.item.kind === 'encounter' ? [s.item.body] : []));

/** Every queued encounter is in the cloud once: one stored key and one resourceKey each. */
function assertStoredOnce(fake: FakeCoordinator, clinic: OpenClinic, queued: number) {
  assert.equal(clinic.store.pendingOutbox(), 0);
  const stored = encounters(fake);
  assert.equal(stored.length, queued);
  assert.equal(new Set(stored.map((e) => e.resourceKey)).size, queued);
}

const push = (proxy: FaultProxy) => proxy.requests.filter((r) => r.path === '/v1/sync/push').length;

describe('sync through a faulty link', () => {
  test('a connection cut in the middle of a push fails the sync; the next one stores every case once', async () => {
    const { fake, proxy, clinic } = await clinicBehindProxy();
    bulkQueue(clinic, 200);
    proxy.plan = (r) =>
      r.path === '/v1/sync/push' && r.n === 2 ? { kind: 'cut-request' } : { kind: 'pass' };
    await assert.rejects(runSync(clinic), { code: 'SYNC_UNREACHABLE' });
    assert.equal(fake.stored.size, 50);
    assert.match(readSyncStatus(clinic).lastError ?? '', /^SYNC_UNREACHABLE/);
    await runSync(clinic);
    assertStoredOnce(fake, clinic, 201);
    assert.equal(readSyncStatus(clinic).lastError, null);
    clinic.close();
  });

  test('a response dropped after the cloud stored the batch: the retry finds duplicates, stored once', async () => {
    const { fake, proxy, clinic } = await clinicBehindProxy();
    bulkQueue(clinic, 120);
    proxy.plan = (r) =>
      r.path === '/v1/sync/push' && r.n === 2 ? { kind: 'drop-response' } : { kind: 'pass' };
    await assert.rejects(runSync(clinic), { code: 'SYNC_UNREACHABLE' });
    assert.equal(fake.stored.size, 100);
    const report = await runSync(clinic);
    assert.equal(report.duplicates, 50);
    assertStoredOnce(fake, clinic, 121);
    clinic.close();
  });

  test('a link slower than the timeout fails in bounded time, not hanging the sync', async () => {
    const { fake, proxy, clinic } = await clinicBehindProxy();
    saveGeneratedConsults(clinic, 3, 3);
    proxy.plan = (r) =>
      r.path === '/v1/sync/push' ? { kind: 'delay', ms: 3_000 } : { kind: 'pass' };
    const t0 = performance.now();
    await assert.rejects(runSync(clinic, { timeoutMs: 400 }), { code: 'SYNC_UNREACHABLE' });
    assert.ok(performance.now() - t0 < 2_500);
    proxy.plan = () => ({ kind: 'pass' });
    await runSync(clinic);
    assertStoredOnce(fake, clinic, 3);
    clinic.close();
  });
});

describe('the sync agent', () => {
  test('goes OFFLINE when the link goes down and syncs by itself when it comes back', async () => {
    const { fake, proxy, clinic } = await clinicBehindProxy();
    proxy.down = true;
    const agent = startSyncAgent(clinic, { probeIntervalMs: 3_600_000, probeTimeoutMs: 500 });
    closers.push(() => agent.stop());
    assert.equal(await agent.probeNow(), 'OFFLINE');
    saveGeneratedConsults(clinic, 5, 21);
    assert.equal(agent.status().mode, 'OFFLINE');
    // The 5 consults and the telemetry of the first hour.
    assert.equal(agent.status().queued, 6);

    proxy.down = false;
    assert.equal(await agent.probeNow(), 'ONLINE');
    await waitFor(() => agent.status().queued === 0 && !agent.status().syncing);
    assertStoredOnce(fake, clinic, 5);
    assert.ok(agent.status().lastSyncAt !== null);
    await agent.stop();
    clinic.close();
  });

  test('telemetry is queued on schedule while OFFLINE and goes up once the link is back', async () => {
    const { fake, proxy, clinic } = await clinicBehindProxy();
    proxy.down = true;
    const agent = startSyncAgent(clinic, {
      probeIntervalMs: 3_600_000,
      probeTimeoutMs: 300,
      telemetryIntervalMs: 40,
    });
    closers.push(() => agent.stop());
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(await agent.probeNow(), 'OFFLINE');
    }
    const queued = clinic.store.pendingOutbox();
    assert.ok(queued >= 3, `queued ${queued}`);
    proxy.down = false;
    await agent.probeNow();
    await waitFor(() => clinic.store.pendingOutbox() === 0 && !agent.status().syncing);
    const kinds = [...fake.stored.values()].map((s) => s.item.kind);
    assert.ok(kinds.length >= queued && kinds.every((k) => k === 'telemetry'));
    await agent.stop();
    clinic.close();
  });

  test('consults save at full speed while the agent syncs and the mode flips', async () => {
    const { proxy, clinic } = await clinicBehindProxy({ pushDelayMs: 50 });
    bulkQueue(clinic, 400);
    const agent = startSyncAgent(clinic, { probeIntervalMs: 3_600_000, probeTimeoutMs: 300 });
    closers.push(() => agent.stop());
    await agent.probeNow();
    const edition = EDITIONS['imci-2014']!;
    const slowest: number[] = [];
    for (let i = 0; i < 20; i++) {
      proxy.down = i % 4 === 1;
      const probing = agent.probeNow();
      const t0 = performance.now();
      const r = runConsult(
        {
          patient: { age_months: 10 + i, sex: 'female', weight_kg: 8 },
          findings: { fever: true, malaria_risk: 'low' },
        },
        { edition, visitDate: '2026-12-04' },
        { store: clinic.store },
      );
      slowest.push(performance.now() - t0);
      assert.ok(r.saved?.created);
      await probing;
    }
    assert.ok(Math.max(...slowest) < 1_000, `slowest consult ${Math.max(...slowest)} ms`);
    await agent.stop();
    assert.equal(clinic.store.countEncounters(), 421);
    clinic.close();
  });

  test('a failed sync is retried after a back-off, and the error is kept for the status', async () => {
    const { proxy, clinic, fake } = await clinicBehindProxy();
    saveGeneratedConsults(clinic, 2, 8);
    proxy.plan = (r) =>
      r.path === '/v1/sync/push' && r.n === 1 ? { kind: 'cut-request' } : { kind: 'pass' };
    const agent = startSyncAgent(clinic, {
      probeIntervalMs: 100,
      backoff: { baseMs: 300, maxMs: 300 },
    });
    closers.push(() => agent.stop());
    await waitFor(() => readSyncStatus(clinic).lastError !== null);
    await waitFor(() => encounters(fake).length === 2 && readSyncStatus(clinic).lastError === null);
    assert.ok(push(proxy) >= 2);
    await agent.stop();
    clinic.close();
  });
});

async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}
