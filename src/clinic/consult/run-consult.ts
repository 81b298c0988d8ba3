/**
 * The consult, the main job: parse, classify, dose, check safety, link the guideline passages,
 * and save in one transaction. Nothing is saved when the input is refused.
 */
import { createHash } from 'node:crypto';
import { assess, type Assessment } from '../../clinical/assess/assess.js';
import {
  ACTIONS,
  COUNSELLING,
  feedingPassageFor,
  PASSAGE_TOPICS,
} from '../../clinical/assess/actions.js';
import { doseTreatments, type DosedTreatment } from '../../clinical/assess/doses.js';
import { assertPlausibleWeight } from '../../clinical/assess/plausibility.js';
import type { AssessSettings } from '../../clinical/assess/facts.js';
import { parseCase, type ClinicalCase } from '../../clinical/case/index.js';
import type { Edition } from '../../clinical/engine/types.js';
import { checkSafety } from '../../clinical/interactions/index.js';
import type { KnowledgeBase, StoredPassage } from '../../knowledge/index.js';
import { buildCaseView } from '../../inference/case-view.js';
import { orchestrate, type HybridOptions } from '../../inference/orchestrator/index.js';
import { buildConsultMessages } from '../../inference/prompt.js';
import type { Actor, ClinicStore } from '../store/clinic-store.js';
import { addDays } from './calendar.js';
import { deriveAnthropometry } from './anthropometry.js';
import { CONSULT_RESULT_VERSION, type ConsultResult, type PassageLink } from './consult-result.js';
import { describeTreatment } from './treatment-text.js';

export interface ConsultOptions {
  edition: Edition;
  visitDate: string;
  settings?: AssessSettings;
  stock?: readonly string[];
  lang?: string;
}

export interface ConsultDeps {
  kb?: KnowledgeBase | null;
  store?: ClinicStore | null;
  /** The signed-in user who saves the consult (audit, encounter). */
  actor?: Actor | null;
}

function link(p: StoredPassage): PassageLink {
  return { id: p.id, title: p.title, citation: p.citation, lang: p.lang, reviewed: p.reviewed };
}

function passages(kb: KnowledgeBase | null | undefined, refs: readonly string[], lang: string) {
  return kb ? kb.passagesFor(refs, { lang }).map(link) : [];
}

function passageOf(kb: KnowledgeBase | null | undefined, id: string, lang: string): PassageLink[] {
  if (!kb) return [];
  const own = kb.getPassage(id, lang);
  if (own) return [link(own)];
  const topic = PASSAGE_TOPICS[id];
  return topic ? passages(kb, [topic], lang).slice(0, 2) : [];
}

function counselling(
  assessment: Assessment,
  kb: KnowledgeBase | null | undefined,
  lang: string,
  ageMonths: number | null,
) {
  const ids = [...new Set(assessment.classifications.flatMap((c) => c.counselling))];
  return ids.map((id) => {
    const passageId = id === 'counsel-feeding' ? feedingPassageFor(ageMonths) : id;
    return { id, text: COUNSELLING[id] ?? id, passages: passageOf(kb, passageId, lang) };
  });
}

/**
 * Stable key of a consult: the same patient with the same input on the same day saves one
 * encounter (a double submit). Two patients with the same findings are two encounters.
 * Limitation: two anonymous consults (no name, no patient id, no case id) with identical
 * findings on the same day are kept as one encounter.
 */
export function idempotencyKey(c: ClinicalCase, editionId: string): string {
  const clinical = {
    id: c.id ?? null,
    identity: c.identity,
    visitDate: c.visitDate,
    patient: c.patient,
    findings: c.findings,
  };
  return createHash('sha256')
    .update(JSON.stringify([editionId, clinical]))
    .digest('hex');
}

/** The key `runConsult` saves this case under; throws `InputError` for bad input. */
export function consultKeyOf(input: unknown, options: ConsultOptions): string {
  const clinicalCase = parseCase(input, { visitDate: options.visitDate });

  return idempotencyKey(clinicalCase, options.edition.id);
}

function treatmentsOf(
  doses: readonly DosedTreatment[],
  kb: KnowledgeBase | null | undefined,
  lang: string,
) {
  return doses.map((t) => ({
    ...t,
    text: t.kind === 'action' ? (ACTIONS[t.id] ?? t.id) : describeTreatment(t),
    passages:
      t.kind === 'action'
        ? passageOf(kb, t.id, lang)
        : passages(kb, [t.id, ...(t.drug ? [t.drug] : [])], lang).slice(0, 3),
  }));
}

/** The consult before it is saved: the parsed case and assessment the save needs. */
interface Built {
  clinicalCase: ClinicalCase;
  assessment: Assessment;
  result: ConsultResult;
}

