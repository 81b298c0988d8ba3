/**
 * The formulations a clinic stocks for every drug the IMCI charts prescribe (imci-facts C.1-C.14,
 * A.11). `step` is the smallest amount that can be given: tablets to ½ (¼ where a chart prints
 * quarters), syrups to 0.5 ml, injections to 0.1 ml (1 ml syringe), drops to 0.25 ml where the
 * chart prints quarter-ml volumes. Tags: V verified, V2 secondary, K team knowledge (imci-facts 0.1).
 */
import { ANTIBIOTICS, ANTIMALARIALS } from './formulary-antimicrobials.js';
import { NUTRITION_AND_FLUIDS, SUPPORTIVE, TOPICALS } from './formulary-supportive.js';
import type { Formulation } from './types.js';

/** Every formulation the formulary knows, in a stable order. */
export const FORMULARY: readonly Formulation[] = [
  ...ANTIBIOTICS,
  ...ANTIMALARIALS,
  ...SUPPORTIVE,
  ...TOPICALS,
  ...NUTRITION_AND_FLUIDS,
];

const BY_ID = new Map(FORMULARY.map((f) => [f.id, f]));

/** The formulation with this id, or undefined. */
export function findFormulation(id: string): Formulation | undefined {
  return BY_ID.get(id);
}

/** Formulations of one drug, in formulary order. */
export function formulationsOf(drug: string): readonly Formulation[] {
  return FORMULARY.filter((f) => f.drug === drug);
}
