import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { pushOnce, registerTestClinic, type TestClinic } from '../support/cloud-client.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import { encounterItem } from '../support/uploads.js';
import {
  newDatabase,
  startCoordinator,
  startTestPostgres,
  type TestCoordinator,
  type TestPostgres,
} from './harness.js';

let pg: TestPostgres;
let cloud: TestCoordinator;
let proxy: FaultProxy;
let clinic: TestClinic;

before(async () => {
  pg = await startTestPostgres();
  cloud = await startCoordinator({ regions: {}, default: await newDatabase(pg) });
  proxy = await startFaultProxy(Number(new URL(cloud.base).port));
  clinic = await registerTestClinic(cloud.base, await cloud.enrol('north'), 'north');
});
after(async () => {
  await proxy.close();
  await cloud.close();
  await pg.stop();
});

const batch = (prefix: string) =>
  [1, 2, 3, 4, 5].map((i) => encounterItem(`${prefix}-${i}`, { region: 'north' }));

async function stored(prefix: string): Promise<Record<string, number>> {
  const result = await cloud.shards.global.query<{ key: string; n: string }>(
    'SELECT key, count(*) AS n FROM encounters WHERE key LIKE $1 GROUP BY key',
    [`${prefix}-%`],
  );
  return Object.fromEntries(result.rows.map((r) => [r.key, Number(r.n)]));
}

const once = (prefix: string) =>
  Object.fromEntries([1, 2, 3, 4, 5].map((i) => [`${prefix}-${i}`, 1]));

describe('pushes through a faulty link', () => {
  test('an answer cut on the way back, then a retry: every item stored once', async () => {
    proxy.set({ cutResponseAfter: 20 });
    await assert.rejects(pushOnce(proxy.url, clinic, 'cut-resp', batch('cr')));
    proxy.set({});
    const retry = await pushOnce(proxy.url, clinic, 'cut-resp', batch('cr'));
    assert.equal((retry.body as { duplicates: string[] }).duplicates.length, 5);
    assert.deepEqual(await stored('cr'), once('cr'));
  });

  test('a request cut mid-body stores nothing, and the retry stores it all once', async () => {
    proxy.set({ cutRequestAfter: 400 });
    await assert.rejects(pushOnce(proxy.url, clinic, 'cut-req', batch('cq')));
    assert.deepEqual(await stored('cq'), {});
    proxy.set({});
    const retry = await pushOnce(proxy.url, clinic, 'cut-req', batch('cq'));
    assert.equal((retry.body as { accepted: string[] }).accepted.length, 5);
    assert.deepEqual(await stored('cq'), once('cq'));
  });

  test('a slow link delays a push but it arrives', async () => {
    proxy.set({ delayMs: 40 });
    const reply = await pushOnce(proxy.url, clinic, 'slow', batch('sl'));
    assert.equal(reply.status, 200);
    assert.deepEqual(await stored('sl'), once('sl'));
  });

  test('a dropped connection fails fast and the next try goes through', async () => {
    proxy.set({ drop: true });
    await assert.rejects(pushOnce(proxy.url, clinic, 'drop', batch('dr')));
    proxy.set({});
    assert.equal((await pushOnce(proxy.url, clinic, 'drop', batch('dr'))).status, 200);
    assert.deepEqual(await stored('dr'), once('dr'));
  });
});
