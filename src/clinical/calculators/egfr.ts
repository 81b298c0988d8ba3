/**
 * eGFR by the race-free CKD-EPI 2021 creatinine equation, adults 18 years and over, with the
 * KDIGO G stage (imci-facts E.9: kidney.org "CKD-EPI Creatinine Equation (2021)", V; Inker et
 * al., NEJM 2021;385:1737; stages V2).
 */
import { checkRange, firstProblem, outOfRange, roundTo } from './result.js';
import type { OutOfRange } from './result.js';

/** Creatinine units accepted; µmol/L is divided by 88.4 (imci-facts E.9). */
export type CreatinineUnit = 'mg/dL' | 'umol/L';

/** Inputs of eGFR. */
export interface EgfrInput {
  readonly creatinine: number;
  readonly unit: CreatinineUnit;
  readonly sex: 'male' | 'female';
  readonly ageYears: number;
}

/** KDIGO GFR categories. */
export type KdigoStage = 'G1' | 'G2' | 'G3a' | 'G3b' | 'G4' | 'G5';

/** eGFR in mL/min/1.73 m² (1 decimal) and the KDIGO stage of that value. */
export type EgfrResult =
  { readonly kind: 'ok'; readonly egfr: number; readonly stage: KdigoStage } | OutOfRange;

/** µmol/L per mg/dL of creatinine. */
export const CREATININE_UMOL_PER_MG_DL = 88.4;

/** Sanity bounds of serum creatinine in mg/dL (ours, not a guideline number). */
const CREATININE_MG_DL = { min: 0.1, max: 30 };

// KDIGO: G1 >=90, G2 60-89, G3a 45-59, G3b 30-44, G4 15-29, G5 <15 (imci-facts E.9, V2).
const STAGE_FLOORS: readonly (readonly [number, KdigoStage])[] = [
  [90, 'G1'],
  [60, 'G2'],
  [45, 'G3a'],
  [30, 'G3b'],
  [15, 'G4'],
];

/** KDIGO G stage of an eGFR value. */
export function kdigoStage(egfr: number): KdigoStage {
  return STAGE_FLOORS.find(([floor]) => egfr >= floor)?.[1] ?? 'G5';
}

function checkInputs(input: EgfrInput): OutOfRange | undefined {
  const perUnit = input.unit === 'umol/L' ? CREATININE_UMOL_PER_MG_DL : 1;
  const range = { min: CREATININE_MG_DL.min * perUnit, max: CREATININE_MG_DL.max * perUnit };
  const age = checkRange('ageYears', input.ageYears, { min: 18, max: 130 });
  const ageWhy = 'must be 18 to 130 years: CKD-EPI 2021 is for adults only';
  return firstProblem(
    checkRange('creatinine', input.creatinine, range),
    age ? outOfRange('ageYears', input.ageYears, age.range, ageWhy) : undefined,
  );
}

/**
 * eGFR = 142 × min(Scr/κ, 1)^α × max(Scr/κ, 1)^-1.200 × 0.9938^age × 1.012 (female), with
 * κ 0.7 (F) / 0.9 (M) and α -0.241 (F) / -0.302 (M), Scr in mg/dL (imci-facts E.9, V).
 */
export function egfrCkdEpi2021(input: EgfrInput): EgfrResult {
  const bad = checkInputs(input);
  if (bad) return bad;

  const female = input.sex === 'female';
  const scr =
    input.unit === 'umol/L' ? input.creatinine / CREATININE_UMOL_PER_MG_DL : input.creatinine;
  const ratio = scr / (female ? 0.7 : 0.9);
  const alpha = female ? -0.241 : -0.302;
  const value =
    142 *
    Math.min(ratio, 1) ** alpha *
    Math.max(ratio, 1) ** -1.2 *
    0.9938 ** input.ageYears *
    (female ? 1.012 : 1);
  const egfr = roundTo(value, 1);

  // The stage is read from the reported (rounded) value so the two never disagree.
  return { kind: 'ok', egfr, stage: kdigoStage(egfr) };
}
