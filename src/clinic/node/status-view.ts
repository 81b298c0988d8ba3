/**
 * The clinic's sync status as the web app shows it. The sync agent (src/clinic/sync) owns the
 * real view; until a clinic runs one, the node derives a plain one: offline, with the outbox
 * count as the queue (contracts.md, "Clinic sync status").
 */
import type { z } from 'zod';
import type { Alert } from '../../protocol/v1.js';
import type { OpenClinic } from '../clinic.js';

/** The same shape as `SyncStatusView` of src/clinic/sync/status.ts (contracts.md). */
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

/** What the node needs of a running sync agent. */
export interface SyncAgentHandle {
  status(): SyncStatusView;
  syncNow(): Promise<unknown>;
  stop(): Promise<void>;
}

/**
 * `knowledgeVersion` is the one every consult result names (the knowledge base's content
 * hash), so the status bar and the result agree.
 * Limitation: without a sync agent the mode is always OFFLINE and no alerts are shown; the
 * queue is still true (the outbox entries not yet sent).
 */
export function fallbackStatus(
  clinic: OpenClinic,
  knowledgeVersion: string | null,
): SyncStatusView {
  return {
    mode: 'OFFLINE',
    lastSyncAt: null,
    queued: clinic.store.pendingOutbox(),
    syncing: false,
    progress: null,
    lastError: null,
    alerts: [],
    knowledgeVersion,
    registered: false,
  };
}
