/**
 * Parses one untrusted case into a `ClinicalCase`, or throws one `InputError` that lists every
 * problem found, each with its field path and the offending value in [brackets].
 */
import { z } from 'zod';
import { InputError, type InputIssue } from '../../shared/errors.js';
import { resolveAge, type AgeResult, type ResolvedAge } from './age.js';
import { isCalendarDate } from './calendar-date.js';
import { toInputIssues } from './case-issues.js';
import { caseSchema, patientSchema, type CaseInput } from './case-schema.js';
import type { ClinicalCase, ParseCaseOptions } from './clinical-case.js';
import type { Findings } from './vocabulary.js';

// Reads only the fields the age needs, so that an age contradiction is reported together with
// problems elsewhere in the case, not after they are fixed.
const ageFieldsSchema = z.object({
  visit_date: caseSchema.shape.visit_date,
  patient: z.object({
    age_months: patientSchema.shape.age_months,
    age_days: patientSchema.shape.age_days,
    date_of_birth: patientSchema.shape.date_of_birth,
  }),
});

/**
 * Parses one case in the neutral format (VOCABULARY.md). Missing findings are not errors;
 * unknown keys, wrong types, enum values outside the list, implausible numbers and
 * contradictory ages are. `options.visitDate` is used when the case has no `visit_date`.
 */
export function parseCase(input: unknown, options: ParseCaseOptions): ClinicalCase {
  if (!isCalendarDate(options.visitDate)) {
    const message = `is not a calendar date written YYYY-MM-DD [${options.visitDate}]`;
    throw new InputError([{ field: 'visitDate', message }]);
  }

  const parsed = caseSchema.safeParse(input);
  const issues: InputIssue[] = parsed.success ? [] : toInputIssues(parsed.error);
  const age = resolveCaseAge(input, options.visitDate);
  if (age && !age.ok) issues.push(...age.issues);

  if (!parsed.success || !age?.ok || issues.length > 0) throw new InputError(issues);

  return buildCase(parsed.data, age.age, options.visitDate);
}

function resolveCaseAge(input: unknown, defaultVisitDate: string): AgeResult | undefined {
  const fields = ageFieldsSchema.safeParse(input);
  if (!fields.success) return undefined;

  const { patient, visit_date: visitDate } = fields.data;
  return resolveAge(
    {
      ageMonths: patient.age_months ?? null,
      ageDays: patient.age_days ?? null,
      ...defined({ dateOfBirth: patient.date_of_birth }),
    },
    visitDate ?? defaultVisitDate,
  );
}

function buildCase(data: CaseInput, age: ResolvedAge, defaultVisitDate: string): ClinicalCase {
  const { patient } = data;

  return {
    ...defined({ id: data.id, assessedBoxes: data.assessed_boxes }),
    visitDate: data.visit_date ?? defaultVisitDate,
    patient: {
      age,
      ...defined({
        sex: patient.sex,
        weightKg: patient.weight_kg,
        temperatureC: patient.temperature_c,
        heightCm: patient.height_cm,
        heightMeasured: patient.height_measured,
        pregnant: patient.pregnant,
      }),
      medicines: patient.medicines ?? [],
      allergies: patient.allergies ?? [],
    },
    identity: defined({
      patientId: patient.id,
      name: patient.name,
      dateOfBirth: patient.date_of_birth,
      village: patient.village,
      phone: patient.phone,
    }),
    findings: readFindings(data.findings),
    meta: defined({ edition: data.edition, source: data.source }),
  };
}

function readFindings(raw: CaseInput['findings']): Findings {
  const entries = Object.entries(raw).filter(([, value]) => value !== null && value !== undefined);

  // The schema has checked every key and value against the vocabulary at run time; the static
  // key types were lost because the schema is built from the vocabulary data.
  const findings: Findings = Object.fromEntries(entries);

  return findings;
}

type Defined<T> = { [K in keyof T]?: Exclude<T[K], undefined> };

function defined<T extends Record<string, unknown>>(record: T): Defined<T> {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined),
  ) as Defined<T>;
}
