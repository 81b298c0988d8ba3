import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import Fastify from 'fastify';

import { IMMUTABLE } from './blob-reply.js';
import { registerReleaseRoutes } from './routes.js';
import { createReleaseFixture, type ReleaseFixture } from './test-helpers.js';

let fixture: ReleaseFixture;
const app = Fastify();

before(async () => {
  fixture = await createReleaseFixture();
  await registerReleaseRoutes(app, fixture.repository);
});
after(async () => {
  await app.close();
  await fixture.close();
});

const bundleUrl = () => `/v1/blobs/${fixture.v2.manifest.bundle.sha256}`;

void test('the latest pointer names the newest release of the channel and answers 304 idle', async () => {
  const first = await app.inject('/v1/releases/latest?channel=stable');
  assert.equal(first.statusCode, 200);
  assert.deepEqual(first.json(), { version: 'v2', channel: 'stable' });

  const again = await app.inject({
    url: '/v1/releases/latest?channel=stable',
    headers: { 'if-none-match': String(first.headers.etag) },
  });
  assert.equal(again.statusCode, 304);
  assert.equal(again.body, '');
});

void test('a channel without releases is 404 and a malformed channel is 400 with the value', async () => {
  assert.equal((await app.inject('/v1/releases/latest?channel=beta')).statusCode, 404);
  const bad = await app.inject('/v1/releases/latest?channel=%2F..');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /channel: not valid \[\/\.\.\]/);
});

void test('a signed manifest is served immutable, byte for byte as signed', async () => {
  const res = await app.inject('/v1/releases/v2');

  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['cache-control'], IMMUTABLE);
  assert.deepEqual(res.json(), fixture.v2.signed);
  assert.equal((await app.inject('/v1/releases/v9')).statusCode, 404);
});

void test('a blob is served whole, immutable, with its hash as ETag', async () => {
  const res = await app.inject(bundleUrl());
  const bytes = fixture.v2.blobs.get(fixture.v2.manifest.bundle.sha256);

  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal(res.headers.etag, `"${fixture.v2.manifest.bundle.sha256}"`);
  assert.deepEqual(res.rawPayload, bytes);
});

void test('a blob range is 206 with its Content-Range; past the end is 416', async () => {
  const size = fixture.v2.manifest.bundle.size;
  const bytes = fixture.v2.blobs.get(fixture.v2.manifest.bundle.sha256) ?? Buffer.alloc(0);

  const part = await app.inject({ url: bundleUrl(), headers: { range: 'bytes=10-' } });
  assert.equal(part.statusCode, 206);
  assert.equal(part.headers['content-range'], `bytes 10-${size - 1}/${size}`);
  assert.deepEqual(part.rawPayload, bytes.subarray(10));

  const past = await app.inject({ url: bundleUrl(), headers: { range: `bytes=${size}-` } });
  assert.equal(past.statusCode, 416);
  assert.equal(past.headers['content-range'], `bytes */${size}`);
});

void test('an unknown blob is 404 and a name that is not a SHA-256 is 400', async () => {
  assert.equal((await app.inject(`/v1/blobs/${'0'.repeat(64)}`)).statusCode, 404);
  assert.equal((await app.inject('/v1/blobs/abc')).statusCode, 400);
});

void test('publishing a version twice is refused', async () => {
  await assert.rejects(fixture.repository.publish(fixture.v2), /already published/);
});
