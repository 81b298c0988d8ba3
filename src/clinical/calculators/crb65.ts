/**
 * CRB-65 and CURB-65 pneumonia severity in adults (imci-facts D.4, V2; Lim et al., Thorax
 * 2003;58:377, K): one point each for new confusion, urea > 7 mmol/L (CURB-65 only),
 * respiratory rate >= 30/min, systolic BP < 90 or diastolic BP <= 60 mmHg, age >= 65 years.
 */
import { DIASTOLIC_BP, RESPIRATORY_RATE, SYSTOLIC_BP } from './limits.js';
import { checkRange, firstProblem, outOfRange } from './result.js';
import type { OutOfRange } from './result.js';

/** Inputs of CRB-65; give `ureaMmolL` to get CURB-65 too. */
export interface Crb65Input {
  readonly confusion: boolean;
  readonly respiratoryRate: number;
  readonly systolicBp: number;
  readonly diastolicBp: number;
  readonly ageYears: number;
  readonly ureaMmolL?: number | undefined;
}

/** Risk groups: CRB-65 0 low, 1-2 intermediate, 3-4 high (imci-facts D.4, V2). */
export type PneumoniaRisk = 'low' | 'intermediate' | 'high';

/** CRB-65 (and CURB-65 when urea is given) with the criteria met. */
export type Crb65Result =
  | {
      readonly kind: 'ok';
      readonly crb65: number;
      readonly crb65Risk: PneumoniaRisk;
      readonly curb65?: number;
      readonly curb65Risk?: PneumoniaRisk;
      readonly criteria: readonly string[];
    }
  | OutOfRange;

export const CRB65_RR_AT_LEAST = 30;
export const CRB65_SBP_BELOW = 90;
// imci-facts D.4 FLAG: BMJ Best Practice writes "<60"; Lim 2003 uses <= 60, which we follow.
export const CRB65_DBP_AT_MOST = 60;
export const CRB65_AGE_AT_LEAST = 65;
export const CURB65_UREA_ABOVE_MMOL_L = 7;

/** CRB-65 risk group (imci-facts D.4). */
export function crb65Risk(score: number): PneumoniaRisk {
  if (score === 0) return 'low';
  return score <= 2 ? 'intermediate' : 'high';
}

/** CURB-65 risk group: 0-1 low, 2 intermediate, 3-5 high (Lim 2003, K). */
export function curb65Risk(score: number): PneumoniaRisk {
  if (score <= 1) return 'low';
  return score === 2 ? 'intermediate' : 'high';
}

function checkInputs(input: Crb65Input): OutOfRange | undefined {
  const adult = input.ageYears >= 18 && input.ageYears <= 130;
  return firstProblem(
    checkRange('respiratoryRate', input.respiratoryRate, RESPIRATORY_RATE),
    checkRange('systolicBp', input.systolicBp, SYSTOLIC_BP),
    checkRange('diastolicBp', input.diastolicBp, DIASTOLIC_BP),
    adult
      ? undefined
      : outOfRange(
          'ageYears',
          input.ageYears,
          { min: 18, max: 130 },
          'must be 18 to 130 years: CRB-65 is an adult score',
        ),
    input.ureaMmolL === undefined
      ? undefined
      : checkRange('ureaMmolL', input.ureaMmolL, { min: 0, max: 150 }),
  );
}

/** CRB-65, and CURB-65 when urea is given (imci-facts D.4). */
export function crb65(input: Crb65Input): Crb65Result {
  const bad = checkInputs(input);
  if (bad) return bad;

  const criteria: string[] = [];
  if (input.confusion) criteria.push('confusion');
  if (input.respiratoryRate >= CRB65_RR_AT_LEAST) criteria.push('respiratory rate >= 30/min');
  const lowBp = input.systolicBp < CRB65_SBP_BELOW || input.diastolicBp <= CRB65_DBP_AT_MOST;
  if (lowBp) criteria.push('systolic BP < 90 or diastolic BP <= 60 mmHg');
  if (input.ageYears >= CRB65_AGE_AT_LEAST) criteria.push('age >= 65 years');
  const score = criteria.length;
  if (input.ureaMmolL === undefined)
    return { kind: 'ok', crb65: score, crb65Risk: crb65Risk(score), criteria };

  const uraemic = input.ureaMmolL > CURB65_UREA_ABOVE_MMOL_L;
  const curb65 = score + (uraemic ? 1 : 0);
  const all = uraemic ? [...criteria, 'urea > 7 mmol/L'] : criteria;
  return {
    kind: 'ok',
    crb65: score,
    crb65Risk: crb65Risk(score),
    curb65,
    curb65Risk: curb65Risk(curb65),
    criteria: all,
  };
}
