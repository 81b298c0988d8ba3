import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError, type InputIssue } from '../../shared/errors.js';
import { parseCase } from './parse-case.js';

const OPTIONS = { visitDate: '2024-05-10' };

function caseWith(patient: Record<string, unknown>, findings: Record<string, unknown> = {}) {
  return { patient: { age_months: 18, ...patient }, findings };
}

function issuesOf(input: unknown): InputIssue[] {
  try {
    parseCase(input, OPTIONS);
  } catch (error) {
    assert.ok(error instanceof InputError, 'expected an InputError');
    return [...error.issues];
  }
  assert.fail('expected the case to be refused');
}

function issueAt(input: unknown, field: string): InputIssue {
  const issue = issuesOf(input).find((i) => i.field === field);
  assert.ok(issue, `expected an issue on ${field}`);
  return issue;
}

test('accepts a case without findings, because missing findings are not errors', () => {
  const parsed = parseCase(caseWith({}), OPTIONS);
  assert.deepEqual(parsed.findings, {});
  assert.deepEqual(parsed.patient.medicines, []);
  assert.deepEqual(parsed.patient.allergies, []);
  assert.equal(parsed.visitDate, '2024-05-10');
});

test('reads number fields written with a decimal comma or a decimal point', () => {
  const parsed = parseCase(
    caseWith({ weight_kg: '12,5', temperature_c: '37.5' }, { respiratory_rate: '48' }),
    OPTIONS,
  );
  assert.equal(parsed.patient.weightKg, 12.5);
  assert.equal(parsed.patient.temperatureC, 37.5);
  assert.equal(parsed.findings.respiratory_rate, 48);
});

test('keeps a weight of "3.75" kg as 3.75 kg, not 375 or 3750', () => {
  assert.equal(parseCase(caseWith({ weight_kg: '3.75' }), OPTIONS).patient.weightKg, 3.75);
  assert.equal(parseCase(caseWith({ weight_kg: '3,75' }), OPTIONS).patient.weightKg, 3.75);
  assert.equal(parseCase(caseWith({ weight_kg: 3.75 }), OPTIONS).patient.weightKg, 3.75);
});

test('refuses thousands separators in a number field, naming the field and the value', () => {
  for (const text of ['1.250,5', '1,250.5']) {
    const issue = issueAt(caseWith({}, { muac_mm: text }), 'findings.muac_mm');
    assert.match(issue.message, /thousands separators/);
    assert.ok(issue.message.includes(`["${text}"]`), issue.message);
  }
});

test('refuses a negative age as negative', () => {
  assert.match(
    issueAt(caseWith({ age_months: -1 }), 'patient.age_months').message,
    /negative \[-1\]/,
  );
});

test('names an unknown finding key and suggests the nearest known key', () => {
  const issue = issueAt(caseWith({}, { respiratory_rat: 40 }), 'findings.respiratory_rat');
  assert.equal(
    issue.message,
    'unknown finding key [respiratory_rat]; did you mean respiratory_rate?',
  );
});

test('suggests known keys for misspelt patient and case keys too', () => {
  assert.match(
    issueAt(caseWith({ weight: 9 }), 'patient.weight').message,
    /did you mean weight_kg\?/,
  );
  const issues = issuesOf({ patient: {}, findings: {}, visitDate: '2024-05-01' });
  assert.match(
    issues.find((i) => i.field === 'visitDate')?.message ?? '',
    /did you mean visit_date\?/,
  );
});

test('lists the allowed values when an enum value is wrong', () => {
  const issue = issueAt(caseWith({}, { drinking: 'sometimes' }), 'findings.drinking');
  assert.equal(
    issue.message,
    'must be one of: normally, eagerly_thirsty, poorly, not_able ["sometimes"]',
  );
  assert.match(issueAt(caseWith({ sex: 'm' }), 'patient.sex').message, /male, female \["m"\]/);
});

test('refuses a boolean finding written as text', () => {
  assert.equal(
    issueAt(caseWith({}, { stridor: 'yes' }), 'findings.stridor').message,
    'expected true or false ["yes"]',
  );
});

test('lists every problem of a case at once, age contradictions included', () => {
  const issues = issuesOf({
    patient: { age_months: 30, age_days: 400, temperature_c: 46 },
    findings: { respiratory_rate: 300, drinking: 'sometimes', respiratory_rat: 1 },
  });
  assert.deepEqual(issues.map((i) => i.field).sort(), [
    'findings.drinking',
    'findings.respiratory_rat',
    'findings.respiratory_rate',
    'patient.age_months',
    'patient.temperature_c',
  ]);
  const age = issues.find((i) => i.field === 'patient.age_months');
  assert.match(age?.message ?? '', /\[30\].*patient\.age_days \[400\]/);
});

