/**
 * Turns the planned treatments into doses for this patient, one line per drug: when two tables
 * call for the same drug (amoxicillin for pneumonia and for an ear infection), the first, most
 * urgent regimen is given once and covers both.
 */
import {
  findRegimen,
  prescribe,
  type DosingPatient,
  type PrescribeResult,
} from '../dosing/index.js';
import type { PlannedTreatment } from './assess.js';

export interface DosedTreatment extends PlannedTreatment {
  /** Drug id, for the safety check. */
  drug: string | null;
  dose: PrescribeResult | null;
  /** Another regimen of the same drug already covers this one. */
  coveredBy: string | null;
}

/** Doses every regimen of the plan; actions pass through unchanged. */
export function doseTreatments(
  plan: readonly PlannedTreatment[],
  patient: DosingPatient,
  stock?: readonly string[],
): DosedTreatment[] {
  const drugs = new Map<string, string>();
  return plan.map((t) => {
    if (t.kind !== 'regimen') return { ...t, drug: null, dose: null, coveredBy: null };
    const regimen = findRegimen(t.id);
    const drug = regimen?.drug ?? null;
    const first = drug === null ? undefined : drugs.get(drug);
    if (first !== undefined) return { ...t, drug, dose: null, coveredBy: first };
    if (drug !== null) drugs.set(drug, t.id);
    const dose = prescribe(t.id, patient, stock === undefined ? {} : { stock });
    return { ...t, drug, dose, coveredBy: null };
  });
}
