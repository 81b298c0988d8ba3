/**
 * What `prescribe` returns. Expected clinical outcomes are values, not exceptions
 * (STYLE.md, "Errors"): missing data, a patient outside the chart's rows, or nothing usable in
 * stock each have their own shape.
 */
import type { ContentUnit, DoseUnit, Duration, Route } from './types.js';

/** Patient facts dosing needs; any may be unknown. Weight is used as given, never rounded. */
export interface DosingPatient {
  readonly weightKg?: number;
  readonly ageMonths?: number;
  readonly ageDays?: number;
}

export interface PrescribeOptions {
  /** Formulation ids on hand; default: every formulation of the formulary. */
  readonly stock?: readonly string[];
}

/** The amount to give per dose, with the text a health worker reads ("1½ tablets"). */
export interface DoseAmount {
  readonly value: number;
  readonly unit: DoseUnit;
  readonly text: string;
}

/** One step of a fluid plan (Plan C: 30 ml/kg, then 70 ml/kg). */
export interface FluidPhase {
  readonly volumeMl: number;
  readonly overMinutes: number;
  readonly text: string;
}

/** Fluid plans only: the phases, the chart's volume range, or the per-stool volumes. */
export interface FluidPlan {
  readonly totalMl?: number;
  readonly rangeMl?: { readonly min: number; readonly max: number };
  readonly phases?: readonly FluidPhase[];
}

export interface Prescription {
  readonly kind: 'ok';
  readonly regimenId: string;
  readonly drug: string;
  readonly formulation: string;
  readonly amount: DoseAmount;
  /** Active content per dose in its own unit (mg, IU, units, kcal, ml). */
  readonly dose?: { readonly value: number; readonly unit: ContentUnit };
  readonly doseMg?: number;
  /** mg/kg actually delivered by the rounded amount (not the target). */
  readonly mgPerKg?: number;
  readonly frequencyPerDay: number | 'as-needed';
  readonly durationDays?: number;
  readonly duration: Duration;
  readonly timing: string;
  readonly route: Route;
  /** Text of the chart row used, when a band table chose the dose. */
  readonly band?: string;
  readonly basis: 'weight' | 'age';
  readonly fluid?: FluidPlan;
  readonly citation: string;
  readonly warnings: readonly string[];
}

/** A field dosing needs; `missing` lists them in order of preference, any one suffices. */
export type DosingField = 'weightKg' | 'ageMonths' | 'ageDays';

export interface InsufficientData {
  readonly kind: 'insufficient-data';
  readonly regimenId: string;
  readonly missing: readonly DosingField[];
}

export interface OutOfRange {
  readonly kind: 'out-of-range';
  readonly regimenId: string;
  readonly field: DosingField;
  readonly value: number;
  /** Covered range; `max` is exclusive unless `maxInclusive`. */
  readonly range: { readonly min?: number; readonly max?: number; readonly maxInclusive?: boolean };
}

export interface NotInStock {
  readonly kind: 'not-in-stock';
  readonly regimenId: string;
  /** Formulation ids any one of which would allow this dose to be given. */
  readonly needed: readonly string[];
}

export type PrescribeResult = Prescription | InsufficientData | OutOfRange | NotInStock;
