import { InputError } from '../shared/errors.js';
import { LANG_PATTERN, PASSAGE_KINDS, type PassageKind } from './passage.js';

/** Fallback language: every passage exists in English first. */
export const DEFAULT_LANG = 'en';
export const DEFAULT_SEARCH_LIMIT = 5;
export const MAX_SEARCH_LIMIT = 50;

// Options arrive from CLI flags and HTTP queries, so they are checked here once, with the
// field named and the value shown in [brackets] (STYLE.md, "Errors").

export function parseLang(lang: string | undefined): string {
  if (lang === undefined) return DEFAULT_LANG;
  if (!LANG_PATTERN.test(lang)) {
    throw new InputError([{ field: 'lang', message: `must be a 2-3 letter code, got [${lang}]` }]);
  }

  return lang;
}

export function parseLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_SEARCH_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
    const message = `must be a whole number from 1 to ${MAX_SEARCH_LIMIT}, got [${limit}]`;
    throw new InputError([{ field: 'limit', message }]);
  }

  return limit;
}

export function parseKind(kind: string | undefined): PassageKind | undefined {
  if (kind === undefined || (PASSAGE_KINDS as readonly string[]).includes(kind)) {
    return kind as PassageKind | undefined;
  }
  const message = `must be one of ${PASSAGE_KINDS.join(', ')}, got [${kind}]`;
  throw new InputError([{ field: 'kind', message }]);
}
