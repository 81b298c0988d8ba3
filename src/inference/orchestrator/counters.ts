/**
 * Counts of the model paths since the process started, for the clinic's telemetry: how often
 * the cloud was asked, how often it failed, and how often the local answer stood because the
 * clinic was offline or the cloud did not answer. Counts only: no case content.
 */
export interface ModelCounters {
  /** Consults that went through the orchestrator. */
  consults: number;
  /** Answers from the local model that passed parsing (before the safety gate). */
  localAnswers: number;
  localFailures: number;
  /** Requests sent to the cloud model. */
  cloudQueries: number;
  cloudAnswers: number;
  cloudFailures: number;
  /** Escalations wanted but not possible: offline, or the cloud failed; the local answer stood. */
  offlineFallbacks: number;
  /** Model lines the safety gate dropped, every source together. */
  overruled: number;
}

const zero = (): ModelCounters => ({
  consults: 0,
  localAnswers: 0,
  localFailures: 0,
  cloudQueries: 0,
  cloudAnswers: 0,
  cloudFailures: 0,
  offlineFallbacks: 0,
  overruled: 0,
});

let counters = zero();

export function countModel(name: keyof ModelCounters, by = 1): void {
  counters[name] += by;
}

/** A copy of the counts, for telemetry. */
export function readModelCounters(): ModelCounters {
  return { ...counters };
}

/** Back to zero: after telemetry has sent them, and between tests. */
export function resetModelCounters(): void {
  counters = zero();
}