function buildConsult(input: unknown, options: ConsultOptions, deps: ConsultDeps): Built {
  const lang = options.lang ?? 'en';
  const clinicalCase = parseCase(input, { visitDate: options.visitDate });
  assertPlausibleWeight(clinicalCase);
  const { patient } = clinicalCase;
  const findings = deriveAnthropometry(clinicalCase);
  const assessment = assess(
    {
      patient: {
        age: patient.age,
        ...(patient.sex ? { sex: patient.sex } : {}),
        ...(patient.weightKg === undefined ? {} : { weightKg: patient.weightKg }),
        ...(patient.temperatureC === undefined ? {} : { temperatureC: patient.temperatureC }),
      },
      findings,
    },
    options.edition,
    options.settings,
  );
  const dosingPatient = {
    ...(patient.weightKg === undefined ? {} : { weightKg: patient.weightKg }),
    ...(patient.age.months === null ? {} : { ageMonths: patient.age.months }),
    ...(patient.age.days === null || patient.age.daysEstimated
      ? {}
      : { ageDays: patient.age.days }),
  };
  const doses = doseTreatments(assessment.treatments, dosingPatient, options.stock);
  const safety = checkSafety({
    drugs: [...new Set(doses.flatMap((d) => (d.drug && !d.deferred ? [d.drug] : [])))],
    currentMedicines: patient.medicines,
    allergies: patient.allergies,
    ...(patient.pregnant === undefined ? {} : { pregnant: patient.pregnant }),
    ...(patient.age.months === null ? {} : { ageMonths: patient.age.months }),
    ...(patient.age.days === null ? {} : { ageDays: patient.age.days }),
  });
  const kb = deps.kb;
  const result: ConsultResult = {
    version: CONSULT_RESULT_VERSION,
    caseId: clinicalCase.id ?? null,
    visitDate: clinicalCase.visitDate,
    outcome: assessment.outcome,
    edition: assessment.edition,
    protocol: assessment.protocol,
    patient: {
      ageMonths: patient.age.months,
      ageDays: patient.age.days,
      ageSource: patient.age.source,
      sex: patient.sex ?? null,
      weightKg: patient.weightKg ?? null,
    },
    classifications: assessment.classifications.map((c) => ({
      ...c,
      passages: passages(kb, [c.id], lang),
    })),
    urgentReferral: assessment.urgentReferral,
    referral: assessment.referral,
    treatments: treatmentsOf(doses, kb, lang),
    followUp:
      assessment.followUpDays === null
        ? null
        : {
            days: assessment.followUpDays,
            date: addDays(clinicalCase.visitDate, assessment.followUpDays),
          },
    counselling: counselling(assessment, kb, lang, patient.age.months),
    unanswered: assessment.unanswered,
    toAssess: assessment.toAssess,
    toAssessLater: assessment.toAssessLater,
    invalidFindings: assessment.invalidFindings,
    reminders: assessment.reminders,
    safety,
    notes:
      kb && !kb.meta().languages.includes(lang)
        ? [
            ...assessment.notes,
            `guideline passages are not yet available in [${lang}]: shown in English`,
          ]
        : assessment.notes,
    knowledge: { version: kb ? kb.meta().contentHash.slice(0, 12) : null, lang },
    saved: null,
  };
  return { clinicalCase, assessment, result };
}

function save(built: Built, options: ConsultOptions, deps: ConsultDeps): ConsultResult {
  const { clinicalCase, assessment, result } = built;
  const { patient } = clinicalCase;
  if (!deps.store) return result;

  const saved = deps.store.saveEncounter(
    {
      idempotencyKey: idempotencyKey(clinicalCase, options.edition.id),
      visitDate: clinicalCase.visitDate,
      followUpDate: result.followUp?.date ?? null,
      ...(clinicalCase.id === undefined ? {} : { caseRef: clinicalCase.id }),
      identity: { ...clinicalCase.identity, ...(patient.sex ? { sex: patient.sex } : {}) },
      edition: options.edition.id,
      protocol: assessment.protocol?.id ?? null,
      urgentReferral: assessment.urgentReferral,
      classifications: assessment.classifications.map((c) => c.name),
      input: { patient: clinicalCase.patient, findings: clinicalCase.findings },
      result,
    },
    deps.actor,
  );
  return { ...result, saved };
}

/** Runs one consult. Throws `InputError` for bad input, before anything is saved. */
export function runConsult(
  input: unknown,
  options: ConsultOptions,
  deps: ConsultDeps = {},
): ConsultResult {
  return save(buildConsult(input, options, deps), options, deps);
}

/**
 * The consult with the model step (issue 5): the protocol result first, then the local and,
 * when confidence is low and the connection allows, the cloud model; what the models added,
 * after the safety gate, is saved with the result under `model`. A model never delays the
 * save beyond the orchestrator's bounded budgets, and a model failure is a note, not an error.
 */
export async function runConsultWithModel(
  input: unknown,
  options: ConsultOptions,
  deps: ConsultDeps,
  model: HybridOptions,
): Promise<ConsultResult> {
  const built = buildConsult(input, options, deps);
  // The model branch's prompt: the case by allow-list and a fixed system part that the local
  // engine keeps in its KV cache between consults.
  const passages = built.result.classifications.flatMap((c) => c.passages).slice(0, 4);
  const messages =
    model.messages ??
    buildConsultMessages(buildCaseView(built.clinicalCase), built.result, passages);
  const hybrid = await orchestrate(built.result, { ...model, messages });
  return save({ ...built, result: { ...built.result, model: hybrid } }, options, deps);
}
