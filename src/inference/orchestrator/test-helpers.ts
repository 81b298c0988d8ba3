/**
 * Consult views and in-memory engines for the orchestrator's unit tests. The views come from
 * the real protocol engine, so the safety gate is checked against real classifications.
 */
import { NO_DANGER_SIGNS, run, type TestCase } from '../../clinical/test-helpers/classify.js';
import type { ModelAnswer } from '../output-schema.js';
import type { ChatEngine, ChatRequest } from '../types.js';
import type { OrchestratorView } from './orchestrate.js';

export { NO_DANGER_SIGNS };

export function consultView(tc: TestCase): OrchestratorView {
  const a = run(tc);
  return {
    ...a,
    patient: { ageMonths: tc.months ?? 18, sex: null, weightKg: tc.weightKg ?? null },
    treatments: a.treatments.map((t) => ({ kind: t.kind, id: t.id, drug: null })),
  };
}

/** A child who convulsed: a general danger sign, urgent referral (IMCI chart booklet 2014). */
export const convulsionsCase: TestCase = {
  findings: { ...NO_DANGER_SIGNS, convulsions_history: true },
};

/** A complete, final home-care case: cough for 3 days, no fast breathing at 18 months. */
export const coughNoPneumonia: TestCase = {
  findings: {
    ...NO_DANGER_SIGNS,
    cough_or_difficult_breathing: true,
    cough_days: 3,
    respiratory_rate: 30,
    rr_counted_full_minute: true,
    child_calm_during_count: true,
    chest_indrawing: false,
    stridor: false,
    wheeze: false,
    pulse_oximeter_available: false,
    oedema_both_feet: false,
    muac_mm: 140,
    wfh_z: 0,
    recurrent_wheeze: false,
    palmar_pallor: 'none',
  },
};

export const answer = (over: Partial<ModelAnswer> = {}): ModelAnswer => ({
  summary: 'Child with cough; follow the protocol plan.',
  differential: [],
  redFlags: [],
  confidence: 'high',
  ...over,
});

/** An in-memory engine that answers with `text` after `delayMs`; `seen` keeps the requests. */
export function fakeEngine(name: string, text: string | (() => string), delayMs = 0) {
  const state = { calls: 0, seen: [] as ChatRequest[] };
  const engine: ChatEngine = {
    name,
    complete: async (req) => {
      state.calls += 1;
      state.seen.push(req);
      await new Promise((r) => setTimeout(r, delayMs));
      const out = typeof text === 'string' ? text : text();
      return { text: out, promptTokens: 1, completionTokens: 1, ms: delayMs };
    },
    close: () => Promise.resolve(),
  };
  return { engine, state };
}

/** An engine that never answers and ignores its abort signal. */
export const deafEngine: ChatEngine = {
  name: 'deaf',
  complete: () => new Promise(() => undefined),
  close: () => Promise.resolve(),
};
