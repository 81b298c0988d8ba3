/** The case being assessed, in the neutral case format the node reads (VOCABULARY.md). */

export type Answer = boolean | number | string;

export interface PatientDraft {
  age_months?: number;
  age_days?: number;
  sex?: 'male' | 'female';
  weight_kg?: number;
  temperature_c?: number;
  medicines?: string[];
  allergies?: string[];
  id?: string;
}

export interface CaseDraft {
  patient: PatientDraft;
  findings: Record<string, Answer>;
}

/** Comma-separated free text to a list, empty entries dropped. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
