/**
 * qSOFA sepsis screen, Sepsis-3 (imci-facts D.3; Seymour et al., JAMA 2016;315:762, V):
 * one point each for respiratory rate >= 22/min, systolic BP <= 100 mmHg and altered
 * mentation; a score of 2 or more in suspected infection means high risk of poor outcome. It
 * is a prognostic prompt, not a diagnostic test.
 */
import { RESPIRATORY_RATE, SYSTOLIC_BP } from './limits.js';
import { checkRange, firstProblem } from './result.js';
import type { OutOfRange } from './result.js';

/** Inputs of qSOFA. */
export interface QsofaInput {
  readonly respiratoryRate: number;
  readonly systolicBp: number;
  /** Any new confusion or GCS below 15 (imci-facts D.3). */
  readonly alteredMentation: boolean;
}

/** qSOFA score 0-3, the criteria met, and the high-risk flag (score >= 2). */
export type QsofaResult =
  | {
      readonly kind: 'ok';
      readonly score: number;
      readonly criteria: readonly string[];
      readonly highRisk: boolean;
    }
  | OutOfRange;

// imci-facts D.3 FLAG: some sites print ">22" and "<100"; the original uses >= 22 and <= 100.
export const QSOFA_RR_AT_LEAST = 22;
export const QSOFA_SBP_AT_MOST = 100;
export const QSOFA_HIGH_RISK_FROM = 2;

/** qSOFA score (imci-facts D.3). */
export function qsofa(input: QsofaInput): QsofaResult {
  const bad = firstProblem(
    checkRange('respiratoryRate', input.respiratoryRate, RESPIRATORY_RATE),
    checkRange('systolicBp', input.systolicBp, SYSTOLIC_BP),
  );
  if (bad) return bad;

  const criteria: string[] = [];
  if (input.respiratoryRate >= QSOFA_RR_AT_LEAST) criteria.push('respiratory rate >= 22/min');
  if (input.systolicBp <= QSOFA_SBP_AT_MOST) criteria.push('systolic BP <= 100 mmHg');
  if (input.alteredMentation) criteria.push('altered mentation');

  const score = criteria.length;
  return { kind: 'ok', score, criteria, highRisk: score >= QSOFA_HIGH_RISK_FROM };
}
