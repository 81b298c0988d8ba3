/**
 * The model's prompt: a fixed system part (instructions and the answer schema), identical for
 * every consult so its KV cache is reused, then the case, the protocol results and the
 * guideline passages, written tersely (every token costs about 0.1 s on a 2-core laptop).
 */
import type { ChatMessage } from './types.js';
import type { CaseView } from './case-view.js';
import { ANSWER_LIMITS } from './output-schema.js';
import type { ProtocolView } from './validator.js';

/** Bumped when the system prompt changes, so records say which one produced an answer. */
export const PROMPT_VERSION = 1;

/** The answer shape in one line; the grammar enforces the full schema, bounds included. */
const SHAPE =
  '{"summary":text,"differential":[{"condition":text,"confidence":level}],' +
  '"redFlags":[text],"confidence":level} where level is "low", "medium" or "high"';

export const SYSTEM_PROMPT = [
  'You support a health worker using the WHO IMCI guidelines.',
  'The protocol result is final: never remove, doubt or downgrade a classification, never deny',
  'a danger sign, never mention doses, never suggest skipping a referral.',
  'summary: one short sentence for the record. differential: other conditions the protocol',
  'does not cover, if any. redFlags: signs that mean come back or refer at once.',
  `Limits: summary ${ANSWER_LIMITS.summaryChars} characters, ${ANSWER_LIMITS.differentialItems} differential items, ${ANSWER_LIMITS.redFlags} red flags.`,
  `Answer JSON only: ${SHAPE}`,
].join('\n');

export interface PassageRef {
  id: string;
  title: string;
  snippet?: string;
}

/** The protocol result fields the prompt shows (a ConsultResult has them all). */
export type PromptProtocol = ProtocolView;

function patientLine(c: CaseView): string {
  const parts = [
    c.ageMonths === null ? 'age unknown' : `age ${c.ageMonths} months`,
    c.ageDays === null ? null : `${c.ageDays} days`,
    c.sex,
    c.weightKg === null ? null : `weight ${c.weightKg} kg`,
    c.temperatureC === null ? null : `temperature ${c.temperatureC} C`,
    c.heightCm === null ? null : `height ${c.heightCm} cm`,
    c.pregnant === true ? 'pregnant' : null,
  ];
  return `Patient: ${parts.filter((p) => p !== null).join(', ')}`;
}

/** Keys as words: `chest_indrawing` tokenizes as two common words, not five pieces. */
const words = (key: string) => key.replaceAll('_', ' ');

/**
 * Findings present (and measured values) only: absent signs would double the prompt, and the
 * protocol result already says what they mean.
 */
function findingsLines(c: CaseView): string[] {
  const present = Object.entries(c.findings)
    .filter(([, v]) => v !== false)
    .map(([k, v]) => (v === true ? words(k) : `${words(k)} ${String(v)}`));
  const lines = [`Findings: ${present.join('; ') || 'none'}`];
  if (c.medicines.length > 0) lines.push(`Current medicines: ${c.medicines.join(', ')}`);
  if (c.allergies.length > 0) lines.push(`Allergies: ${c.allergies.join(', ')}`);
  return lines;
}

const SEVERITY_WORD = {
  'urgent-referral': 'urgent',
  'specific-treatment': 'treat',
  'home-care': 'home',
} as const;

function protocolLines(r: PromptProtocol): string[] {
  const classes = r.classifications.map((c) => `${c.name} (${SEVERITY_WORD[c.severity]})`);
  const plan = r.treatments.map((t) => words(t.drug ?? t.id));
  return [
    `Protocol: ${classes.join('; ') || 'no classification'}`,
    `Referral: ${r.urgentReferral ? 'urgent' : r.referral ? 'yes' : 'no'}`,
    `Plan: ${[...new Set(plan)].join(', ') || 'none'}`,
  ];
}

function passageLines(passages: readonly PassageRef[]): string[] {
  return passages.map((p) => `[${p.id}] ${p.title}${p.snippet ? `: ${p.snippet}` : ''}`);
}

/** The two messages of one consult. */
export function buildConsultMessages(
  c: CaseView,
  r: PromptProtocol,
  passages: readonly PassageRef[] = [],
): ChatMessage[] {
  const user = [
    patientLine(c),
    ...findingsLines(c),
    ...protocolLines(r),
    ...(passages.length ? ['Guideline passages:', ...passageLines(passages)] : []),
  ];

  return [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: user.join('\n') },
  ];
}
