/**
 * `medassist sync now` (push everything queued, with a progress bar on a terminal and plain
 * lines otherwise, or `--json`) and `medassist sync status`. A sync already running in
 * `clinic serve` is waited for (`--wait`), never interleaved with (sync/lease.ts).
 * `medassist sync tls` sets the TLS files (sync-tls.ts).
 */
import type { Command } from 'commander';
import { createProgressBar, endProgressLine } from '../../clinic/backup/progress-bar.js';
import type { OpenClinic } from '../../clinic/clinic.js';
import { countQuarantined, listQuarantined } from '../../clinic/sync/outbox-store.js';
import { runSync, type SyncReport } from '../../clinic/sync/run-sync.js';
import { readSyncStatus } from '../../clinic/sync/status.js';
import { InputError } from '../../shared/errors.js';
import { withClinic } from '../clinic-context.js';
import { authorizeSync } from './sync-auth.js';
import { registerSyncTlsCommand, tlsStatusLines } from './sync-tls.js';
import { describeSyncTls } from '../../clinic/sync/tls-setting.js';

interface SyncFlags {
  json?: boolean;
  wait: string;
  keyFile?: string;
}

function progressPrinter(json: boolean) {
  const bar = json ? undefined : createProgressBar(process.stderr);
  let lastLine = -1;
  return (p: { done: number; total: number }) => {
    if (bar) {
      bar({ phase: 'upload', bytesDone: p.done, bytesTotal: p.total });
      return;
    }
    // Plain lines, at most one per tenth of the work, so a log stays short.
    const tenth = p.total === 0 ? 10 : Math.floor((p.done * 10) / p.total);
    if (!json && tenth !== lastLine) {
      lastLine = tenth;
      process.stderr.write(`sync: ${p.done}/${p.total} items\n`);
    }
  };
}

function printReport(report: SyncReport, json: boolean): void {
  if (json) {
    const { accepted, duplicates, quarantined, remaining, batches, alertsReceived } = report;
    const figures = { accepted, duplicates, quarantined, remaining, batches, alertsReceived };
    process.stdout.write(
      `${JSON.stringify({ ...figures, durationMs: Math.round(report.durationMs) })}\n`,
    );
    return;
  }
  process.stdout.write(
    `synced: ${report.accepted} stored, ${report.duplicates} already there, ` +
      `${report.quarantined} quarantined, ${report.remaining} remaining, ` +
      `${report.alertsReceived} new alerts (${Math.round(report.durationMs)} ms)\n`,
  );
}

async function syncNow(clinic: OpenClinic, flags: SyncFlags) {
  authorizeSync(clinic, 'sync.run');
  if (!/^\d+$/.test(flags.wait))
    throw new InputError([{ field: '--wait', message: `must be whole seconds [${flags.wait}]` }]);
  const { updateKnowledge } = await import('../../clinic/knowledge-update/update.js');
  const report = await runSync(clinic, {
    knowledgeUpdate: updateKnowledge,
    onProgress: progressPrinter(flags.json === true),
    waitMs: Number(flags.wait) * 1000,
  });
  if (!flags.json) endProgressLine(process.stderr);
  printReport(report, flags.json === true);
}

function printStatus(clinic: OpenClinic, json: boolean) {
  authorizeSync(clinic, 'system.status');
  const status = readSyncStatus(clinic);
  const quarantined = countQuarantined(clinic.store.db);
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ ...status, quarantined, quarantine: listQuarantined(clinic.store.db), tls: describeSyncTls(clinic) })}\n`,
    );
    return;
  }
  const lines = [
    `registered: ${status.registered ? 'yes' : 'no (run medassist register)'}`,
    `mode: ${status.mode}${status.syncing ? ' (syncing now)' : ''}`,
    `last sync: ${status.lastSyncAt ?? 'never'}`,
    `queued: ${status.queued}`,
    `quarantined: ${quarantined}`,
    ...(status.lastError ? [`last error: ${status.lastError}`] : []),
    `knowledge: ${status.knowledgeVersion ?? 'none'}`,
    `alerts: ${status.alerts.length}`,
    ...status.alerts.map((a) => `  [${a.severity}] ${a.title}`),
    ...(status.registered ? tlsStatusLines(describeSyncTls(clinic)) : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function registerSyncCommand(program: Command): void {
  const sync = program
    .command('sync')
    .description('sync with the cloud: push the outbox, pull alerts');
  sync
    .command('now')
    .description('push everything queued now (waits for a sync already running)')
    .option('--json', 'print the result as JSON')
    .option('--wait <seconds>', 'how long to wait for a sync already running', '60')
    .option('--key-file <file>', 'key file to unlock the clinic')
    .action(async (flags: SyncFlags) => withClinic(flags, (clinic) => syncNow(clinic, flags)));
  sync
    .command('status')
    .description('mode, last sync, queued and quarantined items, alerts')
    .option('--json', 'print the status as JSON')
    .option('--key-file <file>', 'key file to unlock the clinic')
    .action(async (flags: { json?: boolean; keyFile?: string }) =>
      withClinic(flags, (clinic) => printStatus(clinic, flags.json === true)),
    );
  registerSyncTlsCommand(sync);
}
