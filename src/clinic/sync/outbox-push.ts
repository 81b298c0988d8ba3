/**
 * Pushes the outbox until it is empty: batches in seq order, each item keyed by its outbox
 * row id (the idempotency key: the cloud stores each key once, so a retry after a cut
 * connection is harmless). Accepted and duplicate items are marked sent, rejected ones
 * quarantined with their reason, and the rest of the outbox goes on.
 */
import { randomUUID } from 'node:crypto';
import type { PushItem } from '../../protocol/v1.js';
import { MedAssistError } from '../../shared/errors.js';
import type { AnonymiseContext } from '../anonymise/index.js';
import type { ClinicDatabase } from '../store/database.js';
import type { CoordinatorClient } from './coordinator-client.js';
import {
  countPending,
  readPending,
  recordFailure,
  recordOutcome,
  toPushItem,
} from './outbox-store.js';

export interface PushProgress {
  done: number;
  total: number;
}

export interface PushOptions {
  db: ClinicDatabase;
  client: Pick<CoordinatorClient, 'push'>;
  context: () => AnonymiseContext;
  batchSize: number;
  signal?: AbortSignal;
  onProgress?: (p: PushProgress) => void;
  /** Called between batches (the lease renewal); throwing stops the push. */
  beforeBatch?: () => void;
}

export interface PushSummary {
  accepted: number;
  duplicates: number;
  quarantined: number;
  remaining: number;
  batches: number;
}

function buildItems(o: PushOptions, ctx: AnonymiseContext) {
  const rows = readPending(o.db, o.batchSize);
  const items: PushItem[] = [];
  const local: { key: string; reason: string }[] = [];
  for (const row of rows) {
    try {
      items.push(toPushItem(o.db, row, ctx));
    } catch (error) {
      // A row that cannot be turned into a valid item would block the queue forever.
      const code = error instanceof MedAssistError ? error.code : 'SYNC_ITEM_INVALID';
      local.push({ key: row.id, reason: `${code}: ${(error as Error).message}`.slice(0, 300) });
    }
  }
  return { rows, items, local };
}

/** Pushes batch after batch until nothing is pending; throws on the first failed batch. */
export async function pushOutbox(o: PushOptions): Promise<PushSummary> {
  const summary: PushSummary = {
    accepted: 0,
    duplicates: 0,
    quarantined: 0,
    remaining: 0,
    batches: 0,
  };
  const ctx = o.context();
  let done = 0;
  o.onProgress?.({ done, total: countPending(o.db) });

  for (;;) {
    o.signal?.throwIfAborted();
    o.beforeBatch?.();
    const { rows, items, local } = buildItems(o, ctx);
    if (rows.length === 0) break;
    if (local.length > 0) recordOutcome(o.db, { sent: [], quarantined: local, tried: [] });

    if (items.length > 0) {
      const keys = items.map((i) => i.key);
      let reply;
      try {
        reply = await o.client.push(randomUUID(), items, o.signal);
      } catch (error) {
        recordFailure(o.db, keys, error instanceof MedAssistError ? error.code : 'SYNC_FAILED');
        throw error;
      }
      const sent = [...reply.accepted, ...reply.duplicates].filter((k) => keys.includes(k));
      const rejected = reply.rejected.filter((r) => keys.includes(r.key));
      recordOutcome(o.db, { sent, quarantined: rejected, tried: keys });
      const answered = new Set([...sent, ...rejected.map((r) => r.key)]);
      summary.accepted += reply.accepted.length;
      summary.duplicates += reply.duplicates.length;
      summary.quarantined += rejected.length;
      if (keys.some((k) => !answered.has(k))) {
        // Items the coordinator neither stored nor rejected: stop rather than loop on them.
        throw new MedAssistError(
          'SYNC_BATCH_INCOMPLETE',
          `the coordinator answered ${answered.size} of ${keys.length} items []; retrying later`,
        );
      }
    }
    summary.quarantined += local.length;
    summary.batches += 1;
    done += rows.length;
    o.onProgress?.({ done, total: done + countPending(o.db) });
  }
  summary.remaining = countPending(o.db);
  return summary;
}
