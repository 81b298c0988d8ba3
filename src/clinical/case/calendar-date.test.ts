import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../../shared/errors.js';
import {
  completedMonthsBetween,
  daysBetween,
  isCalendarDate,
  parseCalendarDate,
  todayInTimeZone,
} from './calendar-date.js';

function date(text: string) {
  const parsed = parseCalendarDate(text);
  assert.ok(parsed, `test date ${text} must be valid`);
  return parsed;
}

test('accepts real calendar dates and refuses impossible ones', () => {
  assert.equal(isCalendarDate('2024-02-29'), true);
  assert.equal(isCalendarDate('2023-02-29'), false);
  assert.equal(isCalendarDate('2024-04-31'), false);
  assert.equal(isCalendarDate('2024-13-01'), false);
  assert.equal(isCalendarDate('2024-5-1'), false);
  assert.equal(isCalendarDate('10/05/2024'), false);
  assert.equal(isCalendarDate('1899-12-31'), false);
  assert.equal(isCalendarDate('1900-01-01'), true);
});

test('counts 59 completed months from 2019-05-20 to 2024-05-10', () => {
  assert.equal(completedMonthsBetween(date('2019-05-20'), date('2024-05-10')), 59);
});

test('completes a month on the same day of the month, not the day before', () => {
  const birth = date('2024-01-15');
  assert.equal(completedMonthsBetween(birth, date('2024-02-14')), 0);
  assert.equal(completedMonthsBetween(birth, date('2024-02-15')), 1);
  assert.equal(completedMonthsBetween(birth, date('2024-02-16')), 1);
});

test('completes the month on the last day when the birth day does not exist in that month', () => {
  const birth = date('2023-01-31');
  assert.equal(completedMonthsBetween(birth, date('2023-02-27')), 0);
  assert.equal(completedMonthsBetween(birth, date('2023-02-28')), 1);
  assert.equal(completedMonthsBetween(date('2024-01-31'), date('2024-02-28')), 0);
  assert.equal(completedMonthsBetween(date('2024-01-31'), date('2024-02-29')), 1);
});

test('counts days across a leap day and a year end', () => {
  assert.equal(daysBetween(date('2024-02-28'), date('2024-03-01')), 2);
  assert.equal(daysBetween(date('2023-12-31'), date('2024-01-01')), 1);
  assert.equal(daysBetween(date('2024-05-10'), date('2024-05-10')), 0);
  assert.equal(daysBetween(date('2024-05-10'), date('2024-05-09')), -1);
});

test('gives each time zone its own calendar date at the same instant', () => {
  const instant = new Date('2024-05-10T12:00:00Z');
  assert.equal(todayInTimeZone('Pacific/Kiritimati', instant), '2024-05-11');
  assert.equal(todayInTimeZone('Pacific/Pago_Pago', instant), '2024-05-10');
  assert.equal(todayInTimeZone('UTC', new Date('2024-12-31T23:59:59Z')), '2024-12-31');
});

test('refuses an unknown time zone with an InputError naming the field', () => {
  assert.throws(
    () => todayInTimeZone('Mars/Olympus_Mons'),
    (error: unknown) => {
      assert.ok(error instanceof InputError);
      assert.equal(error.issues[0]?.field, 'timeZone');
      assert.match(error.issues[0]?.message ?? '', /\[Mars\/Olympus_Mons\]/);
      return true;
    },
  );
});
