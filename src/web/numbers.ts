/**
 * Numbers typed by health workers, read the way their language writes them: "3,75" is 3.75 in
 * French, Swahili or Indonesian. A point is always read as the decimal mark too, because
 * scales and thermometers show one. Group separators are refused ("1,234" in English, "1.234"
 * typed as a thousand): a weight or a rate never needs one, and guessing could turn 3,750 kg
 * into 3750 kg.
 */

/** The decimal mark of a language, from Intl (',' for fr, '.' for en). */
export function decimalMark(lang: string): string {
  const part = new Intl.NumberFormat(lang).formatToParts(1.5).find((p) => p.type === 'decimal');
  return part?.value ?? '.';
}

export type NumberParse = { ok: true; value: number } | { ok: false };

/** Parses one typed number in the given language; empty text is not a number. */
export function parseLocaleNumber(text: string, lang: string): NumberParse {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false };
  const mark = decimalMark(lang);
  const normalised = mark === ',' ? trimmed.replace(',', '.') : trimmed;
  // One optional sign, digits, at most one decimal point: nothing else.
  if (!/^-?\d+(\.\d+)?$/.test(normalised)) return { ok: false };

  return { ok: true, value: Number(normalised) };
}
