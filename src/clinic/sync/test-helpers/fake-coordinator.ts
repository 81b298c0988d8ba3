/**
 * A small coordinator for the sync tests: protocol v1 register, token, push, alerts and
 * health on loopback, with an in-memory store keyed by idempotency key (what the real one does
 * in PostgreSQL). Limitation: a test double; the tests move to the real coordinator of branch
 * cloud once it is merged.
 */
import { createPublicKey, randomBytes, verify } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import {
  PushItem,
  PushRequest,
  RegisterRequest,
  TokenRequest,
  type PushItem as Item,
} from '../../../protocol/v1.js';

export interface FakeCoordinatorOptions {
  enrolmentToken?: string;
  tokenTtlS?: number;
  /** Delay before answering a push, after storing it. */
  pushDelayMs?: number;
  /** Awaited before each push is answered (after storing): lets a test hold a sync mid-push. */
  gate?: () => Promise<void>;
  /** Item keys the coordinator rejects (quarantines). */
  rejectKeys?: (key: string) => string | null;
}

export interface FakeCoordinator {
  url: string;
  app: FastifyInstance;
  /** Stored items by key, and how many times each key was stored (must stay 1). */
  stored: Map<string, { item: Item; times: number }>;
  /** Every push body, gzip-decoded, as it came over the wire. */
  rawBodies: string[];
  pushes: number;
  maxConcurrentPushes: number;
  alerts: {
    id: string;
    region: string;
    severity: 'info' | 'warning' | 'critical';
    title: string;
    body: string;
    issuedAt: string;
    expiresAt: string | null;
  }[];
  stats: { alertPolls: number; notModified: number; health: number; tokens: number };
  close(): Promise<void>;
}

export async function startFakeCoordinator(
  o: FakeCoordinatorOptions = {},
): Promise<FakeCoordinator> {
  const app = Fastify({ logger: false, bodyLimit: 20 * 1024 * 1024 });
  const clinics = new Map<string, { publicKey: string; region: string }>();
  const tokens = new Map<string, { clinicId: string; expires: number }>();
  let inFlight = 0;
  const fake: FakeCoordinator = {
    url: '',
    app,
    stored: new Map(),
    rawBodies: [],
    pushes: 0,
    maxConcurrentPushes: 0,
    alerts: [],
    stats: { alertPolls: 0, notModified: 0, health: 0, tokens: 0 },
    close: () => app.close(),
  };

  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    try {
      const raw = req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : (body as Buffer);
      const text = raw.toString('utf8');
      if (req.url.startsWith('/v1/sync/push')) fake.rawBodies.push(text);
      done(null, JSON.parse(text));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  const clinicOf = (req: FastifyRequest) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const t = token ? tokens.get(token) : undefined;
    return t && t.expires > Date.now() ? t.clinicId : null;
  };

  app.get('/v1/health', () => {
    fake.stats.health += 1;
    return { status: 'ok', role: 'cloud', version: 'test' };
  });

  app.post('/v1/register', async (req, reply) => {
    const body = RegisterRequest.parse(req.body);
    if (body.enrolmentToken !== (o.enrolmentToken ?? 'enrol-test-token'))
      return reply.code(403).send({ error: 'forbidden', message: 'unknown enrolment token' });
    const clinicId = `c-${randomBytes(6).toString('hex')}`;
    clinics.set(clinicId, { publicKey: body.publicKey, region: body.region });
    return { clinicId, region: body.region, releaseKeys: { 'rel-2026': 'MCowBQYDK2VwAyEAtest' } };
  });

  app.post('/v1/token', async (req, reply) => {
    const body = TokenRequest.parse(req.body);
    const clinic = clinics.get(body.clinicId);
    const key = clinic
      ? createPublicKey({
          key: Buffer.from(clinic.publicKey, 'base64url'),
          format: 'der',
          type: 'spki',
        })
      : null;
    const message = Buffer.from(`${body.clinicId}.${body.issuedAt}.${body.nonce}`);
    if (!key || !verify(null, message, key, Buffer.from(body.signature, 'base64url')))
      return reply.code(401).send({ error: 'unauthorized', message: 'bad proof' });
    fake.stats.tokens += 1;
    const accessToken = randomBytes(24).toString('base64url');
    const ttl = o.tokenTtlS ?? 300;
    tokens.set(accessToken, { clinicId: body.clinicId, expires: Date.now() + ttl * 1000 });
    return { accessToken, expiresIn: ttl };
  });

  app.post('/v1/sync/push', async (req, reply) => {
    if (!clinicOf(req)) return reply.code(401).send({ error: 'unauthorized', message: 'token' });
    inFlight += 1;
    fake.maxConcurrentPushes = Math.max(fake.maxConcurrentPushes, inFlight);
    try {
      fake.pushes += 1;
      const body = PushRequest.parse(req.body);
      const res = {
        accepted: [] as string[],
        duplicates: [] as string[],
        rejected: [] as { key: string; reason: string }[],
      };
      for (const raw of body.items) {
        const parsed = PushItem.safeParse(raw);
        const reason = parsed.success
          ? (o.rejectKeys?.(raw.key) ?? null)
          : (parsed.error.issues[0]?.message ?? 'invalid');
        if (reason !== null || !parsed.success) {
          res.rejected.push({ key: raw.key, reason: reason ?? 'invalid' });
          continue;
        }
        const seen = fake.stored.get(raw.key);
        if (seen) res.duplicates.push(raw.key);
        else {
          fake.stored.set(raw.key, { item: parsed.data, times: 1 });
          res.accepted.push(raw.key);
        }
      }
      if (o.pushDelayMs) await new Promise((r) => setTimeout(r, o.pushDelayMs));
      if (o.gate) await o.gate();
      return res;
    } finally {
      inFlight -= 1;
    }
  });

  app.get('/v1/alerts', async (req, reply) => {
    if (!clinicOf(req)) return reply.code(401).send({ error: 'unauthorized', message: 'token' });
    fake.stats.alertPolls += 1;
    const { region, cursor } = req.query as { region?: string; cursor?: string };
    const after = Number(cursor ?? 0);
    const list = fake.alerts.filter((a, i) => i >= after && a.region === region);
    const etag = `"${region}-${fake.alerts.length}"`;
    if (req.headers['if-none-match'] === etag) {
      fake.stats.notModified += 1;
      return reply.code(304).send();
    }
    return reply.header('etag', etag).send({ alerts: list, cursor: String(fake.alerts.length) });
  });

  fake.url = await app.listen({ host: '127.0.0.1', port: 0 });
  return fake;
}
