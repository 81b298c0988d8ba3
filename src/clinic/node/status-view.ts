/**
 * The clinic's sync status as the web app shows it: from the sync agent of this process when
 * there is one, else from what the last sync persisted (contracts.md, "Clinic sync status").
 */
import type { OpenClinic } from '../clinic.js';
import { readSyncStatus, type SyncStatusView } from '../sync/status.js';

export type { SyncStatusView };

/** What the node needs of a running sync agent. */
export interface SyncAgentHandle {
  status(): SyncStatusView;
  syncNow(): Promise<unknown>;
  stop(): Promise<void>;
}

/**
 * Without an agent in this process (the clinic is not registered, or `sync now` runs
 * elsewhere) the view is what the last sync persisted in the clinic database.
 * `knowledgeVersion` is the one every consult result names (the knowledge base's content
 * hash), so the status bar and the result agree.
 */
export function fallbackStatus(
  clinic: OpenClinic,
  knowledgeVersion: string | null,
): SyncStatusView {
  return { ...readSyncStatus(clinic), knowledgeVersion };
}
