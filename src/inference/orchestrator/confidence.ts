/**
 * How sure the local path is, as one number in [0, 1]: how complete the protocol result is,
 * combined with the confidence level the local model gave. Below the threshold (default 0.85,
 * issue 5) the case is worth a larger model's opinion when the connection allows.
 *
 * Limitation: the penalties and weights below are a convention chosen so that a complete,
 * final protocol result with a confident local model stays local, while a provisional
 * classification, a case no protocol covers, a model that is not confident, or two or more
 * open questions escalate; they are not calibrated against outcomes.
 */
import { CONFIDENCE_WEIGHT, type Confidence } from '../output-schema.js';

export const DEFAULT_THRESHOLD = 0.85;

/** The parts of a consult result that say how complete it is (a ConsultResult fits). */
export interface CompletenessView {
  outcome: 'assessed' | 'out-of-scope';
  classifications: readonly { status: 'final' | 'provisional' }[];
  unanswered: readonly string[];
  toAssess: readonly string[];
}

export const COMPLETENESS_PENALTY = {
  /** A question still open that could change a classification. */
  unanswered: 0.1,
  /** A follow-up assessment the protocol asks for. */
  toAssess: 0.05,
  /** A classification reached on assumed answers. */
  provisional: 0.25,
  /** No protocol covers the case: the model is all there is beyond the danger signs. */
  outOfScope: 0.6,
} as const;

/** Share of the combined confidence that comes from the protocol; the rest from the model. */
export const PROTOCOL_SHARE = 0.6;

const clamp = (x: number) => Math.min(1, Math.max(0, x));

/** 1 for a complete, final result; lower for each open question and provisional row. */
export function protocolCompleteness(view: CompletenessView): number {
  const p = COMPLETENESS_PENALTY;
  const provisional = view.classifications.filter((c) => c.status === 'provisional').length;
  const penalty =
    (view.outcome === 'out-of-scope' ? p.outOfScope : 0) +
    p.unanswered * view.unanswered.length +
    p.toAssess * view.toAssess.length +
    p.provisional * provisional;

  return round(clamp(1 - penalty));
}

/**
 * Protocol completeness and the model's level together. Without a model it is the protocol
 * alone: a complete protocol result needs no model, an incomplete one asks for the cloud.
 */
export function combineConfidence(protocol: number, model: Confidence | null): number {
  if (model === null) return round(protocol);

  return round(PROTOCOL_SHARE * protocol + (1 - PROTOCOL_SHARE) * CONFIDENCE_WEIGHT[model]);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
