/**
 * Weight-for-length and weight-for-height z-scores, WHO Child Growth Standards 2006 (anthro
 * `z-score-weight-for-lenhei.R`; imci-facts E.4, V). The table is chosen by age (length under
 * 731 days, height from 731 days, with the ±0.7 cm position adjustment), or, when age is not
 * known, by the stated position or the 87 cm rule.
 */
import type { OutOfRange } from '../calculators/result.js';
import { checkRange, firstProblem, outOfRange } from '../calculators/result.js';
import { HEIGHT_CM, WEIGHT_KG } from '../calculators/limits.js';
import { isAge, resolveAge } from './age.js';
import { WEIGHT_FOR_HEIGHT } from './data/weight-for-height.js';
import { WEIGHT_FOR_LENGTH } from './data/weight-for-length.js';
import { positionMeasure } from './length-height.js';
import type { AgeInput, MeasuredAs, Sex, ZScoreResult } from './types.js';
import { ageOutOfRange, implausibleBeyond5, oedemaRefusal, scoreAt } from './zscore-common.js';
import type { ScoreSpec } from './zscore-common.js';

/** Valid measurement ranges of the two tables (anthro; imci-facts E.4, V). */
export const WEIGHT_FOR_LENGTH_RANGE_CM = { min: 45, max: 110 } as const;
export const WEIGHT_FOR_HEIGHT_RANGE_CM = { min: 65, max: 120 } as const;

/** Inputs of the weight-for-length/height z-score. */
export interface WeightForLengthHeightInput extends AgeInput {
  readonly sex: Sex;
  readonly weightKg: number;
  readonly lengthOrHeightCm: number;
  /** How the child was measured; when absent, the position expected for the age is assumed. */
  readonly measured?: MeasuredAs | undefined;
  /** Bilateral pitting oedema: the z-score is then not computed. */
  readonly oedema?: boolean | undefined;
}

const LENGTH_SPEC: ScoreSpec = {
  indicator: 'weight-for-length-height',
  table: 'length',
  reference: 'WHO Child Growth Standards 2006',
  data: WEIGHT_FOR_LENGTH,
  restricted: true,
  implausible: implausibleBeyond5,
};
const HEIGHT_SPEC: ScoreSpec = { ...LENGTH_SPEC, table: 'height', data: WEIGHT_FOR_HEIGHT };

function checkInputs(input: WeightForLengthHeightInput): OutOfRange | undefined {
  return firstProblem(
    checkRange('weightKg', input.weightKg, WEIGHT_KG),
    checkRange('lengthOrHeightCm', input.lengthOrHeightCm, HEIGHT_CM),
  );
}

/**
 * Weight-for-length/height z-score. Never call it with an estimated weight (imci-facts E.5).
 * Limitation: a length or height outside 45-110 cm (length table) or 65-120 cm (height table)
 * is out-of-range, not extrapolated, as in WHO anthro.
 */
export function weightForLengthHeight(input: WeightForLengthHeightInput): ZScoreResult {
  const bad = checkInputs(input);
  if (bad) return bad;
  if (input.oedema === true) return oedemaRefusal('weight-for-length-height');

  const age = resolveAge(input);
  if (age !== undefined && !isAge(age)) return age;
  if (age !== undefined && age.months >= 60) {
    return ageOutOfRange(input, 0, 60, 'must be under 60 months (WHO Child Growth Standards)');
  }

  const positioned = positionMeasure(input.lengthOrHeightCm, input.measured, age);
  const isLength = positioned.basis === 'length';
  const range = isLength ? WEIGHT_FOR_LENGTH_RANGE_CM : WEIGHT_FOR_HEIGHT_RANGE_CM;
  if (positioned.cm < range.min || positioned.cm > range.max) {
    const table = isLength ? 'weight-for-length' : 'weight-for-height';
    const used = positioned.adjusted ? ` (${positioned.cm} cm after adjustment)` : '';
    const why = `is outside the ${table} table, ${range.min} to ${range.max} cm${used}`;
    return outOfRange('lengthOrHeightCm', input.lengthOrHeightCm, range, why);
  }

  const spec = isLength ? LENGTH_SPEC : HEIGHT_SPEC;
  return scoreAt(spec, input.sex, positioned.cm, input.weightKg, 'lengthOrHeightCm', {
    flags: positioned.flags,
    ...(positioned.adjusted ? { adjustedMeasureCm: positioned.cm } : {}),
  });
}
