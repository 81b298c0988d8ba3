/**
 * The model's prompt: a fixed system part (instructions and the answer schema), identical for
 * every consult so its KV cache is reused, then the case, the protocol results and the
 * guideline passages, written tersely (every token costs about 0.1 s on a 2-core laptop).
 */
import type { ChatMessage } from './types.js';
import type { CaseView } from './case-view.js';
import { ANSWER_LIMITS, MODEL_ANSWER_JSON_SCHEMA } from './output-schema.js';
import type { ProtocolView } from './validator.js';

/** Bumped when the system prompt changes, so records say which one produced an answer. */
export const PROMPT_VERSION = 1;

export const SYSTEM_PROMPT = [
  'You support a health worker using the WHO IMCI guidelines.',
  'The protocol result below is final: never remove, question or downgrade a classification,',
  'never deny a danger sign, never mention doses, never suggest skipping a referral.',
  'Write: summary = one or two plain sentences for the record;',
  'differential = other conditions the protocol does not cover, if any;',
  'redFlags = signs that mean the child must come back or be referred at once;',
  'confidence = how sure you are (low, medium, high).',
  `Limits: summary ${ANSWER_LIMITS.summaryChars} characters, at most ${ANSWER_LIMITS.differentialItems} differential items, ${ANSWER_LIMITS.redFlags} red flags.`,
  `Answer with JSON only, following this schema: ${JSON.stringify(MODEL_ANSWER_JSON_SCHEMA)}`,
].join('\n');

export interface PassageRef {
  id: string;
  title: string;
  snippet?: string;
}

/** The protocol result fields the prompt shows (a ConsultResult has them all). */
export interface PromptProtocol extends ProtocolView {
  edition: { id: string; name?: string };
  unanswered?: readonly string[];
}

const show = (v: boolean | number | string) =>
  v === true ? 'yes' : v === false ? 'no' : String(v);

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

function findingsLines(c: CaseView): string[] {
  const entries = Object.entries(c.findings);
  const present = entries.filter(([, v]) => v !== false).map(([k, v]) => `${k}=${show(v)}`);
  const absent = entries.filter(([, v]) => v === false).map(([k]) => k);
  const lines = [`Findings: ${present.join('; ') || 'none'}`];
  if (absent.length > 0) lines.push(`Absent: ${absent.join(', ')}`);
  if (c.medicines.length > 0) lines.push(`Current medicines: ${c.medicines.join(', ')}`);
  if (c.allergies.length > 0) lines.push(`Allergies: ${c.allergies.join(', ')}`);
  return lines;
}

function protocolLines(r: PromptProtocol): string[] {
  const classes = r.classifications.map((c) => `${c.name} (${c.severity})`);
  const treatments = r.treatments.map((t) => t.drug ?? t.id);
  return [
    `Protocol ${r.edition.name ?? r.edition.id}: ${classes.join('; ') || 'no classification'}`,
    `Referral: ${r.urgentReferral ? 'urgent' : r.referral ? 'yes' : 'no'}`,
    `Plan: ${[...new Set(treatments)].join(', ') || 'none'}`,
    ...(r.unanswered?.length ? [`Not yet asked: ${r.unanswered.join(', ')}`] : []),
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
