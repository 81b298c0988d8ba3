import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';

import { generateReleaseKey } from '../../knowledge/release/index.js';
import { contentHashOfFile } from '../../knowledge/release/index.js';
import { openKnowledgeBase } from '../../knowledge/index.js';
import { readConfig } from '../config.js';
import { lastGoodPath } from '../knowledge-install.js';
import { knowledgeDbPath } from '../paths.js';
import { startLoopbackProxy } from './test-helpers/loopback-proxy.js';
import { startReleaseWorld, type ReleaseWorld } from './test-helpers/release-world.js';
import { updateKnowledge } from './update.js';

let world: ReleaseWorld;
before(async () => {
  world = await startReleaseWorld();
});
after(() => world.close());

const failedWith =
  (code: string) => (e: Error & { code?: string; details?: { failures?: { code: string }[] } }) =>
    e.code === 'KB_UPDATE_FAILED' && e.details?.failures?.some((f) => f.code === code) === true;

/** A clinic on v1 whose config already names it v1, as after an earlier update. */
async function clinicOnV1() {
  const clinic = world.clinic(world.fixture.kb.v1);
  // Only v1 at a source: same records as installed, so only the version name is recorded.
  const v1Only = await startLoopbackProxy(world.url, {
    rewrite: (path, body) =>
      path.startsWith('/v1/releases/latest')
        ? Buffer.from('{"version":"v1","channel":"stable"}')
        : body,
  });
  try {
    const result = await updateKnowledge(clinic, {
      sources: [v1Only.url],
      releaseKeys: world.releaseKeys,
    });
    assert.deepEqual(result, { status: 'current', version: 'v1', source: v1Only.url });
  } finally {
    await v1Only.close();
  }
  return clinic;
}

function assertStillOn(clinic: ReturnType<ReleaseWorld['clinic']>, version: string, file: Buffer) {
  assert.equal(readConfig(clinic.home).knowledge?.version, version);
  assert.deepEqual(readFileSync(knowledgeDbPath(clinic.home)), file);
}

void test('a clinic on v1 receives v2 as a delta and searches the new passages', async () => {
  const clinic = await clinicOnV1();

  const result = await updateKnowledge(clinic, {
    sources: [world.url],
    releaseKeys: world.releaseKeys,
  });

  assert.equal(result.status, 'updated');
  assert.ok(result.status === 'updated' && result.via === 'delta' && result.previous === 'v1');
  assert.equal(readConfig(clinic.home).knowledge?.version, 'v2');
  assert.equal(clinic.config.knowledge?.version, 'v2');
  assert.equal(
    contentHashOfFile(knowledgeDbPath(clinic.home)),
    world.fixture.v2.manifest.contentHash,
  );
  assert.equal(contentHashOfFile(lastGoodPath(clinic.home)), world.fixture.v2.manifest.contentHash);
  const kb = openKnowledgeBase(knowledgeDbPath(clinic.home));
  assert.equal(kb.search('malaria')[0]?.id, 'cls-malaria');
  kb.close();
  const again = await updateKnowledge(clinic, {
    sources: [world.url],
    releaseKeys: world.releaseKeys,
  });
  assert.equal(again.status, 'current');
});

void test('a clinic with a version the manifest has no delta from receives the full bundle', async () => {
  const clinic = world.clinic(world.fixture.kb.other);

  const result = await updateKnowledge(clinic, {
    sources: [world.url],
    releaseKeys: world.releaseKeys,
  });

  assert.ok(result.status === 'updated' && result.via === 'bundle');
  assert.equal(
    contentHashOfFile(knowledgeDbPath(clinic.home)),
    world.fixture.v2.manifest.contentHash,
  );
});

void test('a delta whose base is not the installed DB is refused and the bundle is taken', async () => {
  const clinic = await clinicOnV1();
  // The file changes under the recorded version name: the v1 -> v2 delta no longer fits.
  const { copyFileSync } = await import('node:fs');
  copyFileSync(world.fixture.kb.other, knowledgeDbPath(clinic.home));

  const result = await updateKnowledge(clinic, {
    sources: [world.url],
    releaseKeys: world.releaseKeys,
  });

  assert.ok(result.status === 'updated' && result.via === 'bundle');
  assert.equal(
    contentHashOfFile(knowledgeDbPath(clinic.home)),
    world.fixture.v2.manifest.contentHash,
  );
});

