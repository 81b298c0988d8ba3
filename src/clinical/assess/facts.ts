/**
 * Turns a parsed case into the flat facts the engine reads: the findings, the patient figures
 * (age_months, age_days, temperature_c, weight_kg), and a few facts derived from free strings.
 */
import type { FactValue, Facts } from '../engine/condition.js';

/** The part of a parsed case the engine needs (see src/clinical/case). */
export interface AssessInput {
  patient: {
    age: { days: number | null; months: number | null; daysEstimated?: boolean };
    sex?: 'male' | 'female';
    weightKg?: number;
    temperatureC?: number;
  };
  findings: Readonly<Record<string, FactValue | undefined>>;
}

/** Clinic settings that change which tables apply. */
export interface AssessSettings {
  /** HIV is prioritized in this country: the HIV table is used (imci-facts A.8). */
  hivPrioritized?: boolean;
}

// "Does the infant usually receive any other foods or drinks?" is recorded in the source's own
// words (VOCABULARY.md); a plain "no"/"none" answers it negatively.
const NONE_ANSWERS = /^\s*(no|none|nothing|not|nil|-)\s*\.?\s*$/i;

/** Builds the engine facts of one case. */
export function buildFacts(input: AssessInput, settings: AssessSettings = {}): Facts {
  const facts: Record<string, FactValue | undefined> = { ...input.findings };
  const { age, temperatureC, weightKg, sex } = input.patient;
  if (age.months !== null) facts.age_months = age.months;
  // Days estimated from months are not used by day-level rules (jaundice in the first 24
  // hours, gentamicin under 7 days): those rules then ask for the age in days.
  if (age.days !== null && age.daysEstimated !== true) facts.age_days = age.days;
  if (temperatureC !== undefined) facts.temperature_c = temperatureC;
  if (weightKg !== undefined) facts.weight_kg = weightKg;
  if (sex !== undefined) facts.sex = sex;
  facts.setting_hiv_prioritized = settings.hivPrioritized === true;

  const other = input.findings.other_foods_or_drinks;
  if (typeof other === 'string' && other.trim() !== '') {
    facts.receives_other_foods_or_drinks = !NONE_ANSWERS.test(other);
  }
  return facts;
}
