/**
 * The connectivity probe: GET /v1/health of the edge, then of the cloud, each with a timeout.
 * The first answer wins and gives the round-trip time; no answer from any is a failed probe.
 */
import { performance } from 'node:perf_hooks';
import type { Probe } from './mode.js';
import { globalFetch, type FetchLike } from '../../shared/tls/transport.js';

export interface ProbeResult {
  probe: Probe;
  /** The base URL that answered, or null. */
  source: string | null;
  failures: number;
}

export async function probeSources(
  sources: readonly string[],
  timeoutMs = 5_000,
  fetchFn: FetchLike = globalFetch,
): Promise<ProbeResult> {
  let failures = 0;
  for (const base of sources) {
    const t0 = performance.now();
    try {
      const res = await fetchFn(`${base.replace(/\/+$/, '')}/v1/health`, {
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.arrayBuffer();
      if (res.ok) {
        return { probe: { ok: true, rttMs: performance.now() - t0 }, source: base, failures };
      }
    } catch {
      // Unreachable or too slow: try the next source.
    }
    failures += 1;
  }
  return { probe: { ok: false }, source: null, failures };
}
