/**
 * The idle alert poll must be cheap (goal: 10,000 req/s on 2 cores), so the answer to "is
 * there anything newer than what this clinic has?" comes from memory: the latest alert id of
 * each region, refreshed from the database at most once per `maxAgeMs` (one second). Several
 * polls arriving while a refresh runs share it. An alert issued on another instance is seen
 * here within that second.
 */
export interface LatestCache {
  latest(region: string): Promise<number>;
  /** After an insert on this instance: no need to wait for the next refresh. */
  bump(region: string, id: number): void;
}

export function createLatestCache(
  load: (region: string) => Promise<number>,
  maxAgeMs = 1000,
): LatestCache {
  const entries = new Map<string, { id: number; at: number; pending: Promise<number> | null }>();
  const refresh = (
    region: string,
    entry: { id: number; at: number; pending: Promise<number> | null },
  ) => {
    entry.pending ??= load(region).then(
      (id) => {
        entry.id = Math.max(entry.id, id);
        entry.at = Date.now();
        entry.pending = null;
        return entry.id;
      },
      (error: unknown) => {
        entry.pending = null;
        throw error;
      },
    );
    return entry.pending;
  };

  return {
    latest(region) {
      let entry = entries.get(region);
      if (!entry) {
        entry = { id: 0, at: 0, pending: null };
        entries.set(region, entry);
      }
      if (Date.now() - entry.at < maxAgeMs) return Promise.resolve(entry.id);
      return refresh(region, entry);
    },
    bump(region, id) {
      const entry = entries.get(region);
      if (entry) entry.id = Math.max(entry.id, id);
    },
  };
}
