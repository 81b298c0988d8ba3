/**
 * Shared steps of every z-score: look up L, M and S, apply the plain or restricted formula,
 * round to 2 decimals and flag implausible values (WHO anthro `z-score-helper.R`; imci-facts
 * E.4, V), and the shared refusals.
 */
import { outOfRange, roundTo } from '../calculators/result.js';
import type { OutOfRange } from '../calculators/result.js';
import { DAYS_PER_MONTH } from './age.js';
import { lmsZ, lmsZRestricted } from './lms.js';
import { lmsAt } from './lms-table.js';
import type { PackedLmsTable } from './lms-table.js';
import { GROWTH_FLAGS } from './types.js';
import type {
  AgeInput,
  GrowthIndicator,
  GrowthReference,
  GrowthTable,
  Sex,
  ZScoreNotApplicable,
  ZScoreOk,
} from './types.js';

/** How one indicator is scored against one table. */
export interface ScoreSpec {
  readonly indicator: GrowthIndicator;
  readonly table: GrowthTable;
  readonly reference: GrowthReference;
  readonly data: PackedLmsTable;
  /** Weight-based indicators use the restricted application beyond ±3 SD. */
  readonly restricted: boolean;
  /** anthro's implausibility flag for this indicator. */
  readonly implausible: (z: number) => boolean;
}

/** anthro flag thresholds: weight-for-age z < -6 or > 5 (SOURCES.md section 1). */
export const implausibleWeightForAge = (z: number): boolean => z < -6 || z > 5;
/** anthro flag thresholds: length/height-for-age |z| > 6. */
export const implausibleLengthForAge = (z: number): boolean => Math.abs(z) > 6;
/** anthro flag thresholds: weight-for-length/height, BMI and MUAC |z| > 5. */
export const implausibleBeyond5 = (z: number): boolean => Math.abs(z) > 5;

/** Extra fields carried into an ok result. */
export interface ScoreExtras {
  readonly flags?: readonly string[];
  readonly adjustedMeasureCm?: number;
  readonly bmi?: number;
}

/**
 * Scores measurement `y` at table position `x` (age in days or months, or cm). Returns an
 * out-of-range value naming `field` when `x` falls outside the table.
 */
export function scoreAt(
  spec: ScoreSpec,
  sex: Sex,
  x: number,
  y: number,
  field: string,
  extras: ScoreExtras = {},
): ZScoreOk | OutOfRange {
  const lms = lmsAt(spec.data, sex, x);
  if (lms === undefined) return outOfRange(field, x, {}, `is outside ${spec.data.source}`);

  const scored = spec.restricted ? lmsZRestricted(y, lms) : { z: lmsZ(y, lms), restricted: false };
  const z = roundTo(scored.z, 2);
  const flags = [...(extras.flags ?? [])];
  if (scored.restricted) flags.push(GROWTH_FLAGS.restricted);
  if (spec.implausible(z)) flags.push(GROWTH_FLAGS.implausible);

  return {
    kind: 'ok',
    indicator: spec.indicator,
    table: spec.table,
    reference: spec.reference,
    z,
    ...(extras.adjustedMeasureCm === undefined
      ? {}
      : { adjustedMeasureCm: extras.adjustedMeasureCm }),
    ...(extras.bmi === undefined ? {} : { bmi: roundTo(extras.bmi, 2) }),
    flags,
  };
}

/**
 * WHO anthro does not compute weight-based z-scores (weight-for-age, weight-for-length/height,
 * BMI-for-age) when bilateral pitting oedema is present: the fluid adds weight, so the child
 * is classified by the oedema itself (anthro `valid_zscore ... !(oedema %in% "y")`;
 * imci-facts E.4, V).
 */
export function oedemaRefusal(indicator: GrowthIndicator): ZScoreNotApplicable {
  return {
    kind: 'not-applicable',
    indicator,
    reason: 'bilateral-oedema',
    message: `${indicator} is not computed with bilateral oedema; oedema alone classifies it`,
  };
}

/** An age outside the ages an indicator is defined for, on the field the caller used. */
export function ageOutOfRange(
  input: AgeInput,
  minMonths: number,
  maxMonths: number,
  why: string,
): OutOfRange {
  if (input.ageDays !== undefined) {
    const min = Math.round(minMonths * DAYS_PER_MONTH);
    const max = Math.floor(maxMonths * DAYS_PER_MONTH);
    return outOfRange('ageDays', input.ageDays, { min, max }, why);
  }
  const range = { min: roundTo(minMonths, 2), max: maxMonths };
  return outOfRange('ageMonths', input.ageMonths ?? NaN, range, why);
}
