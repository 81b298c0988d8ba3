import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError, type InputIssue } from '../../shared/errors.js';
import { MAX_AGE_DAYS } from './age.js';
import { parseCase } from './parse-case.js';

// Every plausibility bound of the case input, tested at both edges and just outside them.

const OPTIONS = { visitDate: '2024-05-10' };

function issueAt(input: unknown, field: string): InputIssue {
  try {
    parseCase(input, OPTIONS);
  } catch (error) {
    assert.ok(error instanceof InputError, 'expected an InputError');
    const issue = error.issues.find((i) => i.field === field);
    assert.ok(issue, `expected an issue on ${field}`);
    return issue;
  }
  assert.fail(`expected ${field} to be refused`);
}

const RANGE_EDGES: [
  field: string,
  refusedLow: number,
  min: number,
  max: number,
  refusedHigh: number,
][] = [
  ['findings.respiratory_rate', 4, 5, 150, 151],
  ['findings.post_bronchodilator_respiratory_rate', 4, 5, 150, 151],
  ['findings.oxygen_saturation', 49, 50, 100, 101],
  ['findings.cough_days', -1, 0, 365, 366],
  ['findings.diarrhoea_days', -1, 0, 365, 366],
  ['findings.fever_days', -1, 0, 365, 366],
  ['findings.ear_discharge_days', -1, 0, 365, 366],
  ['findings.muac_mm', 59, 60, 300, 301],
  ['findings.wfh_z', -8.1, -8, 8, 8.1],
  ['findings.breastfeeds_per_24h', -1, 0, 40, 41],
  ['patient.temperature_c', 29.9, 30, 45, 45.1],
  ['patient.weight_kg', 0.4, 0.5, 250, 250.1],
  ['patient.height_cm', 19.9, 20, 250, 250.1],
  ['patient.age_months', -1, 0, 1800, 1801],
  ['patient.age_days', -1, 0, MAX_AGE_DAYS, MAX_AGE_DAYS + 1],
];

function caseWithField(field: string, value: unknown) {
  const [group, key = ''] = field.split('.');
  // Age fields are tested alone, so that no other age statement contradicts them.
  const patient = group === 'patient' ? { age_months: null, [key]: value } : {};
  const findings = group === 'findings' ? { [key]: value } : {};
  return { patient: { age_months: 18, ...patient }, findings };
}

for (const [field, low, min, max, high] of RANGE_EDGES) {
  test(`accepts ${field} at ${min} and ${max} and refuses ${low} and ${high}`, () => {
    for (const accepted of [min, max]) {
      assert.doesNotThrow(() => parseCase(caseWithField(field, accepted), OPTIONS), `${accepted}`);
    }
    for (const refused of [low, high]) {
      const issue = issueAt(caseWithField(field, refused), field);
      assert.ok(issue.message.includes(`[${refused}]`), issue.message);
    }
  });
}

test('refuses a respiratory rate of 0 or 300, a temperature of 20 or 46 and a weight of 0 or 400', () => {
  for (const [field, value] of [
    ['findings.respiratory_rate', 0],
    ['findings.respiratory_rate', 300],
    ['patient.temperature_c', 20],
    ['patient.temperature_c', 46],
    ['patient.weight_kg', 0],
    ['patient.weight_kg', 400],
  ] as const) {
    assert.match(issueAt(caseWithField(field, value), field).message, /plausible range/);
  }
});
