/**
 * Assesses one case: protocol by age, every table, treatments and follow-up. Pure: the result
 * depends on the case, the edition and the settings only.
 */
import type { FactValue } from '../engine/condition.js';
import { runProtocol, type ClassificationResult } from '../engine/engine.js';
import type { Citation, Edition, Severity, TreatmentRef } from '../engine/types.js';
import { buildFacts, type AssessInput, type AssessSettings } from './facts.js';
import { remindersFor, type Reminder } from './reminders.js';
import { selectProtocol } from './select-protocol.js';

const COLOUR: Record<Severity, 'pink' | 'yellow' | 'green'> = {
  'urgent-referral': 'pink',
  'specific-treatment': 'yellow',
  'home-care': 'green',
};

/** One classification as reported. */
export interface ReportedClassification {
  id: string;
  name: string;
  severity: Severity;
  colour: 'pink' | 'yellow' | 'green';
  box: string;
  table: string;
  status: 'final' | 'provisional';
  urgentReferral: boolean;
  firedBy: readonly { key: string; value: FactValue }[];
  couldChange: readonly string[];
  assumed: readonly string[];
  possible: readonly string[];
  followUpDays: number | null;
  followUpNote: string | null;
  counselling: readonly string[];
  citation: Citation;
  ruleId: string;
}

/** A treatment or action, gathered from every classification that calls for it. */
export interface PlannedTreatment {
  kind: 'regimen' | 'action';
  id: string;
  phase: 'pre-referral' | 'clinic' | 'home';
  /** Home treatments wait when the child is referred urgently. */
  deferred: boolean;
  /** Every classification asking for it is provisional: finish the assessment first. */
  pending: boolean;
  /** Another treatment fills the same need (slot) already, e.g. one pre-referral antibiotic. */
  coveredBySlot: string | null;
  for: readonly string[];
  notes: readonly string[];
}

export interface Assessment {
  outcome: 'assessed' | 'out-of-scope';
  edition: { id: string; name: string; document: string };
  protocol: { id: string; title: string; document: string; population: string } | null;
  classifications: readonly ReportedClassification[];
  urgentReferral: boolean;
  referral: boolean;
  unanswered: readonly string[];
  toAssess: readonly string[];
  /** Follow-up questions that may apply once the missing answers are known. */
  toAssessLater: readonly string[];
  invalidFindings: readonly { facts: readonly string[]; message: string }[];
  treatments: readonly PlannedTreatment[];
  followUpDays: number | null;
  reminders: readonly Reminder[];
  notes: readonly string[];
}

function report(c: ClassificationResult): ReportedClassification {
  const { row } = c;
  return {
    id: row.classificationId,
    name: row.name,
    severity: row.severity,
    colour: COLOUR[row.severity],
    box: c.box,
    table: c.groupId,
    status: c.status,
    urgentReferral: row.referral === 'urgent',
    firedBy: c.firedBy,
    couldChange: c.couldChange,
    assumed: c.assumed,
    possible: c.possible,
    followUpDays: row.followUpDays ?? null,
    followUpNote: row.followUpNote ?? null,
    counselling: row.counselling,
    citation: row.citation,
    ruleId: row.id,
  };
}

const PHASE_ORDER = { 'pre-referral': 0, clinic: 1, home: 2 } as const;

interface Source {
  name: string;
  provisional: boolean;
  treatments: readonly TreatmentRef[];
}

