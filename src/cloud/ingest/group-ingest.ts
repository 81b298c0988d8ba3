/**
 * Group ingest: the pushes that arrive while a region's database is busy go into its next
 * statement together, so under load PostgreSQL parses, plans, writes the WAL and commits once
 * for many clinics instead of once each (a commit waits for the WAL to reach the disk). No
 * timer: a push that finds a free slot is stored at once, alone, so a quiet coordinator adds
 * no latency; grouping only happens when pushes would have queued anyway.
 *
 * Exactly once is the statement's job (ingest.ts); a push is answered only after the
 * statement that carried it committed. If a group statement fails (a lock cycle with another
 * instance, a lost connection), each of its pushes is retried on its own, so one push's
 * trouble is never another clinic's error.
 */
import type { Sql } from '../db/sql.js';
import { ingestPushes, type PushResult, type SortedPush } from './ingest.js';

export interface GroupIngestOptions {
  /** Statements in flight per database; pushes beyond them wait for the next group. */
  inFlight?: number;
  /** Items per statement at most (a push is never split). */
  maxItems?: number;
  /** Told the number of pushes of each statement (a metric). */
  onGroup?(pushes: number): void;
}

export interface GroupIngest {
  ingest(push: SortedPush): Promise<PushResult>;
}

interface Waiting {
  push: SortedPush;
  resolve(result: PushResult): void;
  reject(error: unknown): void;
}

// One statement in flight per instance and database: what arrives meanwhile is the next
// group, so groups grow with the load and with the commit time (group commit). On 2 cores
// (bench:sync, 2 instances) 1 gave 4.4 pushes per statement and the most syncs/s; 2, 3 and 4
// gave smaller groups, more CPU per sync and fewer syncs/s. A PostgreSQL with many cores and
// few instances may want more (MEDASSIST_INGEST_IN_FLIGHT).
const DEFAULT_IN_FLIGHT = 1;
const DEFAULT_MAX_ITEMS = 600;

/** The first waiting pushes up to `maxItems` items, at least one. */
function takeGroup(queue: Waiting[], maxItems: number): Waiting[] {
  let items = 0;
  let n = 0;
  while (n < queue.length) {
    const size = queue[n]!.push.stored.length + queue[n]!.push.rejected.length;
    if (n > 0 && items + size > maxItems) break;
    items += size;
    n += 1;
  }
  return queue.splice(0, n);
}

async function runAlone(sql: Sql, waiting: Waiting): Promise<void> {
  try {
    const [result] = await ingestPushes(sql, [waiting.push]);
    waiting.resolve(result!);
  } catch (error) {
    waiting.reject(error);
  }
}

async function runGroup(sql: Sql, group: Waiting[]): Promise<void> {
  if (group.length === 1) return runAlone(sql, group[0]!);
  let results: PushResult[];
  try {
    results = await ingestPushes(
      sql,
      group.map((w) => w.push),
    );
  } catch {
    for (const waiting of group) await runAlone(sql, waiting);
    return;
  }
  group.forEach((waiting, i) => waiting.resolve(results[i]!));
}

export function createGroupIngest(sql: Sql, o: GroupIngestOptions = {}): GroupIngest {
  const inFlight = o.inFlight ?? DEFAULT_IN_FLIGHT;
  const maxItems = o.maxItems ?? DEFAULT_MAX_ITEMS;
  const queue: Waiting[] = [];
  let running = 0;

  const pump = (): void => {
    while (running < inFlight && queue.length > 0) {
      running += 1;
      const group = takeGroup(queue, maxItems);
      o.onGroup?.(group.length);
      void runGroup(sql, group).finally(() => {
        running -= 1;
        pump();
      });
    }
  };

  return {
    ingest(push) {
      return new Promise<PushResult>((resolve, reject) => {
        queue.push({ push, resolve, reject });
        pump();
      });
    },
  };
}
