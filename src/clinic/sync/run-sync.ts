/**
 * One sync: take the lease, push the outbox until it is empty, poll alerts, run the knowledge
 * update, and persist the outcome (last sync, last error) for `readSyncStatus`. Used by the
 * agent's schedule and by `medassist sync now` alike, so both take the same lease.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { MedAssistError } from '../../shared/errors.js';
import type { OpenClinic } from '../clinic.js';
import { readConfig } from '../config.js';
import { pollAlerts } from './alerts.js';
import { createCoordinatorClient, type CoordinatorClient } from './coordinator-client.js';
import { loadPrivateKey } from './identity.js';
import { acquireLease, releaseLease, renewLease } from './lease.js';
import { pushOutbox, type PushProgress, type PushSummary } from './outbox-push.js';
import { readJsonState, setState, STATE, syncSecret, writeJsonState } from './sync-state.js';
import type { PersistedMode } from './status.js';
import { transportFor, type FetchLike } from '../../shared/tls/transport.js';

/**
 * The knowledge update step (contracts.md: `updateKnowledge(clinic, { sources, releaseKeys,
 * signal })` of branch release), injected so the agent runs without it until it is merged.
 */
export type KnowledgeUpdateStep = (
  clinic: OpenClinic,
  o: {
    sources: string[];
    releaseKeys: Record<string, string>;
    signal?: AbortSignal;
    fetch?: FetchLike;
  },
) => Promise<unknown>;

export interface SyncOptions {
  batchSize?: number;
  client?: CoordinatorClient;
  knowledgeUpdate?: KnowledgeUpdateStep;
  onProgress?: (p: PushProgress) => void;
  signal?: AbortSignal;
  /** How long to wait for a sync of another process to finish; 0: refuse at once. */
  waitMs?: number;
  timeoutMs?: number;
}

export interface SyncReport extends PushSummary {
  alertsReceived: number;
  knowledge: unknown;
  durationMs: number;
}

export const DEFAULT_BATCH_SIZE = 50;

/** Renewed this often while pushing; the lease lasts 60 s (lease.ts), so two renewals can fail. */
const LEASE_RENEW_MS = 15_000;

function createThrottle() {
  const last = new Map<string, number>();
  return {
    due(name: string, everyMs: number): boolean {
      const now = Date.now();
      const at = last.get(name);
      if (at !== undefined && now - at < everyMs) return false;
      last.set(name, now);
      return true;
    },
  };
}

/** The sync configuration, or `SYNC_NOT_REGISTERED`; read fresh (register may just have run). */
export function syncConfigOf(clinic: OpenClinic) {
  const sync = readConfig(clinic.home).sync ?? clinic.config.sync;
  if (!sync)
    throw new MedAssistError(
      'SYNC_NOT_REGISTERED',
      'this clinic is not registered []: run medassist register',
    );
  return sync;
}

/**
 * The clinic's transport for each request, from the TLS files configured at that moment: a
 * running node follows `medassist sync tls` without a restart, and a broken TLS setting fails
 * the request that needs it (naming the field), never the start of the node or a consult.
 */
export function clinicFetch(clinic: OpenClinic): FetchLike {
  return async (url, init) => transportFor(syncConfigOf(clinic).tls).fetch(url, init);
}

export function clientFor(clinic: OpenClinic, timeoutMs?: number): CoordinatorClient {
  const sync = syncConfigOf(clinic);
  return createCoordinatorClient({
    coordinatorUrl: sync.coordinatorUrl,
    edgeUrl: sync.edgeUrl,
    clinicId: sync.clinicId,
    privateKey: () => loadPrivateKey(clinic.store.db),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    fetch: clinicFetch(clinic),
  });
}

