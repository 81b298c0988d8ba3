/**
 * Checking the patient facts dosing receives, and reading age in months or days. Values are
 * used exactly as given: a weight of 3.75 kg stays 3.75 kg (rounding happens only on the dose).
 */
import { InputError } from '../../shared/errors.js';
import type { DosingPatient } from './result.js';

/** Average month length, to turn days into months and back (365.25 / 12). */
export const DAYS_PER_MONTH = 30.4375;

// Plausibility limits that catch unit mix-ups (grams for kg, years for months), not clinical
// limits: the regimens carry their own ranges.
const LIMITS = {
  weightKg: { min: 0.3, max: 250 },
  ageMonths: { min: 0, max: 1500 },
  ageDays: { min: 0, max: 45_000 },
} as const;

/** Throws InputError naming the field and showing the value when a fact is not plausible. */
export function assertPatient(patient: DosingPatient): void {
  const issues = (Object.keys(LIMITS) as (keyof typeof LIMITS)[]).flatMap((field) => {
    const value = patient[field];
    if (value === undefined) return [];
    const { min, max } = LIMITS[field];
    if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max) {
      return [];
    }

    return [{ field, message: `must be a number from ${min} to ${max}, got [${String(value)}]` }];
  });
  if (issues.length > 0) throw new InputError(issues);
}

/** Age in months, from months when given, else from days. */
export function ageInMonths(patient: DosingPatient): number | undefined {
  if (patient.ageMonths !== undefined) return patient.ageMonths;
  if (patient.ageDays !== undefined) return patient.ageDays / DAYS_PER_MONTH;

  return undefined;
}

/**
 * Whether the patient is younger than `days`. Months are taken as completed months, so a value
 * under 1 month cannot tell 5 days from 20: the answer is then 'unknown' and the caller asks
 * for the age in days.
 */
export function isYoungerThanDays(patient: DosingPatient, days: number): boolean | 'unknown' {
  if (patient.ageDays !== undefined) return patient.ageDays < days;
  if (patient.ageMonths === undefined) return 'unknown';
  if (patient.ageMonths * DAYS_PER_MONTH >= days) return false;

  return 'unknown';
}
