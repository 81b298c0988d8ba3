/**
 * Expected date of delivery and gestational age from the last menstrual period by Naegele's
 * rule (imci-facts E.11, K): EDD = LMP + 280 days, moved by (cycle length - 28) days for a
 * regular longer or shorter cycle. Dates are ISO YYYY-MM-DD strings handled as calendar days
 * (UTC day numbers), so no time zone can shift a date.
 */
import { outOfRange } from './result.js';
import type { OutOfRange } from './result.js';

/** Inputs: LMP, optional regular cycle length (default 28 days), optional date for GA. */
export interface PregnancyDatesInput {
  readonly lmp: string;
  readonly cycleLengthDays?: number | undefined;
  readonly onDate?: string | undefined;
}

/** Gestational age in completed weeks plus days. */
export interface GestationalAge {
  readonly weeks: number;
  readonly days: number;
  readonly totalDays: number;
}

/** EDD, and gestational age on `onDate` when given. */
export type PregnancyDatesResult =
  | { readonly kind: 'ok'; readonly edd: string; readonly gestationalAge?: GestationalAge }
  | OutOfRange;

/** Naegele: 280 days from the LMP for a 28-day cycle. */
export const NAEGELE_DAYS = 280;
const STANDARD_CYCLE_DAYS = 28;
/** Regular cycles accepted for the adjustment (our bounds). */
export const CYCLE_RANGE_DAYS = { min: 21, max: 45 } as const;
/** Latest gestational age reported; beyond it the LMP or the date is likely wrong (ours). */
export const MAX_GESTATION_DAYS = 44 * 7;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses YYYY-MM-DD to a UTC day number, or undefined if it is not a real calendar date. */
export function parseIsoDate(text: string): number | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  const same =
    back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d;
  return same && y >= 1900 && y <= 2200 ? ms / MS_PER_DAY : undefined;
}

/** Formats a UTC day number as YYYY-MM-DD. */
export function formatIsoDate(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

const notADate = (field: string, value: string): OutOfRange =>
  outOfRange(field, value, {}, 'must be a calendar date written YYYY-MM-DD');

/** EDD by Naegele with cycle adjustment; gestational age counted back from that EDD. */
export function pregnancyDates(input: PregnancyDatesInput): PregnancyDatesResult {
  const lmp = parseIsoDate(input.lmp);
  if (lmp === undefined) return notADate('lmp', input.lmp);
  const cycle = input.cycleLengthDays ?? STANDARD_CYCLE_DAYS;
  const cycleOk =
    Number.isInteger(cycle) && cycle >= CYCLE_RANGE_DAYS.min && cycle <= CYCLE_RANGE_DAYS.max;
  if (!cycleOk)
    return outOfRange(
      'cycleLengthDays',
      cycle,
      CYCLE_RANGE_DAYS,
      'must be a whole number of days from 21 to 45',
    );

  const edd = lmp + NAEGELE_DAYS + (cycle - STANDARD_CYCLE_DAYS);
  if (input.onDate === undefined) return { kind: 'ok', edd: formatIsoDate(edd) };

  const on = parseIsoDate(input.onDate);
  if (on === undefined) return notADate('onDate', input.onDate);
  // GA is counted so that the EDD is exactly 40+0: with a long cycle, ovulation was later.
  const totalDays = NAEGELE_DAYS - (edd - on);
  if (totalDays < 0 || totalDays > MAX_GESTATION_DAYS) {
    const range = { min: 0, max: MAX_GESTATION_DAYS };
    return outOfRange(
      'onDate',
      input.onDate,
      range,
      'must fall 0 to 44 weeks after the (cycle-adjusted) LMP',
    );
  }
  const gestationalAge = { weeks: Math.floor(totalDays / 7), days: totalDays % 7, totalDays };
  return { kind: 'ok', edd: formatIsoDate(edd), gestationalAge };
}
