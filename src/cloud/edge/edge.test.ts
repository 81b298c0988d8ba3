import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { readConfig, writeConfig } from '../../clinic/config.js';
import type { OpenClinic } from '../../clinic/clinic.js';
import { startLoopbackProxy } from '../../clinic/knowledge-update/test-helpers/loopback-proxy.js';
import {
  createTestClinics,
  startReleaseServer,
} from '../../clinic/knowledge-update/test-helpers/release-world.js';
import { updateKnowledge } from '../../clinic/knowledge-update/update.js';
import { createReleaseFixture, type ReleaseFixture } from '../releases/test-helpers.js';
import { createEdge, type EdgeOptions } from './edge-server.js';

const dataDir = mkdtempSync(join(tmpdir(), 'medassist-edge-'));
// One repository (PGlite) for the file: it is the slow part; each test starts its own cloud.
let fixture: ReleaseFixture;
before(async () => {
  fixture = await createReleaseFixture();
});
after(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await fixture.close();
});

async function startEdge(options: Omit<EdgeOptions, 'dataDir' | 'region'> & { dir: string }) {
  const edge = createEdge({ region: 'region-a', dataDir: join(dataDir, options.dir), ...options });
  const url = await edge.app.listen({ host: '127.0.0.1', port: 0 });
  return { edge, url };
}

/** The clinic's config names its installed DB v1, as after an earlier update. */
function nameInstalled(clinic: OpenClinic, version: string) {
  const knowledge = { sha256: clinic.config.knowledge?.sha256 ?? '', version };
  writeConfig(clinic.home, { ...readConfig(clinic.home), knowledge });
  clinic.config.knowledge = knowledge;
}

void test('two clinics and an edge, the cloud stopped: both clinics receive the release from the edge', async () => {
  const cloud = await startReleaseServer(fixture);
  const clinics = createTestClinics();
  const { edge, url } = await startEdge({
    upstream: cloud.url,
    dir: 'two-clinics',
    latestTtlMs: 0,
  });
  after(async () => {
    clinics.close();
    await edge.close();
  });
  const releaseKeys = { [fixture.key.keyId]: fixture.key.publicKey };
  await edge.refresh();
  await cloud.app.close();

  const onV1 = clinics.clinic(fixture.kb.v1);
  nameInstalled(onV1, 'v1');
  const fresh = clinics.clinic(fixture.kb.other);
  const sources = [url, cloud.url];
  const a = await updateKnowledge(onV1, { sources, releaseKeys });
  const b = await updateKnowledge(fresh, { sources, releaseKeys });

  assert.ok(a.status === 'updated' && a.via === 'delta' && a.source === url);
  assert.ok(b.status === 'updated' && b.via === 'bundle' && b.source === url);
  assert.equal(onV1.config.knowledge?.version, 'v2');
  assert.equal(fresh.config.knowledge?.version, 'v2');
  const latest = await fetch(`${url}/v1/releases/latest?channel=stable`);
  assert.equal(latest.headers.get('x-medassist-stale'), '1');
});

void test('the edge revalidates the latest pointer upstream by ETag and fetches a blob once', async () => {
  const cloud = await startReleaseServer(fixture);
  const proxy = await startLoopbackProxy(cloud.url);
  const { edge, url } = await startEdge({ upstream: proxy.url, dir: 'revalidate', latestTtlMs: 0 });
  after(async () => {
    await edge.close();
    await proxy.close();
    await cloud.app.close();
  });
  const blob = `/v1/blobs/${fixture.v2.manifest.bundle.sha256}`;

  assert.equal((await fetch(`${url}/v1/releases/latest`)).status, 200);
  assert.equal((await fetch(`${url}/v1/releases/latest`)).status, 200);
  assert.equal((await fetch(`${url}${blob}`)).status, 200);
  const ranged = await fetch(`${url}${blob}`, { headers: { range: 'bytes=5-9' } });

  assert.equal(ranged.status, 206);
  assert.equal(Buffer.from(await ranged.arrayBuffer()).length, 5);
  const latestAsks = proxy.seen.filter((r) => r.path.startsWith('/v1/releases/latest'));
  assert.deepEqual(
    latestAsks.map((r) => typeof r.headers['if-none-match']),
    ['undefined', 'string'],
  );
  assert.equal(proxy.seen.filter((r) => r.path === blob).length, 1);
});

void test('a blob the upstream corrupts is neither cached nor served', async () => {
  const cloud = await startReleaseServer(fixture);
  const proxy = await startLoopbackProxy(cloud.url, {
    rewrite: (path, body) => (path.startsWith('/v1/blobs/') ? Buffer.from('forged') : body),
  });
  const { edge, url } = await startEdge({ upstream: proxy.url, dir: 'corrupt' });
  after(async () => {
    await edge.close();
    await proxy.close();
    await cloud.app.close();
  });

  const res = await fetch(`${url}/v1/blobs/${fixture.v2.manifest.bundle.sha256}`);

  assert.equal(res.status, 502);
  assert.match(await res.text(), /KB_BLOB_HASH_MISMATCH/);
});

void test('with a cold cache and no upstream the edge answers 502, so the clinic tries the cloud', async () => {
  const dead = await startLoopbackProxy('http://127.0.0.1:9');
  await dead.close();
  const { edge, url } = await startEdge({
    upstream: dead.url,
    dir: 'cold',
    upstreamTimeoutMs: 500,
  });
  after(() => edge.close());

  assert.equal((await fetch(`${url}/v1/releases/latest`)).status, 502);
  assert.equal((await fetch(`${url}/v1/health`)).status, 200);
});
