/**
 * Merges the local and the cloud model's contributions, each already through the safety gate,
 * by confidence weight: the union of red flags and of differentials, ranked. Nothing either
 * side found is dropped by the merge; only the ranking and the summary depend on the weights.
 *
 * A source's weight is its answer's confidence level times a prior for the source: the cloud
 * runs a 7B-9B model, the clinic a 1B-2B one (issue 5). Limitation: the priors are a
 * convention, not calibrated; a confident small model still ranks below a confident large one.
 */
import type { ModelContribution } from '../validator.js';
import { CONFIDENCE_LEVELS, CONFIDENCE_WEIGHT, type Confidence } from '../output-schema.js';

export type Source = 'local' | 'cloud';

export const SOURCE_PRIOR: Readonly<Record<Source, number>> = { local: 0.7, cloud: 1 };

/** Differential items kept after the merge (each answer holds at most 3). */
export const MERGED_DIFFERENTIAL_MAX = 5;

export interface Ranked {
  text: string;
  score: number;
  sources: Source[];
}

export interface MergedContribution {
  summary: string | null;
  summaryFrom: Source | null;
  differential: (Ranked & { confidence: Confidence })[];
  redFlags: Ranked[];
  confidence: Confidence;
}

type Part = { source: Source; contribution: ModelContribution };

const key = (text: string) =>
  text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[\s.;:!,]+$/, '')
    .trim();

export const sourceWeight = (p: Part) =>
  SOURCE_PRIOR[p.source] * CONFIDENCE_WEIGHT[p.contribution.confidence];

const higher = (a: Confidence, b: Confidence) =>
  CONFIDENCE_LEVELS.indexOf(a) >= CONFIDENCE_LEVELS.indexOf(b) ? a : b;

function rank<T extends Ranked>(items: Map<string, T>): T[] {
  return [...items.values()]
    .map((i) => ({ ...i, score: Math.round(i.score * 1000) / 1000 }))
    .sort((a, b) => b.score - a.score || b.sources.length - a.sources.length);
}

function mergeDifferential(parts: readonly Part[]) {
  const items = new Map<string, Ranked & { confidence: Confidence }>();
  for (const p of parts) {
    for (const d of p.contribution.differential) {
      const score = sourceWeight(p) * CONFIDENCE_WEIGHT[d.confidence];
      const seen = items.get(key(d.condition));
      if (!seen) {
        items.set(key(d.condition), {
          text: d.condition,
          score,
          sources: [p.source],
          confidence: d.confidence,
        });
        continue;
      }
      seen.score += score;
      seen.confidence = higher(seen.confidence, d.confidence);
      if (!seen.sources.includes(p.source)) seen.sources.push(p.source);
    }
  }
  return rank(items).slice(0, MERGED_DIFFERENTIAL_MAX);
}

/** Every red flag of every source is kept: missing one costs more than reading one more. */
function mergeRedFlags(parts: readonly Part[]) {
  const items = new Map<string, Ranked>();
  for (const p of parts) {
    for (const flag of p.contribution.redFlags) {
      const seen = items.get(key(flag));
      if (!seen) items.set(key(flag), { text: flag, score: sourceWeight(p), sources: [p.source] });
      else if (!seen.sources.includes(p.source)) {
        seen.score += sourceWeight(p);
        seen.sources.push(p.source);
      }
    }
  }
  return rank(items);
}

/** Merges one or two contributions; null when there are none. */
export function mergeContributions(parts: readonly Part[]): MergedContribution | null {
  if (parts.length === 0) return null;
  const byWeight = [...parts].sort((a, b) => sourceWeight(b) - sourceWeight(a));
  const withSummary = byWeight.find((p) => p.contribution.summary !== null);
  const best = byWeight[0] as Part;

  return {
    summary: withSummary?.contribution.summary ?? null,
    summaryFrom: withSummary?.source ?? null,
    differential: mergeDifferential(byWeight),
    redFlags: mergeRedFlags(byWeight),
    confidence: best.contribution.confidence,
  };
}
