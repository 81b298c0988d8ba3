/**
 * Age handling as in WHO anthro (`R/utils.R`): days per month 30.4375, age in days rounded
 * half up to a whole day before a table lookup, and age in months kept unrounded for the
 * "under 60 months" test (SOURCES.md section 1; imci-facts E.4, V).
 */
import { insufficientData, outOfRange } from '../calculators/result.js';
import type { InsufficientData, OutOfRange } from '../calculators/result.js';
import type { AgeInput } from './types.js';

/** Average days per month used by WHO anthro and anthroplus (365.25 / 12). */
export const DAYS_PER_MONTH = 30.4375;

/** Oldest age any table here covers: 228 months, the end of the WHO 2007 reference. */
const MAX_MONTHS = 228;

/** Age resolved for lookups: whole days (rounded half up) and exact months. */
export interface ResolvedAge {
  readonly days: number;
  readonly months: number;
}

/** Rounds a non-negative number half up (anthro `round_up`: < .5 down, >= .5 up). */
export function roundHalfUp(x: number): number {
  const floor = Math.floor(x);
  return x - floor >= 0.5 ? floor + 1 : floor;
}

/**
 * Resolves `ageDays` or `ageMonths` (days win when both are given). Returns undefined when
 * neither is given, and an out-of-range value for a negative or implausible age.
 */
export function resolveAge(input: AgeInput): ResolvedAge | OutOfRange | undefined {
  if (input.ageDays !== undefined) {
    const maxDays = Math.floor(MAX_MONTHS * DAYS_PER_MONTH);
    const ok = Number.isFinite(input.ageDays) && input.ageDays >= 0 && input.ageDays <= maxDays;
    if (!ok) return outOfRange('ageDays', input.ageDays, { min: 0, max: maxDays });
    return { days: roundHalfUp(input.ageDays), months: input.ageDays / DAYS_PER_MONTH };
  }
  if (input.ageMonths !== undefined) {
    const m = input.ageMonths;
    const ok = Number.isFinite(m) && m >= 0 && m <= MAX_MONTHS;
    if (!ok) return outOfRange('ageMonths', m, { min: 0, max: MAX_MONTHS });
    return { days: roundHalfUp(m * DAYS_PER_MONTH), months: m };
  }
  return undefined;
}

/** Like `resolveAge`, but a missing age is insufficient data. */
export function requireAge(input: AgeInput): ResolvedAge | OutOfRange | InsufficientData {
  return resolveAge(input) ?? insufficientData(['ageDays or ageMonths']);
}

/** Whether a resolved value is an age (not an out-of-range or insufficient-data value). */
export function isAge(value: unknown): value is ResolvedAge {
  return typeof value === 'object' && value !== null && !('kind' in value);
}
