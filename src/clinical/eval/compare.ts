/**
 * Compares an assessment with the expected answer of a case in the neutral format
 * (../shared/cases/VOCABULARY.md §2). Only the chart boxes the source assessed are compared.
 */
import type { Assessment } from '../assess/assess.js';

/** The `expected` object of a neutral-format case (the fields the comparison reads). */
export interface ExpectedAnswer {
  classifications: readonly string[];
  classifications_exhaustive?: boolean;
  urgent_referral?: boolean | null;
  missing?: readonly string[];
  aliases?: Readonly<Record<string, readonly string[]>>;
  classifications_without_stated_signs?: readonly string[];
  out_of_scope?: string;
}

/** What differs between the engine and the source; all empty means the case passes. */
export interface CaseDiff {
  missing: string[];
  extra: string[];
  urgentReferral: { expected: boolean; got: boolean } | null;
  unaskedQuestions: string[];
  scope: { expected: 'out-of-scope' | 'in-scope'; got: Assessment['outcome'] } | null;
}

function aliasesOf(name: string, expected: ExpectedAnswer): Set<string> {
  return new Set([name, ...(expected.aliases?.[name] ?? [])]);
}

/** True when the diff holds nothing. */
export function isEmptyDiff(d: CaseDiff): boolean {
  return (
    d.missing.length === 0 &&
    d.extra.length === 0 &&
    d.urgentReferral === null &&
    d.unaskedQuestions.length === 0 &&
    d.scope === null
  );
}

/**
 * Required: every expected classification the findings can reach (a classification the source
 * asserts without its signs cannot be). Exhaustive lists also forbid extra final
 * classifications in the assessed boxes; a provisional one is reported, not final, so it is
 * not counted as extra. Expected questions must be among what the engine still asks.
 */
export function compareCase(
  assessment: Assessment,
  expected: ExpectedAnswer,
  assessedBoxes: readonly string[],
): CaseDiff {
  const inBoxes = assessment.classifications.filter((c) => assessedBoxes.includes(c.box));
  const unreachable = new Set(expected.classifications_without_stated_signs ?? []);
  const required = expected.classifications.filter((name) => !unreachable.has(name));
  const matched = (name: string) => inBoxes.some((c) => aliasesOf(name, expected).has(c.name));
  const missing = required.filter((name) => !matched(name));

  const known = new Set(expected.classifications.flatMap((n) => [...aliasesOf(n, expected)]));
  const extra = expected.classifications_exhaustive
    ? inBoxes.filter((c) => c.status === 'final' && !known.has(c.name)).map((c) => c.name)
    : [];

  const u = expected.urgent_referral;
  const urgentReferral =
    u === true || u === false
      ? u === assessment.urgentReferral
        ? null
        : { expected: u, got: assessment.urgentReferral }
      : null;

  const asked = new Set([
    ...assessment.unanswered,
    ...assessment.toAssess,
    ...assessment.toAssessLater,
  ]);
  const unaskedQuestions = (expected.missing ?? []).filter((key) => !asked.has(key));
  const wantOut = expected.out_of_scope !== undefined;
  const gotOut = assessment.outcome === 'out-of-scope';
  const scope =
    wantOut === gotOut
      ? null
      : ({ expected: wantOut ? 'out-of-scope' : 'in-scope', got: assessment.outcome } as const);

  return { missing, extra, urgentReferral, unaskedQuestions, scope };
}
