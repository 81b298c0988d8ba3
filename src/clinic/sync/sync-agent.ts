/**
 * The sync agent of a running clinic node: probes the edge and the cloud, keeps the mode
 * (mode.ts), syncs when a connection appears and hourly when idle, and backs off with jitter
 * after a failure. It runs beside the consults and never blocks them: a consult reads and
 * writes the clinic database in its own short transactions and never waits on the network.
 */
import { MedAssistError } from '../../shared/errors.js';
import type { Mode } from '../../protocol/v1.js';
import type { OpenClinic } from '../clinic.js';
import type { Logger } from '../node/log.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffSettings } from './backoff.js';
import type { CoordinatorClient } from './coordinator-client.js';
import {
  batchSizeFor,
  DEFAULT_MODE_SETTINGS,
  INITIAL_MODE,
  nextMode,
  type ModeSettings,
} from './mode.js';
import { probeSources } from './probe.js';
import {
  clientFor,
  DEFAULT_BATCH_SIZE,
  runSync,
  syncConfigOf,
  type KnowledgeUpdateStep,
  type SyncReport,
} from './run-sync.js';
import { readSyncStatus, type PersistedMode, type SyncStatusView } from './status.js';
import { STATE, writeJsonState } from './sync-state.js';
import {
  buildTelemetry,
  NO_COUNTERS,
  queueTelemetryIfDue,
  type NodeCounters,
} from './telemetry.js';

export interface SyncAgentOptions {
  /** Sync this often when idle and connected (default hourly). */
  intervalMs?: number;
  probeIntervalMs?: number;
  probeTimeoutMs?: number;
  telemetryIntervalMs?: number;
  backoff?: BackoffSettings;
  modeSettings?: ModeSettings;
  knowledgeUpdate?: KnowledgeUpdateStep;
  counters?: () => NodeCounters;
  client?: CoordinatorClient;
  log?: Logger;
  random?: () => number;
}

/** What the clinic node holds (contracts.md, `startClinicNode` option `syncAgent`). */
export interface SyncAgent {
  status(): SyncStatusView;
  syncNow(): Promise<SyncReport>;
  /** Probes at once and returns the new mode (also used by tests). */
  probeNow(): Promise<Mode>;
  stop(): Promise<void>;
}

const noLog: Logger = { info: () => {}, warn: () => {}, error: () => {} };

export function startSyncAgent(clinic: OpenClinic, o: SyncAgentOptions = {}): SyncAgent {
  const log = o.log ?? noLog;
  const intervalMs = o.intervalMs ?? 3_600_000;
  const probeIntervalMs = o.probeIntervalMs ?? 60_000;
  const startedAt = Date.now();
  const client = o.client ?? clientFor(clinic);
  const abort = new AbortController();
  let mode = INITIAL_MODE;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<SyncReport> | null = null;
  let probing: Promise<Mode> | null = null;
  let failures = 0;
  let nextSyncAt = 0;
  let stopped = false;

  function persistMode(rttMs: number | null) {
    const value: PersistedMode = { mode: mode.mode, since: new Date().toISOString(), rttMs };
    writeJsonState(clinic.store.db, STATE.mode, value);
  }

  function queueTelemetry() {
    queueTelemetryIfDue(
      clinic,
      () =>
        buildTelemetry(clinic, {
          mode: mode.mode,
          startedAt,
          counters: o.counters?.() ?? NO_COUNTERS,
        }),
      o.telemetryIntervalMs,
    );
  }

  function sync(manual: boolean): Promise<SyncReport> {
    if (running) return running;
    queueTelemetry();
    const configured = syncConfigOf(clinic).batchSize ?? DEFAULT_BATCH_SIZE;
    const batchSize = manual ? configured : batchSizeFor(mode.mode, configured);
    running = runSync(clinic, {
      client,
      batchSize: Math.max(1, batchSize),
      signal: abort.signal,
      waitMs: manual ? 60_000 : 0,
      ...(o.knowledgeUpdate ? { knowledgeUpdate: o.knowledgeUpdate } : {}),
    });
    return running
      .then(
        (report) => {
          failures = 0;
          nextSyncAt = Date.now() + intervalMs;
          log.info(
            {
              accepted: report.accepted,
              remaining: report.remaining,
              durationMs: Math.round(report.durationMs),
            },
            'sync done',
          );
          return report;
        },
        (error: unknown) => {
          const code = error instanceof MedAssistError ? error.code : 'SYNC_FAILED';
          // Another process is syncing: not a failure of ours, look again at the next probe.
          if (code === 'SYNC_BUSY') nextSyncAt = Date.now() + probeIntervalMs;
          else {
            failures += 1;
            nextSyncAt =
              Date.now() + backoffDelay(failures, o.backoff ?? DEFAULT_BACKOFF, o.random);
            log.warn({ code, failures, retryInMs: nextSyncAt - Date.now() }, 'sync failed');
          }
          throw error;
        },
      )
      .finally(() => {
        running = null;
      });
  }

  async function probeNow(): Promise<Mode> {
    const result = await probeSources(
      client.readSources(),
      o.probeTimeoutMs ?? 5_000,
      ...(client.fetch ? [client.fetch] : []),
    );
    const step = nextMode(mode, result.probe, o.modeSettings ?? DEFAULT_MODE_SETTINGS);
    mode = step.state;
    if (step.changed) log.info({ mode: mode.mode, failures: result.failures }, 'sync mode changed');
    persistMode(result.probe.ok ? Math.round(result.probe.rttMs) : null);
    // Queued hourly whatever the link: an offline clinic's hours go up when it reconnects.
    queueTelemetry();
    const due = step.syncNow || Date.now() >= nextSyncAt;
    if (mode.mode !== 'OFFLINE' && due && !stopped) sync(false).catch(() => {});
    return mode.mode;
  }

  function probeInBackground() {
    const current = probeNow().finally(() => {
      probing = null;
      schedule();
    });
    probing = current;
    current.catch(() => {});
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(probeInBackground, probeIntervalMs);
  }

  persistMode(null);
  probeInBackground();

  return {
    status: () => readSyncStatus(clinic),
    syncNow: () => sync(true),
    probeNow,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      abort.abort();
      // Both are set by callbacks, which TypeScript's narrowing cannot see.
      const pending = [probing, running] as (Promise<unknown> | null)[];
      await Promise.allSettled(pending.filter((p) => p !== null));
    },
  };
}
