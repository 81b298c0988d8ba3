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
    if (t.coveredBySlot !== null) return { ...t, drug, dose: null, coveredBy: t.coveredBySlot };
    const first = drug === null ? undefined : drugs.get(drug);
    if (first !== undefined) return { ...t, drug, dose: null, coveredBy: first };
    if (drug !== null) drugs.set(drug, t.id);
    return { ...t, drug, dose: doseWithFallback(t.id, patient, stock), coveredBy: null };
  });
}

/**
 * The chart chooses the row by weight, by age when there is no weight (HB05 p.91). A weight
 * outside every weight row (a 20 kg child under 5) falls back to the age row, with a warning
 * showing the mg/kg that row delivers, rather than leaving the child without the drug.
 */
function doseWithFallback(
  id: string,
  patient: DosingPatient,
  stock?: readonly string[],
): PrescribeResult {
  const options = stock === undefined ? {} : { stock };
  const dose = prescribe(id, patient, options);
  if (dose.kind !== 'out-of-range' || dose.field !== 'weightKg' || patient.weightKg === undefined)
    return dose;
  const { weightKg, ...byAge } = patient;
  const aged = prescribe(id, byAge, options);
  if (aged.kind !== 'ok') return dose;
  const mgPerKg = aged.doseMg === undefined ? null : Math.round((aged.doseMg / weightKg) * 10) / 10;
  const warning = `weight [${weightKg}] kg is outside the chart's weight rows: dose chosen by age${mgPerKg === null ? '' : ` (${mgPerKg} mg/kg at this weight)`}; check it`;
  return {
    ...aged,
    ...(mgPerKg === null ? {} : { mgPerKg }),
    warnings: [...aged.warnings, warning],
  };
}
