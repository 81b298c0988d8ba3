/**
 * The cloud coordinator: `buildCoordinator(opts)` returns a fastify instance with the core
 * routes (register, token, push, alerts, health, metrics, dashboard) and then the extensions
 * (contracts.md: releases, model gateway). Instances keep no state of their own beyond short
 * caches: keys, clinics, nonces and idempotency keys live in PostgreSQL, so any number of
 * instances on the same databases behave as one.
 */
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { latestAlertId } from '../alerts/alert-store.js';
import { createLatestCache, type LatestCache } from '../alerts/latest-cache.js';
import { createOutbreakWatcher, type OutbreakRule } from '../alerts/outbreak.js';
import { pruneNonces } from '../auth/clinic-proof.js';
import { createClinicDirectory } from '../auth/revocation.js';
import type { CloudSecret } from '../auth/cloud-secret.js';
import { openKeyring, type TokenKeyring } from '../auth/keyring.js';
import type { Shards } from '../db/shards.js';
import { MedAssistError } from '../../shared/errors.js';
import { httpStatusOf, loggableError } from '../errors.js';
import { createRequireClinic, type CoordinatorContext } from './context.js';
import { registerDashboard } from './dashboard.js';
import { registerAlertRoutes } from './routes-alerts.js';
import { registerAuthRoutes } from './routes-auth.js';
import { registerOpsRoutes } from './routes-ops.js';
import { registerPushRoutes } from './routes-push.js';

export type CoordinatorExtension = (app: FastifyInstance, ctx: CoordinatorContext) => Promise<void>;

export interface CoordinatorOptions {
  shards: Shards;
  extensions?: CoordinatorExtension[];
  /** Release signing public keys by key id, handed to clinics at registration. */
  releaseKeys?: Record<string, string>;
  /**
   * PEM; with `clientCa`, clients may authenticate by certificate (subject CN = clinic id);
   * with `requireClientCert` too, the handshake refuses any client without one from the CA.
   */
  tls?: {
    cert: string | Buffer;
    key: string | Buffer;
    clientCa?: string | Buffer;
    requireClientCert?: boolean;
  };
  logger?: FastifyServerOptions['logger'];
  accessTokenTtlS?: number;
  revocationCacheMs?: number;
  alertCacheMs?: number;
  outbreakIntervalMs?: number;
  outbreakRule?: OutbreakRule;
  /** Ingest statements in flight per region database (MEDASSIST_INGEST_IN_FLIGHT, default 1). */
  ingestInFlight?: number;
  /** Wraps the token signing keys at rest (cloud-secret.ts); without it they are in the clear. */
  secret?: CloudSecret | null;
  /** How often the token key list is reloaded (default 5 s) and the least time between two
   * reloads caused by an unknown kid (default 3 s). */
  keyRefreshMs?: number;
  unknownKidReloadMs?: number;
}

export interface CoordinatorRuntime {
  ctx: CoordinatorContext;
  latest: LatestCache;
  /** The token keys: the newest signs, any not retired verifies. */
  keys: TokenKeyring;
  /** Runs outbreak detection for what was pushed since the last run (tests, shutdown). */
  flushOutbreaks(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    coordinator: CoordinatorRuntime;
  }
}

function createFastify(o: CoordinatorOptions): FastifyInstance {
  const https = o.tls
    ? {
        cert: o.tls.cert,
        key: o.tls.key,
        ...(o.tls.clientCa
          ? {
              ca: o.tls.clientCa,
              requestCert: true,
              rejectUnauthorized: o.tls.requireClientCert === true,
            }
          : {}),
      }
    : null;
  return Fastify({
    logger: o.logger ?? false,
    // One line per request would dominate the idle poll's cost; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    // A pino child per request (to bind its reqId) is work on every push and poll for the rare
    // line a request logs; those lines name the request id themselves (`reqId`).
    childLoggerFactory: (logger) => logger,
    keepAliveTimeout: 30_000,
    ...(https ? { https } : {}),
  });
}