async function takeLease(clinic: OpenClinic, holder: string, waitMs: number, signal?: AbortSignal) {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const attempt = acquireLease(clinic.store.db, holder);
    if (attempt.acquired) return;
    if (Date.now() >= deadline)
      throw new MedAssistError(
        'SYNC_BUSY',
        `a sync is already running in process [${attempt.pid}]`,
        {
          details: { pid: attempt.pid },
        },
      );
    signal?.throwIfAborted();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The knowledge update after the push. Its failure (no release yet, a tampered one refused)
 * does not undo a push that went through: it is reported and kept as the last error.
 */
async function knowledgeStep(
  clinic: OpenClinic,
  o: SyncOptions,
  client: CoordinatorClient,
  sync: ReturnType<typeof syncConfigOf>,
): Promise<unknown> {
  try {
    return await o.knowledgeUpdate!(clinic, {
      sources: client.readSources(),
      releaseKeys: sync.releaseKeys,
      ...(o.signal ? { signal: o.signal } : {}),
      ...(client.fetch ? { fetch: client.fetch } : {}),
    });
  } catch (error) {
    o.signal?.throwIfAborted();
    const code = error instanceof MedAssistError ? error.code : 'KB_UPDATE_FAILED';
    return { status: 'failed', code, message: (error as Error).message.slice(0, 200) };
  }
}

async function syncSteps(clinic: OpenClinic, o: SyncOptions, holder: string): Promise<SyncReport> {
  const t0 = performance.now();
  const db = clinic.store.db;
  const sync = syncConfigOf(clinic);
  const client = o.client ?? clientFor(clinic, o.timeoutMs);
  const secret = syncSecret(db);
  const throttle = createThrottle();

  const summary = await pushOutbox({
    db,
    client,
    context: () => ({ clinicId: sync.clinicId, region: sync.region, syncSecret: secret }),
    batchSize: o.batchSize ?? sync.batchSize ?? DEFAULT_BATCH_SIZE,
    ...(o.signal ? { signal: o.signal } : {}),
    onProgress: (p) => {
      // Every write is an fsync of the encrypted database: the shared progress and the lease
      // are refreshed a few times a second at most, not after every batch.
      if (p.done === p.total || throttle.due('progress', 500))
        writeJsonState(db, STATE.progress, p);
      o.onProgress?.(p);
    },
    beforeBatch: () => {
      if (!throttle.due('lease', LEASE_RENEW_MS)) return;
      if (!renewLease(db, holder))
        throw new MedAssistError('SYNC_LEASE_LOST', 'another process took over the sync lease []');
    },
  });
  const alerts = await pollAlerts(db, client, sync.region);
  const knowledge = o.knowledgeUpdate ? await knowledgeStep(clinic, o, client, sync) : null;

  return {
    ...summary,
    alertsReceived: alerts.received,
    knowledge,
    durationMs: performance.now() - t0,
  };
}

/** Runs one sync; throws `SYNC_BUSY` when another process holds the lease past `waitMs`. */
export async function runSync(clinic: OpenClinic, o: SyncOptions = {}): Promise<SyncReport> {
  const db = clinic.store.db;
  const holder = randomUUID();
  await takeLease(clinic, holder, o.waitMs ?? 0, o.signal);
  try {
    const report = await syncSteps(clinic, o, holder);
    const failed = report.knowledge as { status?: string; code?: string; message?: string } | null;
    db.transaction(() => {
      const now = new Date().toISOString();
      setState(db, STATE.lastSyncAt, now);
      setState(
        db,
        STATE.lastError,
        failed?.status === 'failed'
          ? `${failed.code}: ${failed.message ?? 'knowledge update failed'}`.slice(0, 300)
          : null,
      );
      // A sync that went through proves the link is up now; the agent's probes (clinic serve)
      // refine it, but a clinic that only runs `sync now` must not read OFFLINE after success.
      const mode = readJsonState<PersistedMode>(db, STATE.mode);
      if (!mode || mode.mode === 'OFFLINE')
        writeJsonState(db, STATE.mode, { mode: 'ONLINE', since: now, rttMs: null });
    })();
    return report;
  } catch (error) {
    const code = error instanceof MedAssistError ? error.code : 'SYNC_FAILED';
    setState(db, STATE.lastError, `${code}: ${(error as Error).message}`.slice(0, 300));
    throw error;
  } finally {
    writeJsonState(db, STATE.progress, null);
    releaseLease(db, holder);
  }
}