function planTreatments(sources: readonly Source[], urgent: boolean): PlannedTreatment[] {
  type Entry = PlannedTreatment & { for: string[]; notes: string[]; finals: number };
  const byId = new Map<string, Entry>();
  const slots = new Map<string, string>();
  for (const source of sources) {
    for (const t of source.treatments) {
      const kind = t.regimen !== undefined ? 'regimen' : 'action';
      const id = t.regimen ?? t.action ?? 'unknown';
      const phase = t.phase ?? 'clinic';
      const entry: Entry = byId.get(`${kind}:${id}`) ?? {
        kind,
        id,
        phase,
        deferred: false,
        pending: false,
        coveredBySlot: null,
        for: [],
        notes: [],
        finals: 0,
      };
      if (!entry.for.includes(source.name)) entry.for.push(source.name);
      if (!source.provisional) entry.finals += 1;
      if (t.note && !entry.notes.includes(t.note)) entry.notes.push(t.note);
      if (PHASE_ORDER[phase] < PHASE_ORDER[entry.phase]) entry.phase = phase;
      if (t.slot !== undefined) {
        const holder = slots.get(t.slot);
        if (holder === undefined) slots.set(t.slot, source.name);
        else if (holder !== source.name && entry.for.length === 1) entry.coveredBySlot = holder;
      }
      byId.set(`${kind}:${id}`, entry);
    }
  }
  return [...byId.values()]
    .map(({ finals, ...t }) => ({
      ...t,
      deferred: urgent && t.phase === 'home',
      pending: finals === 0,
    }))
    .sort((a, b) => PHASE_ORDER[a.phase] - PHASE_ORDER[b.phase]);
}

function earliestFollowUp(classifications: readonly ReportedClassification[]): number | null {
  const days = classifications.flatMap((c) => (c.followUpDays === null ? [] : [c.followUpDays]));
  return days.length === 0 ? null : Math.min(...days);
}

/** Assesses one case with one edition. */
export function assess(
  input: AssessInput,
  edition: Edition,
  settings: AssessSettings = {},
): Assessment {
  const editionInfo = { id: edition.id, name: edition.name, document: edition.document };
  const choice = selectProtocol(edition, input.patient.age);
  if (choice.kind === 'out-of-scope') {
    return {
      outcome: 'out-of-scope',
      edition: editionInfo,
      protocol: null,
      classifications: [],
      urgentReferral: false,
      referral: false,
      unanswered: [],
      toAssess: [],
      toAssessLater: [],
      invalidFindings: [],
      treatments: [],
      followUpDays: null,
      reminders: [],
      notes: [choice.reason],
    };
  }
  const { protocol } = choice;
  const result = runProtocol(protocol, buildFacts(input, settings));
  const classifications = result.classifications.map(report);
  const urgentReferral =
    result.urgentSigns !== null ||
    result.classifications.some(
      (c) => c.row.referral === 'urgent' || c.treatments.some((t) => t.action === 'refer-urgently'),
    );
  const referral =
    urgentReferral ||
    result.classifications.some((c) => c.treatments.some((t) => t.action?.startsWith('refer')));
  const notes = [...choice.notes];
  if (result.urgentSigns)
    notes.push(`general danger sign [${result.urgentSigns.because.join(', ')}]: urgent referral`);
  if (input.patient.age.months === null && input.patient.age.days === null)
    notes.push('ask the age');
  // An unknown age is asked first; the engine may list it too (age-dependent rules).
  const unanswered =
    input.patient.age.months === null
      ? ['age_months', ...result.unanswered.filter((k) => k !== 'age_months')]
      : result.unanswered;
  const immunizations = input.findings.immunizations_received;

  return {
    outcome: 'assessed',
    edition: editionInfo,
    protocol: {
      id: protocol.id,
      title: protocol.title,
      document: protocol.document,
      population: protocol.population,
    },
    classifications,
    urgentReferral,
    referral,
    unanswered,
    toAssess: result.toAssess,
    toAssessLater: result.toAssessLater,
    invalidFindings: result.invalid.map(({ facts, message }) => ({ facts, message })),
    treatments: planTreatments(
      [
        ...(result.urgentSigns
          ? [
              {
                name: 'GENERAL DANGER SIGN',
                provisional: false,
                treatments: result.urgentSigns.treatments,
              },
            ]
          : []),
        ...result.classifications.map((c) => ({
          name: c.row.name,
          provisional: c.status === 'provisional',
          treatments: c.treatments,
        })),
      ],
      urgentReferral,
    ),
    followUpDays: urgentReferral ? null : earliestFollowUp(classifications),
    reminders: remindersFor({
      ageDays: input.patient.age.days,
      ageMonths: input.patient.age.months,
      ...(typeof immunizations === 'string' ? { immunizationsReceived: immunizations } : {}),
      edition: edition.id,
      dewormFromMonths: protocol.params.dewormFromMonths ?? 12,
    }),
    notes,
  };
}
