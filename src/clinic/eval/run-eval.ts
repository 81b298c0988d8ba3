/**
 * Evaluation over cases written by others. Each case runs under the edition its source
 * applies; a reviewed exception passes only when the difference is exactly the one reviewed,
 * so any other change in the engine's answer still fails.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { assess } from '../../clinical/assess/assess.js';
import { parseCase } from '../../clinical/case/index.js';
import {
  compareCase,
  isEmptyDiff,
  type CaseDiff,
  type ExpectedAnswer,
} from '../../clinical/eval/compare.js';
import { EDITIONS } from '../../clinical/protocols/registry.js';
import { InputError } from '../../shared/errors.js';
import { deriveAnthropometry } from '../consult/anthropometry.js';

const exceptionSchema = z.object({
  id: z.string(),
  kind: z.enum(['edition-difference', 'source-error', 'out-of-rule-set']),
  reason: z.string().min(20),
  reviewed: z.string(),
  diff: z.object({
    missing: z.array(z.string()).default([]),
    extra: z.array(z.string()).default([]),
    urgentReferral: z.object({ expected: z.boolean(), got: z.boolean() }).nullable().default(null),
    unaskedQuestions: z.array(z.string()).default([]),
  }),
});
export type EvalException = z.infer<typeof exceptionSchema>;

export function loadExceptions(path: string): Map<string, EvalException> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new InputError([{ field: '--exceptions', message: `cannot read JSON from [${path}]` }], {
      cause,
    });
  }
  const list = z.array(exceptionSchema).parse(raw);
  return new Map(list.map((e) => [e.id, e]));
}

/**
 * The edition a case's source applies (VOCABULARY.md §1, `edition`): `IMCI 2005` (or our id
 * `imci-2005`) runs under the 2005 handbook; IMCI 2014, national adaptations of the 2014-era
 * charts and iCCM run under the 2014 chart booklet (MedAssist has no iCCM rule set).
 */
export function editionFor(sourceEdition: string | undefined): string {
  const e = (sourceEdition ?? '').trim().toLowerCase();
  return e === 'imci 2005' || e === 'imci-2005' ? 'imci-2005' : 'imci-2014';
}

const expectedSchema = z.object({
  classifications: z.array(z.string()),
  classifications_exhaustive: z.boolean().optional(),
  urgent_referral: z.boolean().nullable().optional(),
  missing: z.array(z.string()).optional(),
  aliases: z.record(z.string(), z.array(z.string())).optional(),
  classifications_without_stated_signs: z.array(z.string()).optional(),
  out_of_scope: z.string().optional(),
});

function parseExpected(raw: unknown): ExpectedAnswer {
  const parsed = expectedSchema.safeParse(raw);
  if (parsed.success) return parsed.data as ExpectedAnswer;
  throw new InputError(
    parsed.error.issues.map((i) => ({
      field: ['expected', ...i.path.map(String)].join('.'),
      message: `${i.message} (the neutral case format, VOCABULARY.md §2)`,
    })),
  );
}

export interface EvalLine {
  id: string;
  verdict: 'pass' | 'exception' | 'fail';
  edition: string;
  expected: readonly string[];
  got: readonly string[];
  diff: CaseDiff | null;
  error?: string;
  reason?: string;
}

function sameDiff(d: CaseDiff, e: EvalException['diff']): boolean {
  const eq = (a: readonly string[], b: readonly string[]) =>
    [...a].sort().join('|') === [...b].sort().join('|');
  return (
    d.scope === null &&
    eq(d.missing, e.missing) &&
    eq(d.extra, e.extra) &&
    eq(d.unaskedQuestions, e.unaskedQuestions) &&
    JSON.stringify(d.urgentReferral) === JSON.stringify(e.urgentReferral)
  );
}

function evaluateLine(
  raw: Record<string, unknown>,
  exceptions: Map<string, EvalException>,
): EvalLine {
  const id = typeof raw.id === 'string' ? raw.id : '(no id)';
  const expected = parseExpected(raw.expected);
  const editionId = editionFor(typeof raw.edition === 'string' ? raw.edition : undefined);
  const edition = EDITIONS[editionId];
  if (!edition) throw new Error(`edition [${editionId}] missing`);
  const c = parseCase(raw, { visitDate: '2026-01-01' });
  const a = assess({ patient: c.patient, findings: deriveAnthropometry(c) }, edition);
  // No `assessed_boxes`: every box the engine classified is compared.
  const boxes: readonly string[] = c.assessedBoxes ?? a.classifications.map((x) => x.box);
  const diff = compareCase(a, expected, boxes);
  const got = a.classifications
    .filter((x) => boxes.includes(x.box))
    .map((x) => (x.status === 'provisional' ? `${x.name} (provisional)` : x.name));
  const base = { id, edition: editionId, expected: expected.classifications, got, diff };
  if (isEmptyDiff(diff)) return { ...base, verdict: 'pass' };
  const exception = exceptions.get(id);
  if (exception && sameDiff(diff, exception.diff))
    return { ...base, verdict: 'exception', reason: exception.reason };
  return { ...base, verdict: 'fail' };
}

export function evaluateCases(text: string, exceptions: Map<string, EvalException>) {
  const results: EvalLine[] = [];
  for (const [n, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    let raw: Record<string, unknown>;
    try {
      raw = JSON.parse(line) as Record<string, unknown>;
      results.push(evaluateLine(raw, exceptions));
    } catch (error) {
      const message = error instanceof InputError ? error.message : String(error);
      results.push({
        id: `line ${n + 1}`,
        verdict: 'fail',
        edition: '-',
        expected: [],
        got: [],
        diff: null,
        error: message,
      });
    }
  }
  if (results.length === 0)
    throw new InputError([{ field: 'FILE', message: 'holds no cases (one JSON object per line)' }]);
  const failed = results.filter((r) => r.verdict === 'fail').length;
  const exceptionCount = results.filter((r) => r.verdict === 'exception').length;
  return { results, passed: results.length - failed, failed, exceptions: exceptionCount };
}

function describeDiff(d: CaseDiff): string {
  const parts: string[] = [];
  if (d.missing.length > 0) parts.push(`missing [${d.missing.join(', ')}]`);
  if (d.extra.length > 0) parts.push(`extra [${d.extra.join(', ')}]`);
  if (d.urgentReferral)
    parts.push(
      `urgent referral expected [${d.urgentReferral.expected}] got [${d.urgentReferral.got}]`,
    );
  if (d.unaskedQuestions.length > 0) parts.push(`not asked [${d.unaskedQuestions.join(', ')}]`);
  if (d.scope) parts.push(`scope expected [${d.scope.expected}] got [${d.scope.got}]`);
  return parts.join('; ');
}

export function formatEvalLine(r: EvalLine): string {
  const head = `${r.verdict === 'pass' ? 'PASS' : r.verdict === 'exception' ? 'EXCEPTION' : 'FAIL'} ${r.id} (${r.edition})`;
  if (r.error) return `${head}: ${r.error}`;
  const body = `expected [${r.expected.join('; ')}] got [${r.got.join('; ')}]`;
  const diff = r.diff && !isEmptyDiff(r.diff) ? ` | ${describeDiff(r.diff)}` : '';
  const why = r.reason ? `\n    reviewed exception: ${r.reason}` : '';
  return `${head}: ${body}${diff}${why}`;
}
