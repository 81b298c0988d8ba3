/**
 * Age-based z-scores: weight-for-age, length/height-for-age, BMI-for-age and MUAC-for-age.
 * Under 60 months they use the WHO Child Growth Standards 2006 by whole days (WHO anthro);
 * from 61 to 228 months the WHO Growth Reference 2007 by months, interpolated between whole
 * months (WHO anthroplus `zscore_indicator`). imci-facts E.1 and E.4.
 *
 * Limitation: WHO's own tools leave 60 up to 61 months unscored (anthro stops before 60
 * months, anthroplus starts at 61), and so do we; such ages are out-of-range.
 */
import { checkRange, firstProblem } from '../calculators/result.js';
import type { OutOfRange } from '../calculators/result.js';
import { HEIGHT_CM, WEIGHT_KG } from '../calculators/limits.js';
import { DAYS_PER_MONTH, isAge, requireAge } from './age.js';
import type { ResolvedAge } from './age.js';
import { ARM_CIRCUMFERENCE_FOR_AGE } from './data/arm-circumference-for-age.js';
import { BMI_FOR_AGE_5_19 } from './data/bmi-for-age-5-19.js';
import { BMI_FOR_AGE } from './data/bmi-for-age.js';
import { HEIGHT_FOR_AGE_5_19 } from './data/height-for-age-5-19.js';
import { LENGTH_HEIGHT_FOR_AGE } from './data/length-height-for-age.js';
import { WEIGHT_FOR_AGE_5_10 } from './data/weight-for-age-5-10.js';
import { WEIGHT_FOR_AGE } from './data/weight-for-age.js';
import { positionMeasure } from './length-height.js';
import type { AgeInput, MeasuredAs, Sex, ZScoreResult } from './types.js';
import {
  ageOutOfRange,
  implausibleBeyond5,
  implausibleLengthForAge,
  implausibleWeightForAge,
  oedemaRefusal,
  scoreAt,
} from './zscore-common.js';
import type { ScoreSpec } from './zscore-common.js';

/** Ages (months) of the 2007 reference that anthroplus scores: 61-228, weight to 120. */
const REFERENCE_FROM_MONTHS = 61;
const REFERENCE_TO_MONTHS = 228;
const WEIGHT_REFERENCE_TO_MONTHS = 120;
const UNDER_5 = 60;
/** MUAC-for-age starts at 3 months: the acanthro table begins at 91 days. */
const MUAC_FROM_DAYS = 91;

const STANDARDS = 'WHO Child Growth Standards 2006' as const;
const REFERENCE = 'WHO Growth Reference 2007' as const;

/** Inputs of weight-for-age. */
export interface WeightForAgeInput extends AgeInput {
  readonly sex: Sex;
  readonly weightKg: number;
  readonly oedema?: boolean | undefined;
}

/** Inputs of length/height-for-age. */
export interface LengthHeightForAgeInput extends AgeInput {
  readonly sex: Sex;
  readonly lengthOrHeightCm: number;
  readonly measured?: MeasuredAs | undefined;
}

/** Inputs of BMI-for-age: BMI is computed from the position-adjusted length or height. */
export interface BmiForAgeInput extends LengthHeightForAgeInput {
  readonly weightKg: number;
  readonly oedema?: boolean | undefined;
}

/** Inputs of MUAC-for-age (arm circumference-for-age), MUAC in mm as on IMCI tapes. */
export interface MuacForAgeInput extends AgeInput {
  readonly sex: Sex;
  readonly muacMm: number;
}

/** MUAC sanity bounds in mm (our bounds, not a cut-off; see calculators/limits.ts). */
const MUAC_MM = { min: 50, max: 600 };

function spec(
  indicator: ScoreSpec['indicator'],
  data: ScoreSpec['data'],
  weightBased: boolean,
  implausible: ScoreSpec['implausible'],
  table: ScoreSpec['table'] = 'age-0-5',
): ScoreSpec {
  const reference = table === 'age-5-19' ? REFERENCE : STANDARDS;
  return { indicator, table, reference, data, restricted: weightBased, implausible };
}

type AgeOutcome = ResolvedAge | OutOfRange | Exclude<ZScoreResult, { kind: 'ok' }>;

function ageFor(input: AgeInput, maxReferenceMonths: number): AgeOutcome {
  const age = requireAge(input);
  if (!isAge(age)) return age;
  const inGap = age.months >= UNDER_5 && age.months < REFERENCE_FROM_MONTHS;
  if (inGap || age.months > maxReferenceMonths) {
    const why = `must be under 60 months, or ${REFERENCE_FROM_MONTHS} to ${maxReferenceMonths} months`;
    return ageOutOfRange(input, 0, maxReferenceMonths, why);
  }
  return age;
}