function handleErrors(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const status = httpStatusOf(error);
    const code = (error as { code?: unknown }).code;
    if (status >= 500)
      request.log.error({ err: loggableError(error), reqId: request.id }, 'request failed');
    return reply.code(status).send({
      // A foreign error's code (a SQLSTATE, say) is an internal detail.
      error:
        typeof code === 'string' && (status < 500 || error instanceof MedAssistError)
          ? code
          : 'INTERNAL',
      message: status >= 500 ? 'internal error' : (error as Error).message,
    });
  });
}

function ingestInFlight(o: CoordinatorOptions): { ingestInFlight?: number } {
  const n = o.ingestInFlight ?? Number(process.env.MEDASSIST_INGEST_IN_FLIGHT ?? NaN);
  return Number.isInteger(n) && n >= 1 && n <= 64 ? { ingestInFlight: n } : {};
}

/** The keyring, and the one warning of a coordinator that keeps its keys in the clear. */
async function openTokenKeys(app: FastifyInstance, o: CoordinatorOptions): Promise<TokenKeyring> {
  const secret = o.secret ?? null;
  if (!secret)
    app.log.warn(
      'token signing keys are stored in the clear: set MEDASSIST_CLOUD_SECRET or --secret-file',
    );
  return openKeyring(o.shards.global, {
    secret,
    ...(o.keyRefreshMs ? { refreshMs: o.keyRefreshMs } : {}),
    ...(o.unknownKidReloadMs !== undefined ? { unknownKidReloadMs: o.unknownKidReloadMs } : {}),
    onError: (error, kid) =>
      kid === '*'
        ? app.log.warn({ err: loggableError(error) }, 'token key list reload failed')
        : app.log.error({ err: loggableError(error), kid }, 'token signing key unusable'),
  });
}

export async function buildCoordinator(o: CoordinatorOptions): Promise<FastifyInstance> {
  const app = createFastify(o);
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics });
  const global = o.shards.global;
  const keys = await openTokenKeys(app, o);
  const clinics = createClinicDirectory(global, o.revocationCacheMs);
  const sqlForRegion = (region: string) => o.shards.forRegion(region);
  const ctx: CoordinatorContext = {
    sqlForRegion,
    requireClinic: createRequireClinic(keys, clinics),
    log: app.log,
    metrics,
  };
  const latest = createLatestCache(
    (region) => latestAlertId(sqlForRegion(region), region),
    o.alertCacheMs,
  );
  const watcher = createOutbreakWatcher(
    sqlForRegion,
    (error) => app.log.error({ err: error }, 'outbreak detection failed'),
    o.outbreakIntervalMs,
    o.outbreakRule,
  );
  app.decorate('coordinator', { ctx, latest, keys, flushOutbreaks: watcher.flush });
  // Spent nonces are only needed while their proofs could still be fresh (5 minutes).
  const prune = setInterval(() => {
    pruneNonces(global).catch((error: unknown) =>
      app.log.warn({ err: error }, 'nonce prune failed'),
    );
  }, 600_000);
  prune.unref();
  app.addHook('onClose', (_instance, done) => {
    watcher.stop();
    keys.close();
    clearInterval(prune);
    done();
  });
  handleErrors(app);

  registerAuthRoutes(app, {
    global,
    keys,
    releaseKeys: o.releaseKeys ?? {},
    ...(o.accessTokenTtlS ? { accessTokenTtlS: o.accessTokenTtlS } : {}),
  });
  await registerPushRoutes(app, {
    ctx,
    metrics,
    ...ingestInFlight(o),
    onEncounters: (region, weeks) => watcher.note(region, weeks),
  });
  registerAlertRoutes(app, { sqlForRegion, latest });
  registerOpsRoutes(app, { global, metrics });
  registerDashboard(app, o.shards);
  for (const extension of o.extensions ?? []) await extension(app, ctx);

  await pruneNonces(global);
  return app;
}
