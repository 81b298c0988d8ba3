/**
 * Weight estimated from age by the current APLS formulas (imci-facts E.5, V2), for when no
 * scale exists. The result always carries the warning that these formulas come from
 * well-nourished high-income populations and over-estimate weight in undernourished
 * children (imci-facts E.5, FLAG); never use it for a weight-for-length/height z-score.
 */
import { checkRange, outOfRange, roundTo } from './result.js';
import type { OutOfRange } from './result.js';

/** Which APLS band was used. */
export type AplsBand = 'apls-0-12-months' | 'apls-1-5-years' | 'apls-6-12-years';

/** Flags every estimate carries. */
export const ESTIMATED_WEIGHT_FLAGS = [
  'overestimates-in-undernourished-children',
  'not-for-z-scores',
] as const;

/** Estimated weight (kg, 1 decimal), the band and the formula used. */
export type EstimatedWeightResult =
  | {
      readonly kind: 'ok';
      readonly weightKg: number;
      readonly band: AplsBand;
      readonly formula: string;
      readonly flags: readonly string[];
      readonly warning: string;
    }
  | OutOfRange;

/** APLS covers birth up to the 13th birthday (6-12 years band). */
export const ESTIMATED_WEIGHT_MAX_MONTHS = 156;

const WARNING =
  'estimated from age: over-estimates weight in undernourished children; weigh the child ' +
  'when possible, and never use it for a weight-for-length/height z-score';

function band(ageMonths: number): { band: AplsBand; formula: string; kg: number } {
  // imci-facts E.5: 0-12 months 0.5 × months + 4; 1-5 years 2 × years + 8;
  // 6-12 years 3 × years + 7 (years = completed years).
  if (ageMonths < 12) {
    return { band: 'apls-0-12-months', formula: '0.5 × months + 4', kg: 0.5 * ageMonths + 4 };
  }
  const years = Math.floor(ageMonths / 12);
  if (years <= 5) return { band: 'apls-1-5-years', formula: '2 × years + 8', kg: 2 * years + 8 };
  return { band: 'apls-6-12-years', formula: '3 × years + 7', kg: 3 * years + 7 };
}

/** Weight from age in months (0 up to 156), APLS bands (imci-facts E.5). */
export function estimateWeightFromAge(input: {
  readonly ageMonths: number;
}): EstimatedWeightResult {
  const bad = checkRange('ageMonths', input.ageMonths, { min: 0 });
  if (bad) return bad;
  if (input.ageMonths >= ESTIMATED_WEIGHT_MAX_MONTHS) {
    const range = { min: 0, max: ESTIMATED_WEIGHT_MAX_MONTHS };
    return outOfRange(
      'ageMonths',
      input.ageMonths,
      range,
      'must be under 156 months (APLS covers 0-12 years)',
    );
  }

  const b = band(input.ageMonths);
  return {
    kind: 'ok',
    weightKg: roundTo(b.kg, 1),
    band: b.band,
    formula: b.formula,
    flags: [...ESTIMATED_WEIGHT_FLAGS],
    warning: WARNING,
  };
}
