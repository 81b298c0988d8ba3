import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { evaluateCases, loadExceptions, type EvalException } from './run-eval.js';

const SHARED_CASES = fileURLToPath(
  new URL('../../../../shared/cases/visible.jsonl', import.meta.url),
);
const EXCEPTIONS = fileURLToPath(
  new URL('../../../content/eval/visible-exceptions.json', import.meta.url),
);
const hasShared = existsSync(SHARED_CASES);

const base = {
  patient: { age_months: 12 },
  assessed_boxes: ['cough_or_difficult_breathing'],
  findings: {
    cough_or_difficult_breathing: true,
    respiratory_rate: 40,
    chest_indrawing: false,
    stridor: false,
    wheeze: false,
    unable_to_drink_or_breastfeed: false,
    vomits_everything: false,
    convulsions_history: false,
    convulsing_now: false,
    lethargic_or_unconscious: false,
  },
};
const line = (id: string, classifications: string[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id,
    edition: 'IMCI 2014',
    ...base,
    expected: {
      classifications,
      classifications_exhaustive: true,
      urgent_referral: false,
      ...extra,
    },
  });

test('a case whose expected answer matches passes, and a wrong answer fails', () => {
  const s = evaluateCases(
    [line('ok', ['PNEUMONIA']), line('wrong', ['COUGH OR COLD'])].join('\n'),
    new Map(),
  );
  assert.deepEqual(
    s.results.map((r) => r.verdict),
    ['pass', 'fail'],
  );
  assert.equal(s.passed, 1);
  assert.equal(s.failed, 1);
});

test('a reviewed exception passes only with exactly the reviewed difference', () => {
  const exception: EvalException = {
    id: 'wrong',
    kind: 'source-error',
    reason: 'the source misprints the classification for this test',
    reviewed: 'test',
    diff: {
      missing: ['COUGH OR COLD'],
      extra: ['PNEUMONIA'],
      urgentReferral: null,
      unaskedQuestions: [],
    },
  };
  const ok = evaluateCases(line('wrong', ['COUGH OR COLD']), new Map([['wrong', exception]]));
  assert.equal(ok.results[0]?.verdict, 'exception');
  const other = evaluateCases(line('wrong', ['MASTOIDITIS']), new Map([['wrong', exception]]));
  assert.equal(other.results[0]?.verdict, 'fail');
});

test('an alias of another edition matches', () => {
  const s = evaluateCases(
    line('alias', ['PNEUMONIA X'], { aliases: { 'PNEUMONIA X': ['PNEUMONIA'] } }),
    new Map(),
  );
  assert.equal(s.results[0]?.verdict, 'pass');
});

test('a line that is not a valid case fails with the reason', () => {
  const s = evaluateCases(
    '{"patient": {"age_months": -1}, "findings": {}, "expected": {"classifications": []}}',
    new Map(),
  );
  assert.equal(s.results[0]?.verdict, 'fail');
  assert.match(s.results[0]?.error ?? '', /age_months/);
});

test(
  'every case of ../shared/cases/visible.jsonl passes or is a reviewed exception',
  {
    skip: hasShared
      ? false
      : 'needs ../shared/cases/visible.jsonl beside the checkout (not present)',
  },
  () => {
    const s = evaluateCases(readFileSync(SHARED_CASES, 'utf8'), loadExceptions(EXCEPTIONS));
    const failed = s.results.filter((r) => r.verdict === 'fail').map((r) => r.id);
    assert.deepEqual(failed, []);
    assert.equal(s.results.length, 50);
    assert.ok(s.exceptions <= 3, 'exceptions are few and each is reviewed');
  },
);
