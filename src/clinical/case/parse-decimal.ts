/**
 * Decimal numbers typed by people: "12,5" and "12.5" are both 12.5, because health workers in
 * many countries write a decimal comma. Thousands separators are refused, not guessed: "1.250,5"
 * and "1,250.5" could be read two ways, and a weight or a rate read wrongly is worse than an
 * error. A single separator is always the decimal mark, so "3.75" is 3.75 and "1,250" is 1.25.
 */

/** A decimal string as the pattern the parser accepts: optional sign, digits, one mark. */
export const DECIMAL_PATTERN = /^[+-]?\d+(?:[.,]\d+)?$/;

/** The outcome of reading a decimal string: its value, or why it was refused. */
export type DecimalParse = { ok: true; value: number } | { ok: false; problem: string };

/**
 * Reads a decimal typed with a comma or a point, and says why when it cannot.
 * Surrounding spaces are ignored; anything else outside {@link DECIMAL_PATTERN} is refused.
 */
export function parseDecimalText(text: string): DecimalParse {
  const trimmed = text.trim();
  if (DECIMAL_PATTERN.test(trimmed)) {
    return { ok: true, value: Number(trimmed.replace(',', '.')) };
  }

  return { ok: false, problem: describeProblem(trimmed) };
}

/**
 * Reads a decimal typed with a comma or a point ("12,5" → 12.5); `undefined` when the text is
 * not a plain decimal (empty, thousands separators, exponent, words).
 */
export function parseDecimal(text: string): number | undefined {
  const result = parseDecimalText(text);

  return result.ok ? result.value : undefined;
}

function describeProblem(text: string): string {
  if (text === '') return 'is empty; expected a number';

  const marks = text.replace(/[^.,]/g, '');
  if (/^[+-]?[\d.,]+$/.test(text) && marks.length > 1) {
    return (
      'has more than one decimal mark; thousands separators are not accepted, ' +
      'write the number without them (for example 1250.5)'
    );
  }
  if (/\s/.test(text)) {
    return 'contains spaces; write the number without thousands separators (for example 1250)';
  }

  return 'is not a decimal number (digits with at most one decimal comma or point)';
}
