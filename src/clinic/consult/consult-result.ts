/**
 * The consult result: the stable JSON contract of `medassist consult --format json` and of the
 * local HTTP API (docs/consult-result.md documents every field). Version it when it changes.
 */
import type { Assessment, ReportedClassification } from '../../clinical/assess/assess.js';
import type { DosedTreatment } from '../../clinical/assess/doses.js';
import type { SafetyReport } from '../../clinical/interactions/index.js';
import type { SavedEncounter } from '../store/clinic-store.js';
import type { HybridResult } from '../../inference/orchestrator/index.js';

export const CONSULT_RESULT_VERSION = 1;

export interface PassageLink {
  id: string;
  title: string;
  citation: string;
  lang: string;
  reviewed: boolean;
}

export interface ConsultClassification extends ReportedClassification {
  passages: readonly PassageLink[];
}

export interface ConsultTreatment extends DosedTreatment {
  text: string;
  passages: readonly PassageLink[];
}

export interface ConsultResult {
  version: typeof CONSULT_RESULT_VERSION;
  caseId: string | null;
  visitDate: string;
  outcome: Assessment['outcome'];
  edition: Assessment['edition'];
  protocol: Assessment['protocol'];
  patient: {
    ageMonths: number | null;
    ageDays: number | null;
    ageSource: string;
    sex: string | null;
    weightKg: number | null;
  };
  classifications: readonly ConsultClassification[];
  urgentReferral: boolean;
  referral: boolean;
  treatments: readonly ConsultTreatment[];
  followUp: { days: number; date: string } | null;
  counselling: readonly { id: string; text: string; passages: readonly PassageLink[] }[];
  unanswered: readonly string[];
  toAssess: readonly string[];
  toAssessLater: readonly string[];
  invalidFindings: Assessment['invalidFindings'];
  reminders: Assessment['reminders'];
  safety: SafetyReport;
  notes: readonly string[];
  knowledge: { version: string | null; lang: string };
  saved: SavedEncounter | null;
  /** The model step, when a model is configured (absent otherwise): docs/consult-result.md. */
  model?: HybridResult;
}