test('refuses a date of birth after the visit date', () => {
  const issue = issueAt(
    caseWith({ age_months: null, date_of_birth: '2024-05-11' }),
    'patient.date_of_birth',
  );
  assert.match(issue.message, /\[2024-05-11\].*\[2024-05-10\]/);
});

test('resolves age_months null as an unknown age', () => {
  const parsed = parseCase({ patient: { age_months: null }, findings: {} }, OPTIONS);
  assert.equal(parsed.patient.age.source, 'unknown');
  assert.equal(parsed.patient.age.months, null);
});

test('puts identifying fields in identity and keeps them out of patient', () => {
  const parsed = parseCase(
    caseWith({
      age_months: null,
      name: 'Test Child',
      date_of_birth: '2022-11-10',
      village: 'Test Village',
      phone: '+000 000',
      sex: 'female',
    }),
    OPTIONS,
  );
  assert.deepEqual(parsed.identity, {
    name: 'Test Child',
    dateOfBirth: '2022-11-10',
    village: 'Test Village',
    phone: '+000 000',
  });
  assert.equal(parsed.patient.age.months, 18);
  assert.equal(parsed.patient.sex, 'female');
  const clinical = JSON.stringify(parsed.patient);
  for (const value of ['Test Child', 'Test Village', '+000 000', '2022-11-10']) {
    assert.ok(!clinical.includes(value), `patient must not hold ${value}`);
  }
});

test('does not echo an identifying value in an error', () => {
  const issue = issueAt(caseWith({ phone: 5551234 }), 'patient.phone');
  assert.equal(issue.message, 'expected text [a number]');
});

test('reads a null finding as not assessed', () => {
  const parsed = parseCase(caseWith({}, { wheeze: null, stridor: false }), OPTIONS);
  assert.deepEqual(parsed.findings, { stridor: false });
});

test('uses the visit date of the case over the default visit date', () => {
  const parsed = parseCase(
    { ...caseWith({ age_months: null, date_of_birth: '2024-01-01' }), visit_date: '2024-03-01' },
    OPTIONS,
  );
  assert.equal(parsed.visitDate, '2024-03-01');
  assert.equal(parsed.patient.age.months, 2);
});

test('refuses an impossible default visit date, naming the option', () => {
  assert.throws(
    () => parseCase(caseWith({}), { visitDate: '2024-02-30' }),
    (error: unknown) => error instanceof InputError && error.issues[0]?.field === 'visitDate',
  );
});

test('accepts and ignores the meta fields of the test-case files, keeping edition, source and boxes', () => {
  const parsed = parseCase(
    {
      ...caseWith({}, { stridor: true }),
      id: 'T-1',
      source: 'test fixture',
      edition: 'IMCI 2014',
      answer_quality: 'derived',
      assessed_boxes: ['cough_or_difficult_breathing'],
      partial: false,
      expected: { classifications: ['SEVERE PNEUMONIA OR VERY SEVERE DISEASE'] },
      source_detail: { item: 1 },
      notes: 'none',
    },
    OPTIONS,
  );
  assert.equal(parsed.id, 'T-1');
  assert.deepEqual(parsed.meta, { edition: 'IMCI 2014', source: 'test fixture' });
  assert.deepEqual(parsed.assessedBoxes, ['cough_or_difficult_breathing']);
  assert.ok(!('expected' in parsed));
});

test('refuses an unknown chart box in assessed_boxes', () => {
  const issue = issueAt({ ...caseWith({}), assessed_boxes: ['cough'] }, 'assessed_boxes[0]');
  assert.match(issue.message, /general_danger_signs.*\["cough"\]/);
});

test('maps the clinical patient fields to camelCase', () => {
  const parsed = parseCase(
    caseWith({
      height_cm: '86,5',
      height_measured: 'length',
      pregnant: false,
      medicines: ['amoxicillin'],
      allergies: ['penicillin'],
    }),
    OPTIONS,
  );
  assert.equal(parsed.patient.heightCm, 86.5);
  assert.equal(parsed.patient.heightMeasured, 'length');
  assert.equal(parsed.patient.pregnant, false);
  assert.deepEqual(parsed.patient.medicines, ['amoxicillin']);
  assert.deepEqual(parsed.patient.allergies, ['penicillin']);
});

test('refuses input that is not an object, and a case without patient or findings', () => {
  assert.equal(issuesOf([])[0]?.field, 'case');
  assert.equal(issuesOf(null)[0]?.field, 'case');
  const fields = issuesOf({})
    .map((i) => i.field)
    .sort();
  assert.deepEqual(fields, ['findings', 'patient']);
});
