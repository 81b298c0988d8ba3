import { assess, type Assessment } from '../assess/assess.js';
import type { FactValue } from '../engine/condition.js';
import { EDITIONS } from '../protocols/registry.js';

/** A calm, complete baseline: no danger signs and no main symptom. Tests add what they need. */
export const NO_DANGER_SIGNS = {
  unable_to_drink_or_breastfeed: false,
  vomits_everything: false,
  convulsions_history: false,
  convulsing_now: false,
  lethargic_or_unconscious: false,
  cough_or_difficult_breathing: false,
  diarrhoea: false,
  fever: false,
  ear_problem: false,
};

export interface TestCase {
  months?: number;
  days?: number;
  temperatureC?: number;
  weightKg?: number;
  edition?: 'imci-2014' | 'imci-2005';
  findings: Record<string, FactValue>;
  hiv?: boolean;
}

/** Assesses a small test case; age defaults to 18 months. */
export function run(tc: TestCase): Assessment {
  const months = tc.months ?? (tc.days !== undefined ? Math.floor(tc.days / 30.4375) : 18);
  const days = tc.days ?? Math.round(months * 30.4375);
  const edition = EDITIONS[tc.edition ?? 'imci-2014'];
  if (!edition) throw new Error('unknown edition');
  return assess(
    {
      patient: {
        age: { months, days },
        ...(tc.temperatureC === undefined ? {} : { temperatureC: tc.temperatureC }),
        ...(tc.weightKg === undefined ? {} : { weightKg: tc.weightKg }),
      },
      findings: tc.findings,
    },
    edition,
    { hivPrioritized: tc.hiv === true },
  );
}

/** The names of the classifications reached, final or provisional. */
export function names(tc: TestCase): string[] {
  return run(tc).classifications.map((c) => c.name);
}

/** The classification names of one chart box. */
export function inBox(tc: TestCase, box: string): string[] {
  return run(tc)
    .classifications.filter((c) => c.box === box)
    .map((c) => c.name);
}
