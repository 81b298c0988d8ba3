/**
 * Rounding a computed amount to what can be given, and the text a health worker reads.
 *
 * Rounding rule (used by per-kg dosing): take the two givable amounts either side of the exact
 * amount (one step down, one step up) and keep those that deliver a dose inside the regimen's
 * acceptable range and never above the per-dose ceiling; of those, the nearer wins, and a tie
 * goes to the lower amount. If neither is inside the range, the lower one is given (when it is
 * more than zero) with a warning. Why: the nearest amount keeps the delivered mg/kg closest to
 * the chart's intent; the ceiling is never crossed because an overdose cannot be taken back,
 * while a dose a little low is corrected at follow-up; and a range check stops a half tablet
 * from being rounded away for a small child when the next step is still safe.
 */
import type { DoseUnit } from './types.js';

// Amounts are handled as whole numbers of steps so that 0.1 ml steps do not drift (0.1 * 3).
const EPSILON = 1e-9;

/** Round to 6 decimals, removing binary noise such as 2.8000000000000003. */
export function clean(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** The largest multiple of `step` that is <= value. */
export function floorToStep(value: number, step: number): number {
  return clean(Math.floor(value / step + EPSILON) * step);
}

/** The smallest multiple of `step` that is >= value. */
export function ceilToStep(value: number, step: number): number {
  return clean(Math.ceil(value / step - EPSILON) * step);
}

/** The nearest multiple of `step`; an exact tie rounds down (the safer side). */
export function nearestStep(value: number, step: number): number {
  const down = floorToStep(value, step);
  const up = ceilToStep(value, step);

  return up - value < value - down - EPSILON ? up : down;
}

/** True when `value` is a whole multiple of `step`. */
export function isMultipleOf(value: number, step: number): boolean {
  return Math.abs(value / step - Math.round(value / step)) < 1e-6;
}

const FRACTIONS: Readonly<Record<string, string>> = { '0.25': '¼', '0.5': '½', '0.75': '¾' };

const NOUNS: Readonly<Record<DoseUnit, readonly [string, string]>> = {
  tablet: ['tablet', 'tablets'],
  capsule: ['capsule', 'capsules'],
  suppository: ['suppository', 'suppositories'],
  puff: ['puff', 'puffs'],
  sachet: ['sachet', 'sachets'],
  application: ['application', 'applications'],
  drop: ['drop', 'drops'],
  ml: ['ml', 'ml'],
};

/** "1½ tablets", "¼ tablet", "2.5 ml", "2 puffs". */
export function amountText(value: number, unit: DoseUnit): string {
  if (unit === 'ml') return `${formatNumber(value)} ml`;

  const whole = Math.floor(value + EPSILON);
  const fraction = FRACTIONS[String(clean(value - whole))];
  const noun = NOUNS[unit][value > 1 ? 1 : 0];
  if (fraction === undefined) return `${formatNumber(value)} ${noun}`;

  return `${whole > 0 ? String(whole) : ''}${fraction} ${noun}`;
}

/** A number with at most 2 decimals and no trailing zeros: 1.25, 2.5, 600. */
export function formatNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
}
