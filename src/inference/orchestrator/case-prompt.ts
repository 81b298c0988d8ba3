/**
 * The messages a model sees for one consult: a fixed instruction (first, so an engine can
 * cache it across consults) and the structured case as JSON. Only anonymised facts go in: age
 * in months, sex, weight, the findings that fired each classification, the open questions and
 * the titles of the guideline passages. No name, no case id, no free text, no dates.
 */
import type { ChatMessage } from '../types.js';
import type { ProtocolView } from '../validator.js';

/** What the prompt reads from a consult result (a ConsultResult fits). */
export interface PromptView extends ProtocolView {
  patient: { ageMonths: number | null; sex: string | null; weightKg: number | null };
  protocol: { id: string } | null;
  classifications: readonly (ProtocolView['classifications'][number] & {
    passages?: readonly { title: string }[];
  })[];
  unanswered: readonly string[];
  toAssess: readonly string[];
}

export const ESCALATION_SYSTEM_PROMPT = [
  'You support a health worker using the WHO IMCI guidelines.',
  'The protocol result below is authoritative: never remove or downgrade a classification,',
  'never deny a danger sign, never mention doses, never advise against a referral.',
  'Answer in JSON only: a one-sentence summary for the record, a short differential for',
  'complaints the protocol does not cover, red flags to watch for, and your confidence.',
].join(' ');

export function buildCasePrompt(view: PromptView): ChatMessage[] {
  const facts = {
    patient: view.patient,
    protocol: view.protocol?.id ?? null,
    classifications: view.classifications.map((c) => ({
      name: c.name,
      severity: c.severity,
      firedBy: c.firedBy.map((f) => `${f.key}=${String(f.value)}`),
      guideline: (c.passages ?? []).slice(0, 2).map((p) => p.title),
    })),
    urgentReferral: view.urgentReferral,
    openQuestions: [...view.unanswered, ...view.toAssess],
  };

  return [
    { role: 'system', content: ESCALATION_SYSTEM_PROMPT },
    { role: 'user', content: JSON.stringify(facts) },
  ];
}
