/**
 * Turns free user text into FTS5 queries that cannot be a syntax error. Only runs of letters,
 * digits and combining marks survive, each wrapped in double quotes, so FTS5 operators
 * (`AND`, `NEAR`, `*`, `-`, `:`, `^`, parentheses, quotes) are searched as plain words or
 * dropped (SQLite FTS5 docs, "Full-text Query Syntax": a quoted string is a phrase).
 */

/** Upper bound on terms, so a pasted page cannot turn into a slow query. */
export const MAX_QUERY_TERMS = 24;

const TERM = /[\p{L}\p{N}\p{M}]+/gu;

/** The words of a query, lower-cased, in their original order. */
export function extractTerms(text: string): string[] {
  const terms = (text.normalize('NFC').match(TERM) ?? []).map((term) => term.toLowerCase());

  return terms.slice(0, MAX_QUERY_TERMS);
}

/** Every word must occur (FTS5 implicit AND); `undefined` when the text has no words. */
export function toAllTermsQuery(terms: readonly string[]): string | undefined {
  return terms.length === 0 ? undefined : unique(terms).map(quote).join(' ');
}

/** Any word may occur; bm25 still ranks passages that hold more of them first. */
export function toAnyTermQuery(terms: readonly string[]): string | undefined {
  return terms.length === 0 ? undefined : unique(terms).map(quote).join(' OR ');
}

/**
 * The queries to run, strictest first: all words, then any word. Results are taken tier by
 * tier, so passages holding every word lead and looser matches only fill the remaining places.
 * (A phrase tier was tried and dropped: guideline text words signs in varying order, e.g.
 * "palms and soles are yellow", so phrase matches ranked worse than all-word matches.)
 */
export function toQueryTiers(text: string): string[] {
  const terms = extractTerms(text);
  const tiers = [toAllTermsQuery(terms), toAnyTermQuery(terms)];

  return unique(tiers.filter((tier): tier is string => tier !== undefined));
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function quote(term: string): string {
  // TERM admits no double quote, so no escaping is needed; keep the doubling as a guard.
  return `"${term.replaceAll('"', '""')}"`;
}
