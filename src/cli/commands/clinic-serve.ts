/**
 * `medassist clinic serve`: runs the clinic node on 127.0.0.1 until stopped (SIGINT/SIGTERM).
 */
import type { Command } from 'commander';
import { updateKnowledge } from '../../clinic/knowledge-update/update.js';
import { startClinicNode } from '../../clinic/node/clinic-node.js';
import { createConsultStats } from '../../clinic/node/consult-stats.js';
import { readModelCounters } from '../../inference/orchestrator/counters.js';
import { createLogger } from '../../clinic/node/log.js';
import { clientFor, clinicFetch } from '../../clinic/sync/run-sync.js';
import { readSyncStatus } from '../../clinic/sync/status.js';
import { InputError } from '../../shared/errors.js';
import { modelStepFor, type CreateLocalEngine } from './consult-model.js';
import { openClinicForCli } from '../clinic-context.js';
import { WEB_ROOT } from '../context.js';

interface ServeFlags {
  host?: string;
  port: string;
  backupDir?: string;
  keyFile?: string;
}

export function registerClinicCommand(
  program: Command,
  createLocal: CreateLocalEngine | null = null,
): void {
  const clinic = program.command('clinic').description('the clinic node');
  clinic
    .command('serve')
    .description(
      'run the clinic node: web app, JSON API, daily backup (loopback unless configured)',
    )
    .option('--host <host>', 'address to listen on (default: config web.host, else 127.0.0.1)')
    .option('--port <port>', 'port (0: any free port)', '8470')
    .option('--backup-dir <dir>', 'folder for the daily backup (else config backup.dir)')
    .option('--key-file <file>', 'key file to unlock the clinic')
    .action(async (flags: ServeFlags) => {
      if (!/^\d+$/.test(flags.port) || Number(flags.port) > 65535) {
        throw new InputError([
          { field: '--port', message: `must be a port number [${flags.port}]` },
        ]);
      }
      const log = createLogger();
      const opened = await openClinicForCli(flags, true);
      const backupDir = flags.backupDir ?? opened.config.backup?.dir;
      const passphrase = process.env.MEDASSIST_PASSPHRASE;
      // Loopback unless the clinic chose its LAN address (config web.host or --host).
      const host = flags.host ?? opened.config.web?.host ?? '127.0.0.1';
      // A registered clinic syncs by itself (clinic/sync/sync-agent.ts); consults never wait.
      const consultStats = createConsultStats();
      const syncAgent = opened.config.sync
        ? (await import('../../clinic/sync/sync-agent.js')).startSyncAgent(opened, {
            log,
            knowledgeUpdate: updateKnowledge,
            counters: () => {
              const model = readModelCounters();
              return {
                avgConsultLatencyMs: consultStats.averageMs(),
                offlineFallbacks: model.offlineFallbacks,
                cloudQueries: model.cloudQueries,
              };
            },
          })
        : undefined;
      // The model is loaded once for the life of the node, in its own process (issue 5).
      const usable = opened.model.status === 'ok' || opened.model.status === 'restored';
      const modelStep = await modelStepFor(
        opened.config,
        {},
        usable ? createLocal : null,
        () => (syncAgent ? syncAgent.status().mode : readSyncStatus(opened).mode),
        opened.config.sync ? () => clientFor(opened).accessToken() : undefined,
        opened.config.sync ? clinicFetch(opened) : undefined,
      );
      const node = await startClinicNode({
        clinic: opened,
        host,
        webRoot: WEB_ROOT,
        port: Number(flags.port),
        ...(backupDir ? { backupDir } : {}),
        ...(passphrase ? { passphrase } : {}),
        ...(syncAgent ? { syncAgent } : {}),
        consultStats,
        ...(modelStep ? { model: modelStep.options } : {}),
        log,
      });
      process.stdout.write(`clinic node listening on ${node.url}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          node
            .stop()
            .then(() => modelStep?.close())
            .then(resolve, resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
