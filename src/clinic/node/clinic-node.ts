/**
 * The clinic node: the long-running process of a clinic (`medassist clinic serve`). It holds
 * the clinic open, runs the daily backup, and serves the web app with its JSON API on
 * loopback (the LAN only when configured).
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { todayInTimeZone } from '../../clinical/case/index.js';
import { DEFAULT_EDITION, EDITIONS } from '../../clinical/protocols/registry.js';
import type { Edition } from '../../clinical/engine/types.js';
import { openKnowledgeBase, type KnowledgeBase } from '../../knowledge/index.js';
import { startDailyBackup, type DailyBackup } from '../backup/index.js';
import type { OpenClinic } from '../clinic.js';
import { existsSync } from 'node:fs';
import { knowledgeDbPath } from '../paths.js';
import { registerHostCheck } from './host-check.js';
import { errorHandler } from './http-errors.js';
import type { HybridOptions } from '../../inference/orchestrator/index.js';
import type { ConsultStats } from './consult-stats.js';
import type { Logger } from './log.js';
import type { NodeContext } from './node-context.js';
import { registerAuthRoutes } from './routes-auth.js';
import { registerConsultRoutes } from './routes-consult.js';
import { registerPatientRoutes } from './routes-patients.js';
import { registerModelRoutes } from './routes-model.js';
import { registerReferenceRoutes } from './routes-reference.js';
import { registerStatusRoutes } from './routes-status.js';
import type { SyncAgentHandle } from './status-view.js';
import { registerWebAssets } from './web-assets.js';

export interface ClinicNodeOptions {
  clinic: OpenClinic;
  host: string;
  port: number;
  /** Folder of the daily backup (a USB drive); none: no daily backup. */
  backupDir?: string;
  /** The passphrase encrypts backups; without it the daily backup cannot run. */
  passphrase?: string;
  backupIntervalMs?: number;
  /** The built web app (dist/web); without it the API still runs. */
  webRoot?: string;
  edition?: Edition;
  /** The sync agent (clinic/sync/sync-agent.ts), when the clinic is registered; stopped first. */
  syncAgent?: SyncAgentHandle;
  consultStats?: ConsultStats;
  /** The model step of consults (`POST /api/consult/model`); none: protocol only. */
  model?: HybridOptions;
  log: Logger;
}

export interface ClinicNode {
  url: string;
  backup: DailyBackup | null;
  stop(): Promise<void>;
}

function openClinicKb(clinic: OpenClinic): KnowledgeBase | null {
  const path = knowledgeDbPath(clinic.home);
  return existsSync(path) ? openKnowledgeBase(path) : null;
}

/** The fastify app of the node: API routes, then the web app's files. */
export async function buildNodeApp(ctx: NodeContext, webRoot?: string): Promise<FastifyInstance> {
  // A consult is a few kB of JSON; 256 kB leaves room and stops a flood early.
  const app = Fastify({ logger: false, bodyLimit: 256 * 1024 });
  app.setErrorHandler(errorHandler(ctx.log));
  registerHostCheck(app);
  for (const register of [
    registerStatusRoutes,
    registerAuthRoutes,
    registerConsultRoutes,
    registerPatientRoutes,
    registerReferenceRoutes,
    registerModelRoutes,
  ]) {
    await register(app, ctx);
  }
  app.all('/api/*', () => {
    throw Object.assign(new Error('no such API route'), { statusCode: 404, code: 'NOT_FOUND' });
  });
  if (webRoot) await registerWebAssets(app, webRoot);

  return app;
}

function startBackup(o: ClinicNodeOptions): DailyBackup | null {
  if (!o.backupDir || !o.passphrase) {
    o.log.warn(
      { backupDir: o.backupDir ?? null, passphrase: o.passphrase !== undefined },
      'daily backup off: needs --backup-dir and MEDASSIST_PASSPHRASE',
    );
    return null;
  }
  const { passphrase } = o;
  return startDailyBackup({
    homeDir: o.clinic.home,
    toDir: o.backupDir,
    getKey: () => Promise.resolve({ dataKey: o.clinic.dataKey, passphrase }),
    ...(o.backupIntervalMs ? { intervalMs: o.backupIntervalMs } : {}),
    log: o.log,
  });
}

export async function startClinicNode(o: ClinicNodeOptions): Promise<ClinicNode> {
  const kb = openClinicKb(o.clinic);
  const edition = o.edition ?? EDITIONS[DEFAULT_EDITION];
  if (!edition) throw new Error(`default edition missing [${DEFAULT_EDITION}]`);
  const ctx: NodeContext = {
    clinic: o.clinic,
    kb,
    edition,
    log: o.log,
    syncAgent: o.syncAgent ?? null,
    secureCookies: false,
    ...(o.consultStats ? { consultStats: o.consultStats } : {}),
    ...(o.model ? { model: o.model } : {}),
    today: () => todayInTimeZone(o.clinic.config.timeZone),
  };
  const app = await buildNodeApp(ctx, o.webRoot);
  await app.listen({ host: o.host, port: o.port });
  const address = app.server.address();
  const {
    address: ip,
    family,
    port,
  } = address as { address: string; family: string; port: number };
  const url = `http://${family === 'IPv6' ? `[${ip}]` : ip}:${port}`;
  const backup = startBackup(o);
  await backup?.ready;
  o.log.info({ url, web: o.webRoot !== undefined }, 'clinic node started');

  return {
    url,
    backup,
    async stop() {
      await o.syncAgent?.stop();
      await backup?.stop();
      await app.close();
      kb?.close();
      o.clinic.close();
      o.log.info({}, 'clinic node stopped');
    },
  };
}
