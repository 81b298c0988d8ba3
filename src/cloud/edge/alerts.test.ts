import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

import Fastify from 'fastify';

import { etagOf } from '../releases/routes.js';
import { createEdge } from './edge-server.js';

const dataDir = mkdtempSync(join(tmpdir(), 'medassist-edge-alerts-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

const alert = (id: string, region = 'region-a') => ({
  id,
  region,
  severity: 'warning' as const,
  title: `Test alert ${id}`,
  body: 'Test body.',
  issuedAt: '2026-12-01T00:00:00Z',
  expiresAt: null,
});

/** A stand-in upstream of our own speaking the v1 alerts contract: cursor = count seen. */
async function startUpstream() {
  const alerts = [alert('a1'), alert('b1', 'region-b')];
  const seen: { cursor: string | undefined; ifNoneMatch: string | undefined }[] = [];
  const app = Fastify();
  app.get<{ Querystring: { cursor?: string } }>('/v1/alerts', (req, reply) => {
    seen.push({ cursor: req.query.cursor, ifNoneMatch: req.headers['if-none-match'] });
    const body = JSON.stringify({
      alerts: alerts.slice(Number(req.query.cursor ?? 0)),
      cursor: String(alerts.length),
    });
    const etag = etagOf(body);
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.header('etag', etag).type('application/json').send(body);
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url, alerts, seen };
}

void test('the edge serves its region alerts with its own cursor, 304 when idle, and after the upstream stops', async () => {
  const upstream = await startUpstream();
  const edge = createEdge({
    upstream: upstream.url,
    dataDir,
    region: 'region-a',
    upstreamTimeoutMs: 500,
  });
  const url = await edge.app.listen({ host: '127.0.0.1', port: 0 });
  after(() => edge.close());

  assert.equal(await edge.alerts.poll(), 1);
  const first = await fetch(`${url}/v1/alerts?region=region-a`);
  const body = (await first.json()) as { alerts: { id: string }[]; cursor: string };
  assert.deepEqual(
    body.alerts.map((a) => a.id),
    ['a1'],
  );

  const etag = first.headers.get('etag') ?? '';
  const idle = await fetch(`${url}/v1/alerts?region=region-a`, {
    headers: { 'if-none-match': etag },
  });
  assert.equal(idle.status, 304);

  upstream.alerts.push(alert('a2'));
  assert.equal(await edge.alerts.poll(), 1);
  assert.equal(await edge.alerts.poll(), 0);
  assert.equal(upstream.seen.at(-1)?.ifNoneMatch !== undefined, true);
  const next = await fetch(`${url}/v1/alerts?region=region-a&cursor=${body.cursor}`);
  assert.deepEqual(
    ((await next.json()) as { alerts: { id: string }[] }).alerts.map((a) => a.id),
    ['a2'],
  );

  await upstream.app.close();
  await assert.rejects(edge.alerts.poll());
  const offline = await fetch(`${url}/v1/alerts?region=region-a`);
  assert.deepEqual(
    ((await offline.json()) as { alerts: { id: string }[] }).alerts.map((a) => a.id),
    ['a1', 'a2'],
  );
});

void test('an alerts poll for another region or with a malformed cursor is refused with the value', async () => {
  const edge = createEdge({
    upstream: 'http://127.0.0.1:9',
    dataDir: join(dataDir, 'x'),
    region: 'region-a',
  });
  after(() => edge.close());

  const other = await edge.app.inject('/v1/alerts?region=region-b');
  const cursor = await edge.app.inject('/v1/alerts?cursor=abc');

  assert.equal(other.statusCode, 400);
  assert.match(other.body, /region-b/);
  assert.equal(cursor.statusCode, 400);
  assert.match(cursor.body, /cursor: not an edge cursor \[abc\]/);
});