void test('a tampered manifest is refused and the old version stays active', async () => {
  const clinic = await clinicOnV1();
  const before = readFileSync(knowledgeDbPath(clinic.home));
  const proxy = await startLoopbackProxy(world.url, {
    rewrite: (path, body) => {
      if (path !== '/v1/releases/v2') return body;
      // Point the signed release at other content (the v1 bundle), keeping the signature.
      const signed = JSON.parse(body.toString()) as { manifest: string };
      const manifest = JSON.parse(signed.manifest) as { bundle: { sha256: string } };
      manifest.bundle.sha256 = world.fixture.v1.manifest.bundle.sha256;
      return Buffer.from(JSON.stringify({ ...signed, manifest: JSON.stringify(manifest) }));
    },
  });
  after(() => proxy.close());

  await assert.rejects(
    updateKnowledge(clinic, { sources: [proxy.url], releaseKeys: world.releaseKeys }),
    failedWith('KB_SIGNATURE_INVALID'),
  );
  assertStillOn(clinic, 'v1', before);
});

void test('a tampered blob is refused and the old version stays active', async () => {
  const clinic = await clinicOnV1();
  const before = readFileSync(knowledgeDbPath(clinic.home));
  const proxy = await startLoopbackProxy(world.url, {
    rewrite: (path, body) => {
      if (!path.startsWith('/v1/blobs/')) return body;
      const copy = Buffer.from(body);
      copy[copy.length - 1] = (copy.at(-1) ?? 0) ^ 0xff;
      return copy;
    },
  });
  after(() => proxy.close());

  await assert.rejects(
    updateKnowledge(clinic, { sources: [proxy.url], releaseKeys: world.releaseKeys }),
    failedWith('KB_BLOB_HASH_MISMATCH'),
  );
  assertStillOn(clinic, 'v1', before);
});

void test('a release signed by a key the clinic does not trust is refused', async () => {
  const clinic = await clinicOnV1();
  const before = readFileSync(knowledgeDbPath(clinic.home));
  const stranger = generateReleaseKey();

  await assert.rejects(
    updateKnowledge(clinic, {
      sources: [world.url],
      releaseKeys: { [stranger.keyId]: stranger.publicKey },
    }),
    failedWith('KB_KEY_UNKNOWN'),
  );
  assertStillOn(clinic, 'v1', before);
});

void test('a cut download is resumed with a Range request and verified', async () => {
  const clinic = world.clinic(world.fixture.kb.other);
  const proxy = await startLoopbackProxy(world.url, {
    cut: { pathPrefix: '/v1/blobs/', afterBytes: 300, times: 1 },
  });
  after(() => proxy.close());

  const result = await updateKnowledge(clinic, {
    sources: [proxy.url],
    releaseKeys: world.releaseKeys,
  });

  assert.ok(result.status === 'updated' && result.via === 'bundle');
  const blobRequests = proxy.seen.filter((r) => r.path.startsWith('/v1/blobs/'));
  assert.deepEqual(
    blobRequests.map((r) => r.headers.range),
    [undefined, 'bytes=300-'],
  );
  assert.equal(
    contentHashOfFile(knowledgeDbPath(clinic.home)),
    world.fixture.v2.manifest.contentHash,
  );
});

void test('an unreachable first source is skipped for the next one', async () => {
  const clinic = world.clinic(world.fixture.kb.other);
  const dead = await startLoopbackProxy(world.url);
  await dead.close();

  const result = await updateKnowledge(clinic, {
    sources: [dead.url, world.url],
    releaseKeys: world.releaseKeys,
  });

  assert.equal(result.source, world.url);
});

void test('a source that accepts but never answers is skipped after its timeout', async () => {
  const clinic = world.clinic(world.fixture.kb.other);
  const { createServer } = await import('node:net');
  const sockets = new Set<import('node:net').Socket>();
  const silent = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const address = silent.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  after(() => {
    for (const socket of sockets) socket.destroy();
    silent.close();
  });
  const started = Date.now();

  const result = await updateKnowledge(clinic, {
    sources: [`http://127.0.0.1:${port}`, world.url],
    releaseKeys: world.releaseKeys,
    timeoutMs: 300,
  });

  assert.equal(result.source, world.url);
  assert.ok(Date.now() - started < 5000, 'skipped in bounded time');
});