/** Weight-for-age z-score (restricted beyond ±3 SD); refused with bilateral oedema. */
export function weightForAge(input: WeightForAgeInput): ZScoreResult {
  const bad = checkRange('weightKg', input.weightKg, WEIGHT_KG);
  if (bad) return bad;
  if (input.oedema === true) return oedemaRefusal('weight-for-age');
  const age = ageFor(input, WEIGHT_REFERENCE_TO_MONTHS);
  if (!isAge(age)) return age;

  const field = input.ageDays !== undefined ? 'ageDays' : 'ageMonths';
  if (age.months < UNDER_5) {
    const s = spec('weight-for-age', WEIGHT_FOR_AGE, true, implausibleWeightForAge);
    return scoreAt(s, input.sex, age.days, input.weightKg, field);
  }
  const s = spec('weight-for-age', WEIGHT_FOR_AGE_5_10, true, implausibleWeightForAge, 'age-5-19');
  return scoreAt(s, input.sex, age.months, input.weightKg, field);
}

/** Length/height-for-age z-score (plain LMS formula, no restriction). */
export function lengthHeightForAge(input: LengthHeightForAgeInput): ZScoreResult {
  const bad = checkRange('lengthOrHeightCm', input.lengthOrHeightCm, HEIGHT_CM);
  if (bad) return bad;
  const age = ageFor(input, REFERENCE_TO_MONTHS);
  if (!isAge(age)) return age;

  const field = input.ageDays !== undefined ? 'ageDays' : 'ageMonths';
  if (age.months >= UNDER_5) {
    const s = spec(
      'length-height-for-age',
      HEIGHT_FOR_AGE_5_19,
      false,
      implausibleLengthForAge,
      'age-5-19',
    );
    return scoreAt(s, input.sex, age.months, input.lengthOrHeightCm, field);
  }
  const positioned = positionMeasure(input.lengthOrHeightCm, input.measured, age);
  const s = spec(
    'length-height-for-age',
    LENGTH_HEIGHT_FOR_AGE,
    false,
    implausibleLengthForAge,
    positioned.basis,
  );
  return scoreAt(s, input.sex, age.days, positioned.cm, field, {
    flags: positioned.flags,
    ...(positioned.adjusted ? { adjustedMeasureCm: positioned.cm } : {}),
  });
}

/** BMI-for-age z-score (restricted beyond ±3 SD); refused with bilateral oedema. */
export function bmiForAge(input: BmiForAgeInput): ZScoreResult {
  const bad = firstProblem(
    checkRange('weightKg', input.weightKg, WEIGHT_KG),
    checkRange('lengthOrHeightCm', input.lengthOrHeightCm, HEIGHT_CM),
  );
  if (bad) return bad;
  if (input.oedema === true) return oedemaRefusal('bmi-for-age');
  const age = ageFor(input, REFERENCE_TO_MONTHS);
  if (!isAge(age)) return age;

  const field = input.ageDays !== undefined ? 'ageDays' : 'ageMonths';
  const bmiOf = (cm: number): number => input.weightKg / (cm / 100) ** 2;
  if (age.months >= UNDER_5) {
    const bmi = bmiOf(input.lengthOrHeightCm);
    const s = spec('bmi-for-age', BMI_FOR_AGE_5_19, true, implausibleBeyond5, 'age-5-19');
    return scoreAt(s, input.sex, age.months, bmi, field, { bmi });
  }
  const positioned = positionMeasure(input.lengthOrHeightCm, input.measured, age);
  const bmi = bmiOf(positioned.cm);
  const s = spec('bmi-for-age', BMI_FOR_AGE, true, implausibleBeyond5, positioned.basis);
  return scoreAt(s, input.sex, age.days, bmi, field, {
    flags: positioned.flags,
    bmi,
    ...(positioned.adjusted ? { adjustedMeasureCm: positioned.cm } : {}),
  });
}

/** MUAC-for-age z-score, 3 up to 60 months (restricted beyond ±3 SD, as in anthro). */
export function muacForAge(input: MuacForAgeInput): ZScoreResult {
  const bad = checkRange('muacMm', input.muacMm, MUAC_MM);
  if (bad) return bad;
  const age = requireAge(input);
  if (!isAge(age)) return age;
  if (age.days < MUAC_FROM_DAYS || age.months >= UNDER_5) {
    return ageOutOfRange(
      input,
      MUAC_FROM_DAYS / DAYS_PER_MONTH,
      UNDER_5,
      'must be 3 months (91 days) up to 60 months',
    );
  }

  const s = spec('muac-for-age', ARM_CIRCUMFERENCE_FOR_AGE, true, implausibleBeyond5);
  const field = input.ageDays !== undefined ? 'ageDays' : 'ageMonths';
  return scoreAt(s, input.sex, age.days, input.muacMm / 10, field);
}
