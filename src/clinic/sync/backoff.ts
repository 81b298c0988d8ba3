/**
 * Retry delay after failed syncs: exponential, capped, with jitter so that clinics that lost
 * the same link do not all come back in the same second ("equal jitter": half fixed, half
 * random, so the delay never collapses to zero).
 */
export interface BackoffSettings {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = { baseMs: 10_000, maxMs: 30 * 60_000 };

/** Delay before the next try after `failures` failures in a row (1 = the first failure). */
export function backoffDelay(
  failures: number,
  s: BackoffSettings = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const ceiling = Math.min(s.maxMs, s.baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
