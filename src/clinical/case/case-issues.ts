/**
 * Turns zod issues into `InputIssue`s with a dotted field path, one issue per unknown key, and
 * a "did you mean" suggestion when a known key is close.
 */
import type { z } from 'zod';
import type { InputIssue } from '../../shared/errors.js';
import { caseSchema, patientSchema } from './case-schema.js';
import { suggestKey } from './suggest-key.js';
import { FINDING_KEYS } from './vocabulary.js';

/** The field name used for a problem with the case as a whole. */
export const CASE_FIELD = 'case';

const KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = {
  '': Object.keys(caseSchema.shape),
  patient: Object.keys(patientSchema.shape),
  findings: FINDING_KEYS,
};

/** A zod path as a field name: `findings.respiratory_rate`, `patient.medicines[0]`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let field = '';
  for (const part of path) {
    if (typeof part === 'number') field += `[${part}]`;
    else field += field === '' ? String(part) : `.${String(part)}`;
  }

  return field === '' ? CASE_FIELD : field;
}

/** Every zod issue as an input issue; unknown keys are split, one issue each. */
export function toInputIssues(error: z.ZodError): InputIssue[] {
  return error.issues.flatMap((issue): InputIssue[] => {
    if (issue.code !== 'unrecognized_keys') {
      return [{ field: fieldPath(issue.path), message: issue.message }];
    }

    return issue.keys.map((key) => unknownKeyIssue(issue.path, key));
  });
}

function unknownKeyIssue(path: readonly PropertyKey[], key: string): InputIssue {
  const parent = path.map(String).join('.');
  const field = parent === '' ? key : `${parent}.${key}`;
  const what = parent === 'findings' ? 'unknown finding key' : 'unknown key';
  const suggestion = suggestKey(key, KNOWN_KEYS[parent] ?? []);
  const hint =
    suggestion === undefined
      ? parent === 'findings'
        ? '; `medassist schema` lists the finding keys'
        : ''
      : `; did you mean ${suggestion}?`;

  return { field, message: `${what} [${key}]${hint}` };
}
