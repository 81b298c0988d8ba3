/**
 * A case after parsing: typed, camelCase, with one resolved age, and with the identifying data
 * kept apart from the clinical data so that the clinical part can leave the clinic anonymised
 * (ARCHITECTURE.md, "Sync").
 */
import type { ResolvedAge } from './age.js';
import type { ChartBox, Findings } from './vocabulary.js';

/** The clinical data of the patient at this visit. */
export interface PatientData {
  readonly age: ResolvedAge;
  readonly sex?: 'male' | 'female';
  readonly weightKg?: number;
  readonly temperatureC?: number;
  readonly heightCm?: number;
  readonly heightMeasured?: 'length' | 'height';
  readonly medicines: readonly string[];
  readonly allergies: readonly string[];
  readonly pregnant?: boolean;
}

/** Data that identifies the patient; never part of what is synced or logged. */
export interface PatientIdentity {
  /** A patient registered in this clinic. */
  readonly patientId?: string;
  readonly name?: string;
  readonly dateOfBirth?: string;
  readonly village?: string;
  readonly phone?: string;
}

/** One parsed case, ready for the protocol engine. */
export interface ClinicalCase {
  readonly id?: string;
  /** Calendar date of the visit, `YYYY-MM-DD`. */
  readonly visitDate: string;
  readonly patient: PatientData;
  readonly identity: PatientIdentity;
  readonly findings: Findings;
  /** The boxes the source assessed, when it says; boxes not listed were not assessed. */
  readonly assessedBoxes?: readonly ChartBox[];
  readonly meta: { readonly edition?: string; readonly source?: string };
}

/** Options of `parseCase`. */
export interface ParseCaseOptions {
  /** Visit date (`YYYY-MM-DD`) used when the case has no `visit_date`, usually today. */
  readonly visitDate: string;
}
