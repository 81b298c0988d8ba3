/**
 * Zod builders for the fields of a case, each with an error message that names the problem and
 * shows the offending value in [brackets] (STYLE.md, "Errors"). Identifying fields (name,
 * village, phone) show only the kind of value, never the value.
 */
import { z } from 'zod';
import { isCalendarDate } from './calendar-date.js';
import { DECIMAL_PATTERN, parseDecimal, parseDecimalText } from './parse-decimal.js';

const MAX_SHOWN = 40;

/** A short, safe rendering of an input value for an error message, without the brackets. */
export function showValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'an object';
  if (value === undefined) return 'nothing';

  const text = JSON.stringify(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

/** The kind of a value only (`a number`, `text`), for fields whose values identify a person. */
export function showKind(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'string') return 'text';

  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Options of a number field: plausible range, unit, and whether only whole numbers are valid. */
export interface NumberFieldOptions {
  readonly min: number;
  readonly max: number;
  readonly unit?: string;
  readonly integer?: boolean;
}

/** `true` or `false`. */
export function booleanField() {
  return z.boolean({ error: (iss) => `expected true or false [${showValue(iss.input)}]` });
}

/** One of the listed values; the message lists them all. */
export function enumField<const T extends readonly [string, ...string[]]>(values: T) {
  const allowed = values.join(', ');
  return z.enum(values, { error: (iss) => `must be one of: ${allowed} [${showValue(iss.input)}]` });
}

/** Non-empty text of at most `maxLength` characters. */
export function textField(maxLength = 500, identifying = false) {
  const show = identifying ? showKind : showValue;
  return z
    .string({ error: (iss) => `expected text [${show(iss.input)}]` })
    .min(1, { error: 'must not be empty []' })
    .max(maxLength, { error: `is longer than ${maxLength} characters` });
}

/** A calendar date written `YYYY-MM-DD` (from 1900 on). */
export function dateField() {
  return z
    .string({ error: (iss) => `expected a date written YYYY-MM-DD [${showValue(iss.input)}]` })
    .refine(isCalendarDate, {
      error: (iss) => `is not a calendar date written YYYY-MM-DD [${showValue(iss.input)}]`,
    })
    .meta({ format: 'date' });
}

/**
 * A number given as a JSON number or as a decimal string with a comma or a point ("12,5"),
 * checked against its plausible range. Strings with thousands separators are refused.
 */
export function numberField(options: NumberFieldOptions) {
  const ranged = rangedNumber(options);
  const decimalText = z
    .string()
    .trim()
    .regex(DECIMAL_PATTERN)
    .transform((text) => parseDecimal(text) ?? Number.NaN)
    .pipe(rangedNumber(options));

  return z.union([ranged, decimalText], {
    error: (iss) => {
      const input = iss.input;
      if (typeof input === 'string') {
        const parsed = parseDecimalText(input);
        if (!parsed.ok) return `${parsed.problem} [${showValue(input)}]`;
      }
      return `expected a number or a decimal string such as "12,5" [${showValue(input)}]`;
    },
  });
}

function rangedNumber({ min, max, unit, integer = false }: NumberFieldOptions) {
  const range = `${min} to ${max}${unit === undefined ? '' : ` ${unit}`}`;
  const outside = (iss: { input?: unknown }) =>
    min === 0 && typeof iss.input === 'number' && iss.input < 0
      ? `must not be negative [${showValue(iss.input)}]`
      : `is outside the plausible range ${range} [${showValue(iss.input)}]`;
  const base = z.number({ error: (iss) => `expected a number [${showValue(iss.input)}]` });
  const whole = integer
    ? base.int({ error: (iss) => `must be a whole number [${showValue(iss.input)}]` })
    : base;

  return whole.min(min, { error: outside }).max(max, { error: outside });
}
