/**
 * The clinic node: the long-running process of a clinic (`medassist clinic serve`). It holds
 * the clinic open, runs the daily backup and answers a health check on loopback. The web app
 * and its JSON API are served from here too (they come with the web app).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lastBackupAge, startDailyBackup, type DailyBackup } from '../backup/index.js';
import type { OpenClinic } from '../clinic.js';
import type { SyncStatusView } from '../sync/status.js';
import type { Logger } from './log.js';

export interface ClinicNodeOptions {
  clinic: OpenClinic;
  host: string;
  port: number;
  /** Folder of the daily backup (a USB drive); none: no daily backup. */
  backupDir?: string;
  /** The passphrase encrypts backups; without it the daily backup cannot run. */
  passphrase?: string;
  backupIntervalMs?: number;
  log: Logger;
  /** The sync agent (clinic/sync/sync-agent.ts), when the clinic is registered; stopped first. */
  syncAgent?: { status(): SyncStatusView; syncNow(): Promise<unknown>; stop(): Promise<void> };
}

export interface ClinicNode {
  url: string;
  backup: DailyBackup | null;
  stop(): Promise<void>;
}

async function health(clinic: OpenClinic) {
  const age = await lastBackupAge(clinic.home);
  return {
    status: 'ok',
    clinicId: clinic.config.clinicId,
    knowledge: clinic.config.knowledge?.version ?? null,
    model: clinic.model.status,
    lastBackupAt: age?.lastSuccessAt ?? null,
    pendingSync: clinic.store.pendingOutbox(),
  };
}

function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server.address() as AddressInfo));
  });
}

export async function startClinicNode(o: ClinicNodeOptions): Promise<ClinicNode> {
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/api/health') {
      health(o.clinic)
        .then((body) => {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        })
        .catch(() => res.writeHead(500).end());
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
  });
  const address = await listen(server, o.host, o.port);
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  let backup: DailyBackup | null = null;
  if (o.backupDir && o.passphrase) {
    const { passphrase } = o;
    backup = startDailyBackup({
      homeDir: o.clinic.home,
      toDir: o.backupDir,
      getKey: () => Promise.resolve({ dataKey: o.clinic.dataKey, passphrase }),
      ...(o.backupIntervalMs ? { intervalMs: o.backupIntervalMs } : {}),
      log: o.log,
    });
    await backup.ready;
  } else {
    o.log.warn(
      { backupDir: o.backupDir ?? null, passphrase: o.passphrase !== undefined },
      'daily backup off: needs --backup-dir and MEDASSIST_PASSPHRASE',
    );
  }
  o.log.info({ url }, 'clinic node started');
  return {
    url,
    backup,
    async stop() {
      await o.syncAgent?.stop();
      await backup?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      o.clinic.close();
      o.log.info({}, 'clinic node stopped');
    },
  };
}
