/**
 * How long consults take on this node, for the clinic's telemetry (average latency). Counts
 * and durations only: no case content. A window of the last 200 consults, so the figure
 * follows today's load rather than the whole uptime.
 */
export interface ConsultStats {
  record(ms: number): void;
  /** Mean of the window in milliseconds; 0 before the first consult. */
  averageMs(): number;
  count(): number;
}

export function createConsultStats(window = 200): ConsultStats {
  const recent: number[] = [];
  let total = 0;
  return {
    record(ms) {
      recent.push(ms);
      if (recent.length > window) recent.shift();
      total += 1;
    },
    averageMs: () => (recent.length === 0 ? 0 : recent.reduce((a, b) => a + b, 0) / recent.length),
    count: () => total,
  };
}
