/**
 * Telemetry (v1 `Telemetry`): the clinic's operating figures, queued into the outbox as its
 * own kind about once an hour and pushed like everything else. Counts, versions and machine
 * figures only; the last sync is given to the hour.
 */
import { randomUUID } from 'node:crypto';
import { statfsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { z } from 'zod';
import { todayInTimeZone } from '../../clinical/case/index.js';
import { Telemetry, type Mode } from '../../protocol/v1.js';
import type { OpenClinic } from '../clinic.js';
import { getState, setState, STATE } from './sync-state.js';

export type TelemetryBody = z.infer<typeof Telemetry>;

/** Figures only the running node knows (consult latency, model fallbacks, cloud queries). */
export interface NodeCounters {
  avgConsultLatencyMs: number;
  offlineFallbacks: number;
  cloudQueries: number;
}

export const NO_COUNTERS: NodeCounters = {
  avgConsultLatencyMs: 0,
  offlineFallbacks: 0,
  cloudQueries: 0,
};

const MB = 1024 * 1024;

function diskFreeMb(path: string): number {
  try {
    const s = statfsSync(path);
    return Math.round((s.bavail * s.bsize) / MB);
  } catch {
    return 0;
  }
}

export function buildTelemetry(
  clinic: OpenClinic,
  o: { mode: Mode; startedAt: number; counters: NodeCounters; now?: Date },
): TelemetryBody {
  const now = o.now ?? new Date();
  const db = clinic.store.db;
  const today = todayInTimeZone(clinic.config.timeZone, now);
  const casesToday = (
    db.prepare('SELECT count(*) AS n FROM encounters WHERE visit_date = ?').get(today) as {
      n: number;
    }
  ).n;
  const lastSync = getState(db, STATE.lastSyncAt);
  const lastError = getState(db, STATE.lastError);
  const cpuPct = Math.min(
    100,
    Math.round(((loadavg()[0] ?? 0) / Math.max(1, cpus().length)) * 100),
  );

  return Telemetry.parse({
    status: lastError === null ? 'ok' : 'degraded',
    mode: o.mode,
    uptimeS: Math.max(0, Math.floor((now.getTime() - o.startedAt) / 1000)),
    casesToday,
    avgLatencyMs: Math.max(0, o.counters.avgConsultLatencyMs),
    offlineFallbacks: o.counters.offlineFallbacks,
    cloudQueries: o.counters.cloudQueries,
    lastSyncHour: lastSync === null ? null : lastSync.slice(0, 13),
    modelVersion: clinic.config.model?.sha256?.slice(0, 12) ?? null,
    knowledgeVersion: clinic.config.knowledge?.version ?? null,
    diskFreeMb: diskFreeMb(clinic.home),
    memoryMb: Math.round(process.memoryUsage().rss / MB),
    cpuPct,
  });
}

/** Queues telemetry when the last was queued `intervalMs` ago or more; true when it did. */
export function queueTelemetryIfDue(
  clinic: OpenClinic,
  build: () => TelemetryBody,
  intervalMs = 3_600_000,
  now = new Date(),
): boolean {
  const db = clinic.store.db;
  const isDue = () => {
    const last = getState(db, STATE.telemetryQueuedAt);
    return last === null || now.getTime() - Date.parse(last) >= intervalMs;
  };
  // Checked once without the write lock: the agent asks every minute, consults write meanwhile.
  if (!isDue()) return false;
  return db
    .transaction(() => {
      if (!isDue()) return false;
      db.prepare(
        "INSERT INTO outbox (id, created_at, kind, entity_id, payload) VALUES (?, ?, 'telemetry', 'clinic', ?)",
      ).run(randomUUID(), now.toISOString(), JSON.stringify(build()));
      setState(db, STATE.telemetryQueuedAt, now.toISOString(), now);
      return true;
    })
    .immediate();
}
