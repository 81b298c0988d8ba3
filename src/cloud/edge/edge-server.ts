/**
 * The regional edge (`medassist edge serve`): answers the GET paths of protocol v1 from its
 * disk cache, fetching from its upstream on a miss. It holds no patient data: pushes and
 * escalations are not served here, clinics send them to the cloud.
 */
import Fastify, { type FastifyInstance } from 'fastify';

import { PROTOCOL_VERSION } from '../../protocol/v1.js';
import { MedAssistError } from '../../shared/errors.js';
import type { FetchLike } from '../../shared/tls/transport.js';
import { IMMUTABLE, isSha256Hex, sendBlob } from '../releases/blob-reply.js';
import { LATEST_CACHE, sendCachedJson } from '../releases/routes.js';
import { createAlertsCache, type AlertsCache } from './alerts-cache.js';
import { createDiskCache, type DiskCache } from './disk-cache.js';
import { createReleaseCache, type ReleaseCache } from './release-cache.js';

export interface EdgeOptions {
  readonly upstream: string;
  readonly dataDir: string;
  readonly region: string;
  readonly channels?: readonly string[];
  readonly latestTtlMs?: number;
  readonly alertsPollMs?: number;
  readonly upstreamTimeoutMs?: number;
  readonly upstreamToken?: string;
  /** Requests to the upstream go through it (shared/tls/transport.ts: CA, client certificate). */
  readonly upstreamFetch?: FetchLike;
  readonly releaseKeys?: Readonly<Record<string, string>>;
  /** PEM certificate and key: clinics reach the edge over HTTPS. */
  readonly tls?: { readonly cert: Buffer; readonly key: Buffer };
  readonly logger?: boolean;
}

export interface Edge {
  readonly app: FastifyInstance;
  readonly releases: ReleaseCache;
  readonly alerts: AlertsCache;
  /** One round of background work: prefetch each channel's latest release, poll alerts. */
  refresh(): Promise<void>;
  /** Starts the background timer (the first round runs at once). */
  startBackground(): void;
  close(): Promise<void>;
}

const CHANNEL = /^[a-z0-9][a-z0-9-]{0,39}$/;

export function createEdge(o: EdgeOptions): Edge {
  const cache = createDiskCache(o.dataDir);
  const upstream = {
    url: o.upstream,
    timeoutMs: o.upstreamTimeoutMs ?? 5000,
    ...(o.upstreamToken ? { token: o.upstreamToken } : {}),
    ...(o.upstreamFetch ? { fetch: o.upstreamFetch } : {}),
  };
  const releases = createReleaseCache({
    cache,
    upstream,
    latestTtlMs: o.latestTtlMs ?? 30_000,
    ...(o.releaseKeys ? { releaseKeys: o.releaseKeys } : {}),
  });
  const alerts = createAlertsCache({ cache, upstream, region: o.region });
  const app = Fastify({
    logger: o.logger ?? false,
    ...(o.tls ? { https: { cert: o.tls.cert, key: o.tls.key } } : {}),
  });
  registerEdgeRoutes(app, { releases, alerts, region: o.region, cache });

  const channels = o.channels ?? ['stable'];
  const refresh = async () => {
    for (const channel of channels)
      await releases
        .prefetch(channel)
        .catch((e: unknown) => app.log.warn({ channel, ...failureOf(e) }, 'edge prefetch failed'));
    await alerts
      .poll()
      .catch((e: unknown) =>
        app.log.warn({ region: o.region, ...failureOf(e) }, 'edge alerts poll failed'),
      );
  };
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();

  return {
    app,
    releases,
    alerts,
    refresh,
    startBackground() {
      const tick = () => {
        round = refresh();
      };
      tick();
      timer = setInterval(tick, o.alertsPollMs ?? 30_000);
      timer.unref();
    },
    async close() {
      clearInterval(timer);
      await round;
      await app.close();
    },
  };
}

/** For the log: the code, and the reason when it is one of ours (the edge has no patient data). */
const failureOf = (e: unknown) =>
  e instanceof MedAssistError ? { code: e.code, reason: e.message } : { code: 'UNREACHABLE' };

interface EdgeParts {
  releases: ReleaseCache;
  alerts: AlertsCache;
  region: string;
  cache: DiskCache;
}

function registerEdgeRoutes(app: FastifyInstance, { releases, alerts, region, cache }: EdgeParts) {
  // Nothing cached and the upstream unreachable: a gateway error, so the clinic tries the cloud.
  app.setErrorHandler((error, _req, reply) => {
    const code = error instanceof MedAssistError ? error.code : 'EDGE_ERROR';
    // Everything else comes from the upstream: unreachable, or refused (bad hash, bad manifest).
    const status = code === 'INPUT_INVALID' ? 400 : 502;
    void reply
      .code(status)
      .send({ error: code, message: error instanceof Error ? error.message : String(error) });
  });

  app.get('/v1/health', () => ({ status: 'ok', role: 'edge', version: PROTOCOL_VERSION, region }));

  app.get<{ Querystring: { channel?: string } }>('/v1/releases/latest', async (req, reply) => {
    const channel = req.query.channel ?? 'stable';
    if (!CHANNEL.test(channel))
      return reply
        .code(400)
        .send({ error: 'INPUT_INVALID', message: `channel: not valid [${channel.slice(0, 100)}]` });
    const latest = await releases.latest(channel);
    if (latest === null)
      return reply
        .code(404)
        .send({ error: 'not found', message: `no release in channel [${channel}]` });
    if (latest.stale) void reply.header('x-medassist-stale', '1');
    return sendCachedJson(req, reply, latest.body, LATEST_CACHE);
  });

  app.get<{ Params: { version: string } }>('/v1/releases/:version', async (req, reply) => {
    const body = await releases.manifest(req.params.version);
    if (body === null)
      return reply
        .code(404)
        .send({ error: 'not found', message: `no release [${req.params.version.slice(0, 80)}]` });
    return sendCachedJson(req, reply, body, IMMUTABLE);
  });

  app.get<{ Params: { sha256: string } }>('/v1/blobs/:sha256', async (req, reply) => {
    const { sha256 } = req.params;
    if (!isSha256Hex(sha256))
      return reply
        .code(400)
        .send({ error: 'INPUT_INVALID', message: `sha256: not valid [${sha256.slice(0, 80)}]` });
    const size = await releases.blob(sha256);
    if (size === null)
      return reply.code(404).send({ error: 'not found', message: `no blob [${sha256}]` });
    return sendBlob(req, reply, {
      sha256,
      size,
      read: (start, end) => cache.readBlob(sha256, start, end),
    });
  });

  app.get<{ Querystring: { region?: string; cursor?: string } }>('/v1/alerts', (req, reply) => {
    if (req.query.region !== undefined && req.query.region !== region)
      return reply.code(400).send({
        error: 'INPUT_INVALID',
        message: `region: this edge serves [${region}], not [${req.query.region.slice(0, 80)}]`,
      });
    const body = JSON.stringify(alerts.read(req.query.cursor));
    return sendCachedJson(req, reply, body, 'no-cache');
  });
}
