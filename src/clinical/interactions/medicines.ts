/**
 * The medicine catalogue of the safety checker: formulary drugs and current medicines.
 */
import { CURRENT_MEDICINES } from './medicines-current.js';
import { FORMULARY_MEDICINES } from './medicines-formulary.js';
import type { Medicine } from './types.js';

/** Every medicine the checker knows, formulary first. */
export const MEDICINES: readonly Medicine[] = [...FORMULARY_MEDICINES, ...CURRENT_MEDICINES];

const BY_ID = new Map(MEDICINES.map((m) => [m.id, m]));

/** The medicine with this id, or undefined. */
export function findMedicine(id: string): Medicine | undefined {
  return BY_ID.get(id);
}
