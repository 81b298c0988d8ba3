/**
 * Inputs and results of the WHO growth z-scores. A z-score is a value with the table it came
 * from and flags; refusals (oedema), missing inputs and ranges are values too.
 */
import type { InsufficientData, OutOfRange } from '../calculators/result.js';

/** Sex is required for every z-score: the WHO tables differ by sex. */
export type Sex = 'male' | 'female';

/** How the length or height was taken: lying down (length) or standing (height). */
export type MeasuredAs = 'length' | 'height';

/** The indicators computed here, named as in the WHO Child Growth Standards. */
export type GrowthIndicator =
  | 'weight-for-age'
  | 'length-height-for-age'
  | 'weight-for-length-height'
  | 'bmi-for-age'
  | 'muac-for-age';

/**
 * The table a z-score was read from: the length-based or height-based table (weight-for-length
 * or -height; length/height- and BMI-for-age rows below or from 731 days), the 0-5 year
 * age table, or the 5-19 year WHO 2007 reference.
 */
export type GrowthTable = 'length' | 'height' | 'age-0-5' | 'age-5-19';

/** The WHO publication behind the table. */
export type GrowthReference = 'WHO Child Growth Standards 2006' | 'WHO Growth Reference 2007';

/**
 * Age as given: in days (authoritative for young infants) or in months (may be fractional).
 * When both are given, days win.
 */
export interface AgeInput {
  readonly ageDays?: number | undefined;
  readonly ageMonths?: number | undefined;
}

/** A computed z-score, rounded to 2 decimals as WHO anthro does (imci-facts E.4, V). */
export interface ZScoreOk {
  readonly kind: 'ok';
  readonly indicator: GrowthIndicator;
  readonly table: GrowthTable;
  readonly reference: GrowthReference;
  readonly z: number;
  /** The length or height after the ±0.7 cm position adjustment, when one was made or used. */
  readonly adjustedMeasureCm?: number;
  /** The BMI the z-score was computed from (BMI-for-age only). */
  readonly bmi?: number;
  readonly flags: readonly string[];
}

/** A z-score WHO says must not be computed, e.g. weight-based indicators with oedema. */
export interface ZScoreNotApplicable {
  readonly kind: 'not-applicable';
  readonly indicator: GrowthIndicator;
  readonly reason: 'bilateral-oedema';
  readonly message: string;
}

/** Every outcome of a z-score calculation. */
export type ZScoreResult = ZScoreOk | ZScoreNotApplicable | OutOfRange | InsufficientData;

/** Flags a result may carry (strings, so they serialise as they read). */
export const GROWTH_FLAGS = {
  restricted: 'restricted-beyond-3-sd',
  implausible: 'implausible-z',
  heightToLength: 'standing-height-plus-0.7-cm',
  lengthToHeight: 'recumbent-length-minus-0.7-cm',
  chosenBy87cm: 'table-chosen-by-87-cm-rule',
  heightUnder9Months: 'standing-height-under-9-months-ignored',
} as const;
