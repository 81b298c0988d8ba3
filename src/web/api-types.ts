/**
 * The shapes of the node's JSON answers the app reads (src/clinic/node routes and the consult
 * result of src/clinic/consult/consult-result.ts). Declared here, not imported, because the
 * browser code compiles without Node types; only the fields the app shows are listed.
 */

export type Role = 'chw' | 'nurse' | 'doctor' | 'admin' | 'support';

export interface Me {
  user: { id: string; name: string; role: Role };
  permissions: string[];
  expiresAt: string;
}

export interface StatusView {
  mode: 'ONLINE' | 'OFFLINE' | 'DEGRADED';
  lastSyncAt: string | null;
  queued: number;
  syncing: boolean;
  progress: { done: number; total: number } | null;
  lastError: string | null;
  alerts: { id: string; severity: string; title: string; body: string }[];
  knowledgeVersion: string | null;
  edition: { id: string; name: string };
  /** Whether the clinic has a model to ask for notes (older nodes leave it out). */
  model?: { available: boolean };
}

export interface QuestionSpec {
  key: string;
  type: 'boolean' | 'number' | 'enum' | 'string';
  box: string;
  values?: string[];
  unit?: string;
  range?: { min: number; max: number };
}

export interface GuidedStep {
  box: string;
  questions: QuestionSpec[];
}

export interface NextAnswer {
  steps: GuidedStep[];
  protocol: { id: string; title: string } | null;
  edition: { id: string; name: string };
}

export interface PassageLink {
  id: string;
  title: string;
  citation: string;
  lang: string;
  reviewed: boolean;
}

export type Severity = 'urgent-referral' | 'specific-treatment' | 'home-care';

export interface Classification {
  id: string;
  name: string;
  severity: Severity;
  colour: 'pink' | 'yellow' | 'green';
  status: 'final' | 'provisional';
  firedBy: { key: string; value: unknown }[];
  citation: { document: string; edition: string; section: string };
  passages: PassageLink[];
}

export interface Treatment {
  id: string;
  kind: 'regimen' | 'action';
  phase: string;
  text: string;
  dose: { kind: string; formulation?: string; amount?: { text: string }; timing?: string } | null;
  passages: PassageLink[];
}

export interface SafetyAlert {
  kind: string;
  severity: string;
  drugs: string[];
  effect: string;
  action: string;
}

export interface SavedEncounter {
  encounterId: string;
  created: boolean;
  patientId: string | null;
  duplicates: { id: string }[];
}

export interface ConsultResult {
  outcome: string;
  edition: { id: string; name: string };
  protocol: { id: string; title: string } | null;
  classifications: Classification[];
  urgentReferral: boolean;
  treatments: Treatment[];
  followUp: { days: number; date: string } | null;
  counselling: { id: string; text: string; passages: PassageLink[] }[];
  toAssess: string[];
  toAssessLater: string[];
  reminders: { kind: string; message: string }[];
  safety: { alerts: SafetyAlert[]; unknownMedicines: string[]; unknownAllergies: string[] };
  notes: string[];
  knowledge: { version: string | null; lang: string };
  saved: SavedEncounter | null;
}

export interface Patient {
  id: string;
  name: string | null;
  sex: string | null;
  dateOfBirth: string | null;
  village: string | null;
  phone: string | null;
}

export interface EncounterSummary {
  id: string;
  visitDate: string;
  followUpDate: string | null;
  urgentReferral: boolean;
  classifications: string[];
  overrides: { classificationId: string }[];
  weightKg: number | null;
}

/** The model step as the node keeps it under `result.model` (after the safety gate). */
export interface ModelNotes {
  servedBy: string;
  contribution: {
    summary: string | null;
    /** Merged from the local and cloud answers, ranked by confidence weight. */
    differential: { text: string; confidence: string }[];
    redFlags: { text: string }[];
  } | null;
  /** What the gate dropped: the model's text and why. */
  overruled: { field: string; reason: string; text: string }[];
}

/** One past encounter as the history opens it. */
export interface EncounterDetail extends EncounterSummary {
  model: ModelNotes | null;
}

export interface Passage {
  id: string;
  title: string;
  body: string;
  citation: string;
  lang: string;
  reviewed: boolean;
}
