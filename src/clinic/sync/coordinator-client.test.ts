import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, test } from 'node:test';
import Fastify from 'fastify';
import { createCoordinatorClient } from './coordinator-client.js';

const app = Fastify();
// Pushes come gzip'd; these tests look at headers only.
app.removeContentTypeParser('application/json');
app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, _body, done) => {
  done(null, {});
});
let tokens = 0;
let pushes: string[] = [];
let revokeNext = false;
app.post('/v1/token', () => {
  tokens += 1;
  return { accessToken: `t${tokens}`, expiresIn: 300 };
});
app.post('/v1/sync/push', (req, reply) => {
  const auth = req.headers.authorization ?? '';
  pushes.push(auth);
  if (revokeNext) {
    revokeNext = false;
    return reply.code(401).send({ error: 'unauthorized' });
  }
  return { accepted: [], duplicates: [], rejected: [] };
});
const base = await app.listen({ host: '127.0.0.1', port: 0 });
after(() => app.close());

const { privateKey } = generateKeyPairSync('ed25519');
let clock = new Date('2026-12-04T10:00:00Z');
const client = createCoordinatorClient({
  coordinatorUrl: base,
  clinicId: 'c1',
  privateKey: () => privateKey,
  now: () => clock,
});
const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));
const item = { key: 'k1', kind: 'tombstone' as const, body: { resourceKeys: [] } };

test('an access token is reused until a minute before it expires, then renewed', async () => {
  tokens = 0;
  pushes = [];
  await client.push('b1', [item]);
  advance(238_000);
  await client.push('b2', [item]);
  assert.equal(tokens, 1);
  advance(2_000);
  await client.push('b3', [item]);
  assert.equal(tokens, 2);
  assert.deepEqual(pushes, ['Bearer t1', 'Bearer t1', 'Bearer t2']);
});

test('a push refused with 401 gets one fresh token and one more try', async () => {
  tokens = 0;
  pushes = [];
  client.dropToken();
  revokeNext = true;
  await client.push('b4', [item]);
  assert.equal(tokens, 2);
  assert.equal(pushes.length, 2);
});

test('reads go to the edge first, then the cloud', () => {
  const withEdge = createCoordinatorClient({
    coordinatorUrl: base,
    edgeUrl: 'http://127.0.0.1:9',
    clinicId: 'c1',
    privateKey: () => privateKey,
  });
  assert.deepEqual(withEdge.readSources(), ['http://127.0.0.1:9', base]);
});

test('alerts come from the edge without the access token, even with the cloud unreachable', async () => {
  const edge = Fastify();
  const seen: (string | undefined)[] = [];
  edge.get('/v1/alerts', (req) => {
    seen.push(req.headers.authorization);
    return { alerts: [], cursor: 'e1' };
  });
  const edgeUrl = await edge.listen({ host: '127.0.0.1', port: 0 });
  try {
    const offlineCloud = createCoordinatorClient({
      coordinatorUrl: 'http://127.0.0.1:9',
      edgeUrl,
      clinicId: 'c1',
      privateKey: () => privateKey,
      timeoutMs: 1_000,
    });
    const poll = await offlineCloud.alerts('r1', null, null);
    assert.deepEqual(poll, { notModified: false, body: { alerts: [], cursor: 'e1' }, etag: null });
    assert.deepEqual(seen, [undefined]);
  } finally {
    await edge.close();
  }
});
