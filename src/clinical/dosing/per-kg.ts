/**
 * mg/kg dosing: the exact dose from the weight, the acceptable range around it, and the givable
 * amount of each product (rounding rule in rounding.ts).
 */
import { isYoungerThanDays } from './patient.js';
import type { DosingPatient, InsufficientData } from './result.js';
import { ceilToStep, clean, floorToStep } from './rounding.js';
import type { Candidate } from './select.js';
import type { Formulation, PerKgRule } from './types.js';

/** Default lowest acceptable dose when a regimen gives none: 85 % of the target (K). */
const DEFAULT_MIN_FRACTION = 0.85;

/** The dose window for one patient, in the content unit of the rule (mg, U). */
export interface DoseWindow {
  readonly perKg: number;
  /** The dose aimed at: perKg x weight, or the ceiling when that is lower. */
  readonly intended: number;
  readonly lower: number;
  readonly ceiling: number;
  readonly capped: boolean;
  readonly note?: string;
}

/**
 * The per-kg value for this patient (gentamicin by age, artesunate by weight); min and max
 * scale with the variant, so gentamicin's 7-8 mg/kg window becomes 4.7-5.3 at 5 mg/kg.
 */
export function doseWindow(
  regimenId: string,
  rule: PerKgRule,
  patient: DosingPatient & { readonly weightKg: number },
): DoseWindow | InsufficientData {
  const kg = patient.weightKg;
  let perKg = rule.perKg;
  let note: string | undefined;
  for (const v of rule.variants ?? []) {
    const young = v.belowAgeDays === undefined ? true : isYoungerThanDays(patient, v.belowAgeDays);
    if (young === 'unknown') return { kind: 'insufficient-data', regimenId, missing: ['ageDays'] };
    if (young && (v.belowKg === undefined || kg < v.belowKg)) {
      perKg = v.perKg;
      note = v.note;
      break;
    }
  }

  const scale = perKg / rule.perKg;
  const maxByKg = rule.maxPerKg === undefined ? Infinity : rule.maxPerKg * scale * kg;
  const ceiling = Math.min(rule.maxPerDose ?? Infinity, maxByKg);
  const exact = perKg * kg;
  const intended = Math.min(exact, ceiling);
  const minPerKg = (rule.minPerKg ?? rule.perKg * DEFAULT_MIN_FRACTION) * scale;
  // When the ceiling caps the dose, the window is taken below the cap (ciprofloxacin 500 mg).
  const capped = exact > ceiling;
  const lower = capped ? Math.min(minPerKg * kg, intended * DEFAULT_MIN_FRACTION) : minPerKg * kg;
  const window = { perKg, intended, lower, ceiling, capped };

  return note === undefined ? window : { ...window, note };
}

/** The givable amount of `f` for the window, or undefined when none can be given safely. */
export function perKgCandidate(f: Formulation, w: DoseWindow): Candidate | undefined {
  const content = f.contentPerUnit;
  if (content === undefined) return undefined;

  const exact = w.intended / content;
  const options = [...new Set([floorToStep(exact, f.step), ceilToStep(exact, f.step)])].filter(
    (a) => a > 0 && a * content <= w.ceiling + 1e-9,
  );
  const inRange = options.filter((a) => a * content >= w.lower - 1e-9);
  if (inRange.length > 0) {
    const best = inRange.reduce((a, b) =>
      Math.abs(b - exact) < Math.abs(a - exact) - 1e-9 ? b : a,
    );
    return { formulation: f, amount: clean(best), inRange: true, printed: false };
  }
  const fallback = options[0];

  return fallback === undefined
    ? undefined
    : { formulation: f, amount: fallback, inRange: false, printed: false };
}
