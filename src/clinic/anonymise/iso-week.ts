/**
 * ISO 8601 week of a calendar date: the only date precision that leaves the clinic
 * (protocol v1 `IsoWeek`). ISO weeks start on Monday and week 1 holds the year's first
 * Thursday (ISO 8601-1:2019, 5.2.2.2), so 2027-01-01 (a Friday) is in 2026-W53.
 */
import { InputError } from '../../shared/errors.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** `2026-12-04` -> `2026-W49`. Throws `InputError` for anything but a calendar date. */
export function isoWeekOf(calendarDate: string): string {
  const match = DATE.exec(calendarDate);
  const date = match ? new Date(Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!)) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== calendarDate) {
    throw new InputError([
      { field: 'visitDate', message: `expected a date written YYYY-MM-DD [${calendarDate}]` },
    ]);
  }

  // The Thursday of the same ISO week decides the week-year.
  const weekday = (date.getUTCDay() + 6) % 7;
  const thursday = new Date(date.getTime() + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;

  return `${year}-W${String(week).padStart(2, '0')}`;
}
