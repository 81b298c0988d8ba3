/**
 * Calendar dates as `YYYY-MM-DD` strings. Ages are counted on the clinic's calendar, never in
 * UTC instants: a child born today is 0 days old wherever the clinic is.
 */
import { InputError } from '../../shared/errors.js';

/** A calendar date split into its parts (month 1-12). */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

// Chosen by us: no living patient or visit predates 1900, and Date.UTC reads years 0-99 as
// 1900-1999, so earlier years would be miscounted.
const MIN_YEAR = 1900;

/**
 * Reads a `YYYY-MM-DD` string; `undefined` unless it is a real calendar date from 1900 on
 * (2023-02-29 and 2024-04-31 are refused).
 */
export function parseCalendarDate(text: string): CalendarDate | undefined {
  const match = DATE_SHAPE.exec(text);
  if (!match) return undefined;

  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < MIN_YEAR) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;

  return { year, month, day };
}

/** Whether a string is a real calendar date written `YYYY-MM-DD`. */
export function isCalendarDate(text: string): boolean {
  return parseCalendarDate(text) !== undefined;
}

/** Days in a month of the Gregorian calendar (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whole days from one calendar date to another (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  const start = Date.UTC(from.year, from.month - 1, from.day);
  const end = Date.UTC(to.year, to.month - 1, to.day);

  return Math.round((end - start) / MS_PER_DAY);
}

/**
 * Completed calendar months from a birth date to a visit date: 2019-05-20 to 2024-05-10 is 59.
 * A month is complete on the same day of the month; when that day does not exist (born on the
 * 31st, seen on 30 April), the last day of the month completes it. That end-of-month rule is our
 * choice; it keeps a child born on 31 January one month old on 28 February.
 */
export function completedMonthsBetween(birth: CalendarDate, visit: CalendarDate): number {
  const months = (visit.year - birth.year) * 12 + (visit.month - birth.month);
  const lastDay = daysInMonth(visit.year, visit.month);
  const anniversaryReached = visit.day >= birth.day || visit.day === lastDay;

  return anniversaryReached ? months : months - 1;
}

/**
 * The calendar date (`YYYY-MM-DD`) at instant `now` in a clinic's IANA time zone, e.g.
 * `Africa/Nairobi`. Throws `InputError` naming `timeZone` when the zone is unknown.
 */
export function todayInTimeZone(timeZone: string, now: Date = new Date()): string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
  } catch (cause) {
    const message = `is not a known IANA time zone [${timeZone}]; use a name like Africa/Nairobi`;
    throw new InputError([{ field: 'timeZone', message }], { cause });
  }

  const parts = format.formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';

  return `${part('year')}-${part('month')}-${part('day')}`;
}
