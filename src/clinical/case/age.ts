/**
 * One age from what the case states: a date of birth, an age in days, or completed months.
 * The most precise statement wins (date of birth, then days, then months); the others must
 * agree with it, or the case is refused as contradictory.
 */
import type { InputIssue } from '../../shared/errors.js';
import {
  completedMonthsBetween,
  daysBetween,
  parseCalendarDate,
  type CalendarDate,
} from './calendar-date.js';

export { todayInTimeZone } from './calendar-date.js';

/** Mean Gregorian month in days (365.25 / 12), used to convert between days and months. */
export const DAYS_PER_MONTH = 30.4375;

/** Plausibility bound on a stated age, chosen by us: 150 years covers every adult patient. */
export const MAX_AGE_MONTHS = 150 * 12;

/** The same bound in days. */
export const MAX_AGE_DAYS = Math.ceil(MAX_AGE_MONTHS * DAYS_PER_MONTH);

/** Completed months may differ by this much from the age in days or the date of birth. */
export const AGE_MONTHS_TOLERANCE = 1;

/**
 * Days may differ by this much from the date of birth. Chosen by us: sources state young-infant
 * ages in weeks ("6 weeks" becomes 42 days), so a stated age can be up to a week off.
 */
export const AGE_DAYS_TOLERANCE = 7;

/** Where the resolved age came from. */
export type AgeSource = 'date_of_birth' | 'days' | 'months' | 'unknown';

/** The age of a patient at the visit. */
export interface ResolvedAge {
  /** Whole days of life; estimated from months when `daysEstimated`. */
  readonly days: number | null;
  /** Completed months (a child of 11 months and 29 days is 11). */
  readonly months: number | null;
  readonly source: AgeSource;
  /** True when the days were computed from completed months, not counted. */
  readonly daysEstimated: boolean;
}

/** The age fields of a case; `null` means the source gives no age. */
export interface AgeInput {
  ageMonths?: number | null;
  ageDays?: number | null;
  dateOfBirth?: string;
}

/** A resolved age, or the input problems that prevent one. */
export type AgeResult =
  | { readonly ok: true; readonly age: ResolvedAge }
  | { readonly ok: false; readonly issues: readonly InputIssue[] };

const UNKNOWN_AGE: ResolvedAge = {
  days: null,
  months: null,
  source: 'unknown',
  daysEstimated: false,
};

/**
 * Resolves the age at `visitDate` (`YYYY-MM-DD`, the clinic's calendar). Negative or fractional
 * ages, a date of birth after the visit, and statements that disagree beyond
 * {@link AGE_MONTHS_TOLERANCE} or {@link AGE_DAYS_TOLERANCE} are returned as issues naming the
 * fields and their values.
 */
export function resolveAge(input: AgeInput, visitDate: string): AgeResult {
  const visit = parseCalendarDate(visitDate);
  if (!visit) {
    const message = `is not a calendar date written YYYY-MM-DD [${visitDate}]`;
    return { ok: false, issues: [{ field: 'visit_date', message }] };
  }

  const issues: InputIssue[] = [
    ...checkStatedAge(input.ageMonths, 'patient.age_months', MAX_AGE_MONTHS),
    ...checkStatedAge(input.ageDays, 'patient.age_days', MAX_AGE_DAYS),
  ];
  const fromBirth =
    input.dateOfBirth === undefined ? undefined : ageFromBirth(input.dateOfBirth, visit, visitDate);
  if (fromBirth && !fromBirth.ok) issues.push(...fromBirth.issues);
  if (issues.length > 0) return { ok: false, issues };

  const age = fromBirth?.ok ? fromBirth.age : ageFromStatement(input);
  const contradictions = findContradictions(input, age);

  return contradictions.length > 0 ? { ok: false, issues: contradictions } : { ok: true, age };
}

/** Age from completed months only: days are estimated so that they convert back to the months. */
export function ageFromMonths(months: number): ResolvedAge {
  // Rounded up, so that floor(days / DAYS_PER_MONTH) gives back the same completed months;
  // rounding down would make a child of 2 months (60 days) read as 1 month, a young infant.
  return {
    days: Math.ceil(months * DAYS_PER_MONTH),
    months,
    source: 'months',
    daysEstimated: true,
  };
}

/** Age from days of life: completed months are the whole mean months in those days. */
export function ageFromDays(days: number): ResolvedAge {
  return { days, months: Math.floor(days / DAYS_PER_MONTH), source: 'days', daysEstimated: false };
}

function ageFromStatement(input: AgeInput): ResolvedAge {
  if (input.ageDays != null) return ageFromDays(input.ageDays);
  if (input.ageMonths != null) return ageFromMonths(input.ageMonths);

  return UNKNOWN_AGE;
}

function ageFromBirth(dateOfBirth: string, visit: CalendarDate, visitDate: string): AgeResult {
  const field = 'patient.date_of_birth';
  const birth = parseCalendarDate(dateOfBirth);
  if (!birth) {
    return {
      ok: false,
      issues: [{ field, message: `is not a calendar date written YYYY-MM-DD [${dateOfBirth}]` }],
    };
  }

  const days = daysBetween(birth, visit);
  if (days < 0) {
    const message = `[${dateOfBirth}] is after the visit date visit_date [${visitDate}]`;
    return { ok: false, issues: [{ field, message }] };
  }
  const months = completedMonthsBetween(birth, visit);

  return { ok: true, age: { days, months, source: 'date_of_birth', daysEstimated: false } };
}

function checkStatedAge(
  value: number | null | undefined,
  field: string,
  max: number,
): InputIssue[] {
  if (value == null) return [];

  let message: string | undefined;
  if (!Number.isInteger(value)) message = `must be a whole number of completed units [${value}]`;
  else if (value < 0) message = `must not be negative [${value}]`;
  else if (value > max) message = `is above the plausible maximum of ${max} [${value}]`;

  return message === undefined ? [] : [{ field, message }];
}

function findContradictions(input: AgeInput, age: ResolvedAge): InputIssue[] {
  const issues: InputIssue[] = [];
  const other =
    age.source === 'date_of_birth'
      ? `patient.date_of_birth [${input.dateOfBirth}]`
      : `patient.age_days [${input.ageDays}]`;

  if (input.ageMonths != null && age.source !== 'months' && age.months !== null) {
    if (Math.abs(input.ageMonths - age.months) > AGE_MONTHS_TOLERANCE) {
      const message =
        `[${input.ageMonths}] does not match ${other}, which gives ${age.months} completed ` +
        `months; they differ by more than ${AGE_MONTHS_TOLERANCE} month`;
      issues.push({ field: 'patient.age_months', message });
    }
  }
  if (input.ageDays != null && age.source === 'date_of_birth' && age.days !== null) {
    if (Math.abs(input.ageDays - age.days) > AGE_DAYS_TOLERANCE) {
      const message =
        `[${input.ageDays}] does not match ${other}, which gives ${age.days} days; ` +
        `they differ by more than ${AGE_DAYS_TOLERANCE} days`;
      issues.push({ field: 'patient.age_days', message });
    }
  }

  return issues;
}
