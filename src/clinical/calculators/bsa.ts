/** Body surface area by the Mosteller formula (imci-facts E.2; Mosteller, NEJM 1987;317:1098). */
import { HEIGHT_CM, WEIGHT_KG } from './limits.js';
import { checkRange, firstProblem, roundTo } from './result.js';
import type { OutOfRange } from './result.js';

/** Inputs of the BSA calculator. */
export interface BsaInput {
  readonly weightKg: number;
  readonly heightCm: number;
}

/** BSA in m², rounded to 3 decimals. */
export type BsaResult = { readonly kind: 'ok'; readonly bsaM2: number } | OutOfRange;

/** BSA (m²) = sqrt(height (cm) × weight (kg) / 3600) (imci-facts E.2). */
export function bsaMosteller(input: BsaInput): BsaResult {
  const bad = firstProblem(
    checkRange('weightKg', input.weightKg, WEIGHT_KG),
    checkRange('heightCm', input.heightCm, HEIGHT_CM),
  );
  if (bad) return bad;

  return { kind: 'ok', bsaM2: roundTo(Math.sqrt((input.heightCm * input.weightKg) / 3600), 3) };
}
