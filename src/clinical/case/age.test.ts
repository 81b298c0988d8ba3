import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DAYS_PER_MONTH,
  ageFromMonths,
  resolveAge,
  todayInTimeZone,
  type AgeInput,
  type AgeResult,
  type ResolvedAge,
} from './age.js';

const VISIT = '2024-05-10';

function resolved(input: AgeInput, visitDate = VISIT): ResolvedAge {
  const result = resolveAge(input, visitDate);
  assert.ok(result.ok, `expected an age, got ${JSON.stringify(result)}`);
  return result.age;
}

function problems(result: AgeResult): { field: string; message: string }[] {
  assert.equal(result.ok, false, 'expected input problems');
  return result.ok ? [] : [...result.issues];
}

test('makes a child born on the visit day 0 days and 0 months old', () => {
  assert.deepEqual(resolved({ dateOfBirth: VISIT }), {
    days: 0,
    months: 0,
    source: 'date_of_birth',
    daysEstimated: false,
  });
});

test('makes a child born 2019-05-20 and seen 2024-05-10 59 completed months old', () => {
  const age = resolved({ dateOfBirth: '2019-05-20' });
  assert.equal(age.months, 59);
  assert.equal(age.days, 1817);
  assert.equal(age.source, 'date_of_birth');
});

test('estimates days from months and flags them as estimated', () => {
  assert.deepEqual(resolved({ ageMonths: 2 }), {
    days: 61,
    months: 2,
    source: 'months',
    daysEstimated: true,
  });
  assert.equal(resolved({ ageMonths: 0 }).days, 0);
});

test('estimates days that convert back to the same completed months at every age', () => {
  for (let months = 0; months <= 1800; months++) {
    const days = ageFromMonths(months).days ?? -1;
    assert.equal(Math.floor(days / DAYS_PER_MONTH), months, `months ${months}`);
  }
});

test('derives completed months from days at the month boundaries', () => {
  assert.equal(resolved({ ageDays: 30 }).months, 0);
  assert.equal(resolved({ ageDays: 31 }).months, 1);
  assert.equal(resolved({ ageDays: 60 }).months, 1);
  assert.equal(resolved({ ageDays: 61 }).months, 2);
  assert.deepEqual(resolved({ ageDays: 42 }), {
    days: 42,
    months: 1,
    source: 'days',
    daysEstimated: false,
  });
});

test('takes the age in days over completed months when both are stated', () => {
  assert.equal(resolved({ ageMonths: 1, ageDays: 42 }).source, 'days');
  assert.equal(resolved({ ageMonths: 0, ageDays: 4 }).days, 4);
});

test('resolves a null or missing age as unknown, not as an error', () => {
  const unknown = { days: null, months: null, source: 'unknown', daysEstimated: false };
  assert.deepEqual(resolved({ ageMonths: null }), unknown);
  assert.deepEqual(resolved({}), unknown);
  assert.deepEqual(resolved({ ageMonths: null, ageDays: null }), unknown);
});

test('accepts months within one month of the age in days and refuses more', () => {
  // 400 days is 13 completed months.
  assert.equal(resolved({ ageMonths: 12, ageDays: 400 }).months, 13);
  assert.equal(resolved({ ageMonths: 14, ageDays: 400 }).months, 13);
  for (const ageMonths of [11, 15]) {
    const [issue] = problems(resolveAge({ ageMonths, ageDays: 400 }, VISIT));
    assert.equal(issue?.field, 'patient.age_months');
    assert.match(
      issue?.message ?? '',
      new RegExp(`\\[${ageMonths}\\].*patient\\.age_days \\[400\\]`),
    );
  }
});

test('accepts months within one month of the date of birth and refuses more', () => {
  // 2019-05-20 to 2024-05-10 is 59 completed months.
  for (const ageMonths of [58, 59, 60]) {
    assert.equal(resolved({ ageMonths, dateOfBirth: '2019-05-20' }).months, 59);
  }
  for (const ageMonths of [57, 61]) {
    const [issue] = problems(resolveAge({ ageMonths, dateOfBirth: '2019-05-20' }, VISIT));
    assert.equal(issue?.field, 'patient.age_months');
    assert.match(
      issue?.message ?? '',
      /patient\.date_of_birth \[2019-05-20\].*59 completed months/,
    );
  }
});

test('accepts days within a week of the date of birth and refuses more', () => {
  // 2024-05-01 to 2024-05-10 is 9 days.
  for (const ageDays of [2, 9, 16]) {
    assert.equal(resolved({ ageDays, dateOfBirth: '2024-05-01' }).days, 9);
  }
  for (const ageDays of [1, 17]) {
    const [issue] = problems(resolveAge({ ageDays, dateOfBirth: '2024-05-01' }, VISIT));
    assert.equal(issue?.field, 'patient.age_days');
    assert.match(issue?.message ?? '', new RegExp(`\\[${ageDays}\\].*\\[2024-05-01\\]`));
  }
});

test('refuses a date of birth after the visit date, naming both dates', () => {
  const [issue] = problems(resolveAge({ dateOfBirth: '2024-05-11' }, VISIT));
  assert.equal(issue?.field, 'patient.date_of_birth');
  assert.match(issue?.message ?? '', /\[2024-05-11\].*visit_date \[2024-05-10\]/);
});

test('refuses negative and fractional ages and an impossible date of birth', () => {
  assert.match(problems(resolveAge({ ageMonths: -1 }, VISIT))[0]?.message ?? '', /negative \[-1\]/);
  assert.match(problems(resolveAge({ ageDays: -3 }, VISIT))[0]?.message ?? '', /negative \[-3\]/);
  assert.match(problems(resolveAge({ ageMonths: 4.5 }, VISIT))[0]?.message ?? '', /\[4\.5\]/);
  const [issue] = problems(resolveAge({ dateOfBirth: '2023-02-29' }, VISIT));
  assert.equal(issue?.field, 'patient.date_of_birth');
});

test('refuses a visit date that is not a calendar date', () => {
  const [issue] = problems(resolveAge({ ageMonths: 3 }, '2024-02-30'));
  assert.equal(issue?.field, 'visit_date');
  assert.match(issue?.message ?? '', /\[2024-02-30\]/);
});

test('makes a child born today 0 days old on Kiritimati and on Pago Pago at the same instant', () => {
  // 10:30 UTC is 00:30 the next day at UTC+14 and 23:30 the day before at UTC-11.
  const instant = new Date('2024-05-10T10:30:00Z');
  const kiritimati = todayInTimeZone('Pacific/Kiritimati', instant);
  const pagoPago = todayInTimeZone('Pacific/Pago_Pago', instant);
  assert.equal(kiritimati, '2024-05-11');
  assert.equal(pagoPago, '2024-05-09');

  for (const today of [kiritimati, pagoPago]) {
    assert.deepEqual(resolved({ dateOfBirth: today }, today), {
      days: 0,
      months: 0,
      source: 'date_of_birth',
      daysEstimated: false,
    });
  }
  // Counting on the wrong zone's calendar would make the Kiritimati newborn unborn.
  assert.equal(resolveAge({ dateOfBirth: kiritimati }, pagoPago).ok, false);
});
