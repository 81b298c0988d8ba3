/**
 * The drug list screen: each formulary drug with its name and the products stocked.
 */
import { FORMULARY } from '../dosing/formulary.js';
import { MEDICINES } from './medicines.js';

export interface DrugListEntry {
  readonly id: string;
  readonly name: string;
  readonly formulations: readonly {
    readonly id: string;
    readonly form: string;
    readonly strength: string;
  }[];
}

/**
 * Drugs for a list screen. `formulary` (default): drugs with stocked products; `all`: also the
 * current medicines the checker recognises, with no products.
 */
export function listDrugs(scope: 'formulary' | 'all' = 'formulary'): DrugListEntry[] {
  return MEDICINES.map((m) => ({
    id: m.id,
    name: m.name,
    formulations: FORMULARY.filter((f) => f.drug === m.id).map((f) => ({
      id: f.id,
      form: f.form,
      strength: f.strength,
    })),
  })).filter((d) => scope === 'all' || d.formulations.length > 0);
}
