/**
 * Result shapes shared by every calculator. Expected clinical outcomes are values, not
 * exceptions (STYLE.md, "Errors"): an input outside the physiological or tabulated range is
 * an `out-of-range` value naming the field, and a missing input is `insufficient-data`.
 */

/** Inclusive numeric range; either end may be open-ended (undefined). */
export interface Range {
  readonly min?: number;
  readonly max?: number;
}

/** An input outside the range the calculator is defined for. */
export interface OutOfRange {
  readonly kind: 'out-of-range';
  readonly field: string;
  readonly value: number | string;
  readonly range: Range;
  readonly message: string;
}

/** Inputs needed for the calculation that were not given. */
export interface InsufficientData {
  readonly kind: 'insufficient-data';
  readonly missing: readonly string[];
  readonly message: string;
}

function describeRange(range: Range): string {
  if (range.min !== undefined && range.max !== undefined) return `${range.min} to ${range.max}`;
  if (range.min !== undefined) return `at least ${range.min}`;
  if (range.max !== undefined) return `at most ${range.max}`;
  return 'a finite number';
}

/** Builds an out-of-range value; the message shows the value in [brackets]. */
export function outOfRange(
  field: string,
  value: number | string,
  range: Range,
  why?: string,
): OutOfRange {
  const reason = why ?? `must be ${describeRange(range)}`;
  return { kind: 'out-of-range', field, value, range, message: `${field} [${value}] ${reason}` };
}

/** Builds an insufficient-data value naming the missing fields. */
export function insufficientData(missing: readonly string[]): InsufficientData {
  return { kind: 'insufficient-data', missing, message: `missing: ${missing.join(', ')}` };
}

/**
 * Returns an out-of-range value when `value` is not finite or lies outside the inclusive
 * range, else undefined. The bounds are the calculator's domain, cited where it is defined.
 */
export function checkRange(field: string, value: number, range: Range): OutOfRange | undefined {
  const low = range.min !== undefined && value < range.min;
  const high = range.max !== undefined && value > range.max;
  return Number.isFinite(value) && !low && !high ? undefined : outOfRange(field, value, range);
}

/** The first out-of-range value among several checks, if any. */
export function firstProblem(
  ...checks: readonly (OutOfRange | undefined)[]
): OutOfRange | undefined {
  return checks.find((c) => c !== undefined);
}

/** Rounds half away from zero to `digits` decimals (so -2.585 and 2.585 round alike). */
export function roundTo(value: number, digits: number): number {
  const f = 10 ** digits;
  const r = Math.round(Math.abs(value) * f + 1e-9) / f;
  return value < 0 && r !== 0 ? -r : r;
}
