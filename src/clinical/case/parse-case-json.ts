/**
 * Cases from text: one JSON object (`parseCaseJson`) or JSON Lines, one case per line
 * (`parseCaseLines`, the format of ../shared/cases/visible.jsonl).
 */
import { InputError, type InputIssue } from '../../shared/errors.js';
import { CASE_FIELD } from './case-issues.js';
import type { ClinicalCase, ParseCaseOptions } from './clinical-case.js';
import { findJsonSyntaxError } from './json-syntax.js';
import { parseCase } from './parse-case.js';

type JsonRead = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * Parses one case written as JSON. Invalid JSON is an `InputError` on the field `case` that
 * gives the line and column; the text itself is never quoted, since it may identify a patient.
 */
export function parseCaseJson(text: string, options: ParseCaseOptions): ClinicalCase {
  const read = readJson(text, 0);
  if (!read.ok) throw new InputError([{ field: CASE_FIELD, message: read.message }]);

  return parseCase(read.value, options);
}

/**
 * Parses JSON Lines: one case per non-blank line. Every problem of every line is collected into
 * one `InputError`; each field is prefixed with its line, e.g. `line 3: findings.stridor`.
 * Two cases with the same `id` are refused.
 */
export function parseCaseLines(text: string, options: ParseCaseOptions): ClinicalCase[] {
  const cases: ClinicalCase[] = [];
  const issues: InputIssue[] = [];
  const idLines = new Map<string, number>();

  text.split('\n').forEach((raw, index) => {
    const lineNumber = index + 1;
    if (raw.trim() === '') return;

    const parsed = parseLine(raw, lineNumber, options);
    if (!parsed.ok) {
      issues.push(...parsed.issues);
      return;
    }

    const id = parsed.value.id;
    const firstLine = id === undefined ? undefined : idLines.get(id);
    if (id !== undefined && firstLine !== undefined) {
      const message = `[${id}] is already the id of the case on line ${firstLine}`;
      issues.push({ field: `line ${lineNumber}: id`, message });
    } else if (id !== undefined) {
      idLines.set(id, lineNumber);
    }
    cases.push(parsed.value);
  });

  if (issues.length > 0) throw new InputError(issues);

  return cases;
}

type LineResult = { ok: true; value: ClinicalCase } | { ok: false; issues: InputIssue[] };

function parseLine(raw: string, lineNumber: number, options: ParseCaseOptions): LineResult {
  const read = readJson(raw, lineNumber - 1);
  if (!read.ok) {
    return {
      ok: false,
      issues: [{ field: `line ${lineNumber}: ${CASE_FIELD}`, message: read.message }],
    };
  }

  try {
    return { ok: true, value: parseCase(read.value, options) };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const issues = error.issues.map((issue) => ({
      field: `line ${lineNumber}: ${issue.field}`,
      message: issue.message,
    }));
    return { ok: false, issues };
  }
}

function readJson(text: string, lineOffset: number): JsonRead {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (cause) {
    if (!(cause instanceof SyntaxError)) throw cause;
  }

  const error = findJsonSyntaxError(text);
  const where =
    error === undefined
      ? ''
      : ` at line ${error.line + lineOffset}, column ${error.column}: ` +
        `${error.atEnd ? 'the text ended; ' : ''}expected ${error.expected}`;

  return { ok: false, message: `is not valid JSON${where}` };
}
