/**
 * The safety gate between a model answer and the consult (issue 5, "Safety"). The protocol
 * result is the authority: the model may add a summary, considerations and red flags, but any
 * line that would remove or downgrade a classification, deny a danger sign, mention or change a
 * dose, or hide a referral is dropped and recorded as overruled, so the record shows both what
 * the model contributed and what it was not allowed to say.
 */
import type { Severity } from '../clinical/engine/types.js';
import { findEdition } from '../clinical/protocols/registry.js';
import type { Confidence, DifferentialItem, ModelAnswer } from './output-schema.js';
import { checkText, type OverruleReason, type RuleContext } from './safety-rules.js';

export type { OverruleReason } from './safety-rules.js';

/** The parts of a protocol result the gate reads; a ConsultResult satisfies it. */
export interface ProtocolView {
  edition: { id: string };
  classifications: readonly {
    name: string;
    severity: Severity;
    box: string;
    urgentReferral: boolean;
    firedBy: readonly { key: string; value: string | number | boolean }[];
  }[];
  urgentReferral: boolean;
  referral: boolean;
  treatments: readonly { kind: 'regimen' | 'action'; id: string; drug?: string | null }[];
}

export interface Overruled {
  field: 'summary' | 'differential' | 'redFlags';
  index: number | null;
  reason: OverruleReason;
  /** The dropped model text, kept for review in the record (never logged). */
  text: string;
}

/** What the model adds to the consult after the gate. */
export interface ModelContribution {
  summary: string | null;
  differential: DifferentialItem[];
  redFlags: string[];
  confidence: Confidence;
  overruled: Overruled[];
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = {
  'urgent-referral': 0,
  'specific-treatment': 1,
  'home-care': 2,
};

const words = (id: string) => id.toLowerCase().replace(/[_-]+/g, ' ').trim();

/** `SEVERE PNEUMONIA OR VERY SEVERE DISEASE` → both halves; `FEVER: NO MALARIA` → both parts. */
const nameParts = (name: string) =>
  [name, ...name.split(/\s+or\s+|:/i)].map((s) => s.trim().toLowerCase()).filter(Boolean);

/** Finding keys to phrases: `lethargic_or_unconscious` → "lethargic", "unconscious", ... */
const signPhrases = (key: string) => [words(key), ...key.split('_or_').map(words)];

/** Names of rows of the same tables that are milder than what the protocol reached. */
function milderRows(view: ProtocolView): string[] {
  const edition = findEdition(view.edition.id);
  if (!edition) return [];
  const reached = new Set(view.classifications.map((c) => c.name.toLowerCase()));
  const groups = [...edition.sickChild.groups, ...edition.youngInfant.groups];
  return view.classifications.flatMap((c) =>
    groups
      .filter((g) => g.box === c.box)
      .flatMap((g) => g.rows)
      .filter((r) => SEVERITY_RANK[r.severity] > SEVERITY_RANK[c.severity])
      .map((r) => r.name.toLowerCase())
      .filter((name) => !reached.has(name)),
  );
}

export function ruleContext(view: ProtocolView): RuleContext {
  const urgent = view.classifications.filter((c) => c.severity === 'urgent-referral');
  const dangerSigns = urgent
    .flatMap((c) => c.firedBy)
    .filter((f) => f.value !== false)
    .flatMap((f) => signPhrases(f.key));
  const ranks = view.classifications.map((c) => SEVERITY_RANK[c.severity]);
  const worst = ranks.length === 0 ? null : Math.min(...ranks);
  const severities = Object.keys(SEVERITY_RANK) as Severity[];

  return {
    referral: view.referral || view.urgentReferral,
    urgentReferral: view.urgentReferral,
    classified: [...new Set(view.classifications.flatMap((c) => nameParts(c.name)))],
    dangerSigns: [...new Set(dangerSigns)],
    milderRows: [...new Set(milderRows(view))],
    treatments: [...new Set(view.treatments.map((t) => words(t.drug ?? t.id)))],
    worstSeverity: worst === null ? null : (severities[worst] ?? null),
  };
}

/** Restating a classification in the differential, often with lower confidence, reads as doubt. */
function checkDifferential(item: DifferentialItem, ctx: RuleContext): OverruleReason | null {
  const condition = item.condition.toLowerCase().trim();
  if (ctx.classified.includes(condition)) return 'restates-classification';

  return checkText(item.condition, ctx);
}

/** Applies the gate to one parsed model answer. Pure: the protocol result is not touched. */
export function validateContribution(view: ProtocolView, answer: ModelAnswer): ModelContribution {
  const ctx = ruleContext(view);
  const overruled: Overruled[] = [];
  const drop = (field: Overruled['field'], index: number | null, text: string) => {
    const reason = field === 'differential' ? null : checkText(text, ctx);
    if (reason !== null) overruled.push({ field, index, reason, text });
    return reason === null;
  };

  const summary = drop('summary', null, answer.summary) ? answer.summary : null;
  const differential = answer.differential.filter((item, index) => {
    const reason = checkDifferential(item, ctx);
    if (reason !== null)
      overruled.push({ field: 'differential', index, reason, text: item.condition });
    return reason === null;
  });
  const redFlags = answer.redFlags.filter((flag, index) => drop('redFlags', index, flag));

  // A model that contradicted the protocol has shown it misread the case: its confidence
  // drops to low so the orchestrator does not weigh the rest of its answer highly.
  const contradicted = overruled.some((o) => o.reason !== 'restates-classification');
  const confidence = contradicted ? 'low' : answer.confidence;

  return { summary, differential, redFlags, confidence, overruled };
}
