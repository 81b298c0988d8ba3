import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { InputError } from '../../shared/errors.js';
import { parseCaseJson, parseCaseLines } from './parse-case-json.js';

const OPTIONS = { visitDate: '2024-05-10' };
const VISIBLE_URL = new URL('../../../../shared/cases/visible.jsonl', import.meta.url);
const SHARED_ABSENT = existsSync(VISIBLE_URL)
  ? false
  : '../shared/cases/visible.jsonl is absent (the shared folder sits beside the repo only on the team machine)';

function refusal(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof InputError, 'expected an InputError');
    return error;
  }
  assert.fail('expected the input to be refused');
}

test('parses one case written as JSON', () => {
  const parsed = parseCaseJson(
    '{"patient": {"age_months": 7}, "findings": {"stridor": false}}',
    OPTIONS,
  );
  assert.equal(parsed.patient.age.months, 7);
  assert.deepEqual(parsed.findings, { stridor: false });
});

test('reports invalid JSON with its line and column and without quoting the text', () => {
  const error = refusal(() =>
    parseCaseJson('{"patient": {"name": "Private Name"},\n "findings": {"stridor": tru}}', OPTIONS),
  );
  assert.equal(error.issues[0]?.field, 'case');
  assert.equal(
    error.issues[0]?.message,
    'is not valid JSON at line 2, column 26: expected a value',
  );
  assert.ok(!error.message.includes('Private'));
});

test('says when JSON text ended too early', () => {
  const error = refusal(() => parseCaseJson('{"patient": {', OPTIONS));
  assert.match(error.issues[0]?.message ?? '', /line 1, column 14: the text ended; expected/);
});

test('parses JSON Lines, skipping blank lines and accepting CRLF endings', () => {
  const text =
    '{"patient": {}, "findings": {}}\r\n\r\n{"patient": {"age_days": 3}, "findings": {}}\r\n';
  const cases = parseCaseLines(text, OPTIONS);
  assert.equal(cases.length, 2);
  assert.equal(cases[1]?.patient.age.source, 'days');
});

test('collects the problems of every line, each prefixed with its line number', () => {
  const text = [
    '{"patient": {}, "findings": {"respiratory_rate": 300}}',
    '{"patient": {}, "findings": {',
    '{"id": "a", "patient": {}, "findings": {}}',
    '{"id": "a", "patient": {}, "findings": {}}',
  ].join('\n');
  const error = refusal(() => parseCaseLines(text, OPTIONS));
  assert.deepEqual(
    error.issues.map((i) => i.field),
    ['line 1: findings.respiratory_rate', 'line 2: case', 'line 4: id'],
  );
  assert.match(error.issues[1]?.message ?? '', /at line 2, column 30/);
  assert.match(error.issues[2]?.message ?? '', /\[a\] is already the id of the case on line 3/);
});

test('parses all 50 cases of the shared visible.jsonl', { skip: SHARED_ABSENT }, () => {
  const cases = parseCaseLines(readFileSync(VISIBLE_URL, 'utf8'), OPTIONS);
  assert.equal(cases.length, 50);
  assert.equal(new Set(cases.map((c) => c.id)).size, 50);

  const byId = new Map(cases.map((c) => [c.id, c]));
  assert.equal(byId.get('INDIA-ExC-Pano')?.patient.age.source, 'unknown');
  assert.deepEqual(byId.get('HB05-5-Jomli')?.patient.age, {
    days: 42,
    months: 1,
    source: 'days',
    daysEstimated: false,
  });
  assert.equal(byId.get('HB05-1-Fatima')?.patient.weightKg, 11.5);
  assert.ok(cases.every((c) => c.meta.edition !== undefined && c.assessedBoxes !== undefined));
});
