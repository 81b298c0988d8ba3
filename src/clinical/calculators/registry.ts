/**
 * The calculator registry: every calculator adapters can offer, by kebab-case name. Importing
 * it does not decode any growth table; tables are decoded on their first lookup.
 */
import type { CalculatorDescriptor } from './descriptor.js';
import { BODY_CALCULATORS, SCORE_CALCULATORS } from './descriptors-bedside.js';
import { GROWTH_CALCULATORS } from './descriptors-growth.js';

/** All calculators, growth z-scores first. */
export const CALCULATORS: readonly CalculatorDescriptor[] = [
  ...GROWTH_CALCULATORS,
  ...BODY_CALCULATORS,
  ...SCORE_CALCULATORS,
];

/** The calculator with this name, or undefined. */
export function findCalculator(name: string): CalculatorDescriptor | undefined {
  return CALCULATORS.find((c) => c.name === name);
}
