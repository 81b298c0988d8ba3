/**
 * The model part of the consult report, after the protocol report: labelled as model
 * considerations so that nobody reads it as a classification, with the path that served it,
 * its confidence and what the safety gate dropped (counted, not shown: the text stays in the
 * record for review).
 */
import type { HybridResult } from './orchestrate.js';

const PATH_LABEL: Readonly<Record<HybridResult['servedBy'], string>> = {
  'protocol-only': 'guidelines only (no model answer)',
  local: 'local model',
  cloud: 'cloud model',
  'local+cloud': 'local and cloud models',
};

/** Model text is untrusted: control characters (terminal escapes) are never printed. */
const clean = (text: string) => [...text].map((c) => (/\p{Cc}/u.test(c) ? ' ' : c)).join('');

function latency(h: HybridResult): string {
  const parts = [
    h.latencyMs.local === null ? null : `local ${h.latencyMs.local} ms`,
    h.latencyMs.cloud === null ? null : `cloud ${h.latencyMs.cloud} ms`,
  ];
  return parts.filter((p) => p !== null).join(', ') || 'no model call';
}

export function renderModelText(h: HybridResult): string {
  const out = [
    'MODEL CONSIDERATIONS (they never change the classifications, doses or referral above)',
    `  served by: ${PATH_LABEL[h.servedBy]}; confidence ${h.confidence.final} (${latency(h)})`,
  ];
  const c = h.contribution;
  if (c?.summary) out.push(`  summary: ${clean(c.summary)}`);
  for (const d of c?.differential ?? []) out.push(`  consider: ${clean(d.text)} (${d.confidence})`);
  for (const f of c?.redFlags ?? []) out.push(`  red flag: ${clean(f.text)}`);
  if (h.overruled.length > 0) {
    out.push(`  overruled: ${h.overruled.length} model line(s) contradicted the protocol`);
  }
  for (const note of h.notes) out.push(`  note: ${note}`);
  out.push('');

  return `${out.join('\n')}\n`;
}
