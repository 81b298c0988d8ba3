/**
 * Text that PostgreSQL's jsonb cannot hold. JSON allows "\u0000" and unpaired UTF-16
 * surrogates, and a JSON body parses into strings that carry them, but jsonb refuses both
 * (PostgreSQL 16 docs, 8.14 "JSON Types": \u0000 is disallowed; surrogates must pair). Such a
 * string in any item would fail the statement of its whole push (and of every retry), so
 * items holding one are quarantined, and the text we store ourselves is made storable.
 */

// With the u flag a surrogate pair reads as one code point, so the class matches only a
// NUL or a surrogate that has no partner.
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE = /[\u0000\ud800-\udfff]/u;
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE_ALL = /[\u0000\ud800-\udfff]/gu;

function hasUnstorableString(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return UNSTORABLE.test(value);
  if (value === null || typeof value !== 'object') return false;
  // Deeper than any FHIR bundle we make: refused rather than walked without bound.
  if (depth > 64) return true;
  if (Array.isArray(value)) {
    for (const v of value) if (hasUnstorableString(v, depth + 1)) return true;
    return false;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (UNSTORABLE.test(key) || hasUnstorableString(record[key], depth + 1)) return true;
  }
  return false;
}

/** Whether every string (keys and values) of this parsed JSON value can be stored in jsonb. */
export function isStorableJson(value: unknown): boolean {
  return !hasUnstorableString(value, 0);
}

/**
 * The JSON text of a parsed body, or null when it nests too deep to serialise (a RangeError
 * from the stack: JSON.parse accepts depths that JSON.stringify cannot write back).
 */
export function jsonTextOf(value: unknown): string | null {
  try {
    return JSON.stringify(value);
  } catch {
    return null;
  }
}

/**
 * `text` cut to `max` characters without splitting a surrogate pair, with each NUL and lone
 * surrogate replaced by U+FFFD: safe to store and to show.
 */
export function storableText(text: string, max: number): string {
  let cut = text.slice(0, max);
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return cut.replace(UNSTORABLE_ALL, '\ufffd');
}
