/**
 * The clinic's sync status as the web app and `medassist sync status` show it
 * (contracts.md, "Clinic sync status"). It reads only what the agent persisted in the clinic
 * database, so it answers the same from any process, with or without a running agent.
 */
import type { Alert, Mode } from '../../protocol/v1.js';
import type { z } from 'zod';
import type { OpenClinic } from '../clinic.js';
import { readConfig } from '../config.js';
import { activeAlerts } from './alerts.js';
import { activeSyncPid } from './lease.js';
import { countPending } from './outbox-store.js';
import { getState, readJsonState, STATE } from './sync-state.js';

export interface SyncStatusView {
  mode: 'ONLINE' | 'OFFLINE' | 'DEGRADED';
  lastSyncAt: string | null;
  queued: number;
  syncing: boolean;
  progress: { done: number; total: number } | null;
  lastError: string | null;
  alerts: z.infer<typeof Alert>[];
  knowledgeVersion: string | null;
  registered: boolean;
}

/** What the agent persists about the mode (sync-agent.ts). */
export interface PersistedMode {
  mode: Mode;
  since: string;
  rttMs: number | null;
}

function freshConfig(clinic: OpenClinic) {
  try {
    return readConfig(clinic.home);
  } catch {
    return clinic.config;
  }
}

export function readSyncStatus(clinic: OpenClinic): SyncStatusView {
  const db = clinic.store.db;
  const config = freshConfig(clinic);
  const syncing = activeSyncPid(db) !== null;
  const progress = readJsonState<{ done: number; total: number }>(db, STATE.progress);

  return {
    mode: readJsonState<PersistedMode>(db, STATE.mode)?.mode ?? 'OFFLINE',
    lastSyncAt: getState(db, STATE.lastSyncAt),
    queued: countPending(db),
    syncing,
    progress: syncing ? progress : null,
    lastError: getState(db, STATE.lastError),
    alerts: activeAlerts(db),
    knowledgeVersion: config.knowledge?.version ?? null,
    registered: config.sync !== undefined,
  };
}
