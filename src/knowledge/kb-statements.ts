import type Database from 'better-sqlite3-multiple-ciphers';

import type { PassageKind } from './passage.js';

/** A `passages` row with its refs as a JSON array. */
export interface PassageRow {
  id: string;
  lang: string;
  kind: PassageKind;
  title: string;
  body: string;
  citation: string;
  editions: string;
  reviewed: number;
  refs: string;
}

export interface SearchRow {
  id: string;
  title: string;
  kind: PassageKind;
  citation: string;
  lang: string;
  score: number;
  snippet: string;
}

// A row is visible in @lang if it is in @lang, or it is English and has no @lang version.
const IN_LANG_OR_FALLBACK = `(p.lang = @lang OR (p.lang = 'en' AND NOT EXISTS (
  SELECT 1 FROM passages t WHERE t.id = p.id AND t.lang = @lang)))`;

const PASSAGE_COLUMNS = `p.id, p.lang, p.kind, p.title, p.body, p.citation, p.editions,
  p.reviewed, (SELECT json_group_array(r.ref) FROM passage_refs r
    WHERE r.passage_id = p.id AND r.lang = p.lang) AS refs`;

const KIND_ORDER = `CASE p.kind WHEN 'classification' THEN 0 WHEN 'treatment' THEN 1
  WHEN 'counselling' THEN 2 ELSE 3 END`;

/**
 * bm25 weights: title 10, body 1, so a passage named for the query outranks one that only
 * mentions it (SQLite FTS5 docs, "The bm25() function": lower is better).
 */
const SEARCH_SQL = `
SELECT p.id, p.title, p.kind, p.citation, p.lang,
  bm25(passages_fts, 10.0, 1.0) AS score,
  snippet(passages_fts, 1, '[', ']', '…', 24) AS snippet
FROM passages_fts JOIN passages p ON p.rowid = passages_fts.rowid
WHERE passages_fts MATCH @match AND ${IN_LANG_OR_FALLBACK}
  AND (@kind IS NULL OR p.kind = @kind)
ORDER BY score, p.id
LIMIT @limit`;

const BY_REFS_SQL = `
SELECT ${PASSAGE_COLUMNS} FROM passages p
WHERE EXISTS (SELECT 1 FROM passage_refs r
    WHERE r.passage_id = p.id AND r.lang = p.lang
      AND r.ref IN (SELECT value FROM json_each(@refs)))
  AND ${IN_LANG_OR_FALLBACK}
ORDER BY ${KIND_ORDER}, p.id`;

const BY_ID_SQL = `
SELECT ${PASSAGE_COLUMNS} FROM passages p
WHERE p.id = @id AND p.lang IN (@lang, 'en')
ORDER BY p.lang = @lang DESC
LIMIT 1`;

export interface KbStatements {
  search: Database.Statement<
    [{ match: string; lang: string; kind: PassageKind | null; limit: number }],
    SearchRow
  >;
  byRefs: Database.Statement<[{ refs: string; lang: string }], PassageRow>;
  byId: Database.Statement<[{ id: string; lang: string }], PassageRow>;
}

/** Prepares every query once per open database; better-sqlite3 statements are reusable. */
export function createStatements(db: Database.Database): KbStatements {
  return {
    search: db.prepare(SEARCH_SQL),
    byRefs: db.prepare(BY_REFS_SQL),
    byId: db.prepare(BY_ID_SQL),
  };
}
