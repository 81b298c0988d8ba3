/**
 * Turning a chosen product and amount into the prescription a health worker reads: the dose in
 * mg (or IU, units, kcal), the mg/kg it actually delivers, and every warning that applies.
 */
import type { DosingPatient, FluidPlan, Prescription } from './result.js';
import { amountText, clean } from './rounding.js';
import type { Formulation, Regimen } from './types.js';

/** What a dosing path decided, before it is dressed as a prescription. */
export interface DoseChoice {
  readonly formulation: Formulation;
  readonly amount: number;
  readonly amountText?: string;
  readonly band?: string;
  readonly basis: 'weight' | 'age';
  readonly warnings?: readonly string[];
  readonly fluid?: FluidPlan;
}

/** The prescription for a choice; mg/kg is computed from the amount actually given. */
export function buildPrescription(
  regimen: Regimen,
  choice: DoseChoice,
  patient: DosingPatient,
): Prescription {
  const f = choice.formulation;
  const text = choice.amountText ?? amountText(choice.amount, f.unit);
  const warnings = [...(regimen.warnings ?? []), ...(f.warnings ?? []), ...(choice.warnings ?? [])];

  return {
    kind: 'ok',
    regimenId: regimen.id,
    drug: f.drug,
    formulation: f.id,
    amount: { value: choice.amount, unit: f.unit, text },
    ...contentFields(f, choice.amount, patient.weightKg),
    frequencyPerDay: regimen.frequencyPerDay,
    ...(regimen.duration.kind === 'days' ? { durationDays: regimen.duration.days } : {}),
    duration: regimen.duration,
    timing: regimen.timing,
    route: f.route,
    ...(choice.band === undefined ? {} : { band: choice.band }),
    basis: choice.basis,
    ...(choice.fluid === undefined ? {} : { fluid: choice.fluid }),
    citation: regimen.citation,
    warnings: [...new Set(warnings)],
  };
}

type ContentFields = Pick<Prescription, 'dose' | 'doseMg' | 'mgPerKg'>;

/** Dose in the product's content unit; doseMg and mgPerKg only when that unit is mg. */
function contentFields(f: Formulation, amount: number, weightKg?: number): ContentFields {
  if (f.contentPerUnit === undefined || f.contentUnit === undefined) return {};
  // Fluids are already in ml in `amount`; a dose field would only repeat it.
  if (f.contentUnit === 'ml') return {};

  const value = clean(amount * f.contentPerUnit);
  const dose = { value, unit: f.contentUnit };
  if (f.contentUnit !== 'mg') return { dose };
  if (weightKg === undefined) return { dose, doseMg: value };

  return { dose, doseMg: value, mgPerKg: Math.round((value / weightKg) * 100) / 100 };
}

/** "delivers 25.3 mg/kg" style number for warnings. */
export function perKgText(dose: number, weightKg: number): string {
  return String(Math.round((dose / weightKg) * 10) / 10);
}
