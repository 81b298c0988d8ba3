/**
 * Sanity bounds for raw inputs. These are not clinical cut-offs and no guideline defines them:
 * they are chosen by us to be wider than any human measurement on record, so that they catch
 * typing errors (grams typed as kilograms, metres as centimetres) without refusing a real
 * patient. Calculators with a narrower defined domain (a table, an age band) check that too.
 */
import type { Range } from './result.js';

/** Body weight in kg: extremely preterm newborns (~0.25 kg) up to the heaviest adults. */
export const WEIGHT_KG: Range = { min: 0.2, max: 350 };

/** Length or height in cm: extremely preterm newborns (~25 cm) up to the tallest adults. */
export const HEIGHT_CM: Range = { min: 20, max: 260 };

/** Age in completed years. */
export const AGE_YEARS: Range = { min: 0, max: 130 };

/** Respiratory rate in breaths/min. */
export const RESPIRATORY_RATE: Range = { min: 0, max: 150 };

/** Systolic blood pressure in mmHg (0 = unrecordable). */
export const SYSTOLIC_BP: Range = { min: 0, max: 300 };

/** Diastolic blood pressure in mmHg. */
export const DIASTOLIC_BP: Range = { min: 0, max: 200 };
