/**
 * Body mass index and the WHO adult BMI classes (imci-facts E.1; WHO adult classification,
 * K). Children and adolescents are classified by BMI-for-age z-score instead (growth module).
 */
import { AGE_YEARS, HEIGHT_CM, WEIGHT_KG } from './limits.js';
import { checkRange, firstProblem, roundTo } from './result.js';
import type { OutOfRange } from './result.js';

/** WHO adult BMI classes (imci-facts E.1, K). */
export type AdultBmiClass =
  | 'severe-thinness'
  | 'moderate-thinness'
  | 'mild-thinness'
  | 'normal'
  | 'overweight'
  | 'obese-class-1'
  | 'obese-class-2'
  | 'obese-class-3';

/** Inputs of the BMI calculator; give `ageYears` to withhold adult classes from children. */
export interface BmiInput {
  readonly weightKg: number;
  readonly heightCm: number;
  readonly ageYears?: number | undefined;
}

/** BMI in kg/m² (1 decimal) with the adult class, or a note to use BMI-for-age. */
export type BmiResult =
  | {
      readonly kind: 'ok';
      readonly bmi: number;
      readonly adultClass?: AdultBmiClass;
      readonly note?: string;
    }
  | OutOfRange;

/** Adult classes apply from 18 years; below that WHO uses BMI-for-age (imci-facts E.1). */
export const ADULT_BMI_FROM_YEARS = 18;

// Lower bounds of each class on the 1-decimal BMI, highest first (imci-facts E.1, K):
// <16.0 severe thinness; 16.0-16.9 moderate; 17.0-18.4 mild; 18.5-24.9 normal;
// 25.0-29.9 overweight; 30.0-34.9 obese I; 35.0-39.9 obese II; >=40 obese III.
const CLASS_FLOORS: readonly (readonly [number, AdultBmiClass])[] = [
  [40, 'obese-class-3'],
  [35, 'obese-class-2'],
  [30, 'obese-class-1'],
  [25, 'overweight'],
  [18.5, 'normal'],
  [17, 'mild-thinness'],
  [16, 'moderate-thinness'],
];

/** The WHO adult class of a BMI already rounded to 1 decimal. */
export function classifyAdultBmi(bmi: number): AdultBmiClass {
  return CLASS_FLOORS.find(([floor]) => bmi >= floor)?.[1] ?? 'severe-thinness';
}

/** BMI = weight (kg) / height (m)², rounded to 1 decimal (imci-facts E.1). */
export function bmi(input: BmiInput): BmiResult {
  const bad = firstProblem(
    checkRange('weightKg', input.weightKg, WEIGHT_KG),
    checkRange('heightCm', input.heightCm, HEIGHT_CM),
    input.ageYears === undefined ? undefined : checkRange('ageYears', input.ageYears, AGE_YEARS),
  );
  if (bad) return bad;

  const value = roundTo(input.weightKg / (input.heightCm / 100) ** 2, 1);
  if (input.ageYears !== undefined && input.ageYears < ADULT_BMI_FROM_YEARS) {
    const note = 'under 18 years: classify by BMI-for-age z-score, not by adult classes';
    return { kind: 'ok', bmi: value, note };
  }
  return { kind: 'ok', bmi: value, adultClass: classifyAdultBmi(value) };
}
