import Database from 'better-sqlite3-multiple-ciphers';

import { MedAssistError } from '../shared/errors.js';
import { toQueryTiers } from './fts-query.js';
import type { Edition, PassageKind } from './passage.js';
import { readMeta, type KnowledgeBaseMeta } from './kb-meta.js';
import { createStatements, type KbStatements, type PassageRow } from './kb-statements.js';
import { parseKind, parseLang, parseLimit } from './search-options.js';

export type { KnowledgeBaseMeta } from './kb-meta.js';

export { DEFAULT_LANG, DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT } from './search-options.js';

export interface SearchOptions {
  readonly lang?: string;
  readonly limit?: number;
  readonly kind?: PassageKind;
}

export interface SearchHit {
  readonly id: string;
  readonly title: string;
  readonly kind: PassageKind;
  readonly citation: string;
  readonly lang: string;
  /** Relevance, higher is better (bm25 negated; title matches weigh 10x body matches). */
  readonly score: number;
  /** A short excerpt of the body with matched words in [brackets]. */
  readonly snippet: string;
}

export interface StoredPassage {
  readonly id: string;
  readonly lang: string;
  readonly kind: PassageKind;
  readonly title: string;
  readonly body: string;
  readonly citation: string;
  readonly editions: readonly Edition[];
  readonly reviewed: boolean;
  readonly refs: readonly string[];
}

export interface KnowledgeBase {
  search(query: string, options?: SearchOptions): SearchHit[];
  passagesFor(refs: readonly string[], options?: { readonly lang?: string }): StoredPassage[];
  getPassage(id: string, lang?: string): StoredPassage | undefined;
  meta(): KnowledgeBaseMeta;
  close(): void;
}

/**
 * Opens a compiled knowledge database read-only. A passage missing in the requested language
 * is served in English, passage by passage, so a partly translated KB is still complete.
 */
export function openKnowledgeBase(path: string): KnowledgeBase {
  const db = openReadOnly(path);
  let meta: KnowledgeBaseMeta;
  try {
    meta = readMeta(db, path);
  } catch (error) {
    db.close();
    throw error;
  }
  const statements = createStatements(db);

  return {
    search(query, options = {}) {
      const params = {
        lang: parseLang(options.lang),
        limit: parseLimit(options.limit),
        kind: parseKind(options.kind) ?? null,
      };

      return searchByTiers(statements, toQueryTiers(query), params);
    },
    passagesFor(refs, options = {}) {
      const lang = parseLang(options.lang);
      if (refs.length === 0) return [];

      return statements.byRefs.all({ refs: JSON.stringify(refs), lang }).map(toPassage);
    },
    getPassage(id, lang) {
      const row = statements.byId.get({ id, lang: parseLang(lang) });

      return row === undefined ? undefined : toPassage(row);
    },
    meta: () => meta,
    close: () => db.close(),
  };
}

/** Runs the query tiers strictest first and fills `limit` places without repeating a passage. */
function searchByTiers(
  statements: KbStatements,
  tiers: readonly string[],
  params: { lang: string; limit: number; kind: PassageKind | null },
): SearchHit[] {
  const hits: SearchHit[] = [];
  const seen = new Set<string>();
  for (const match of tiers) {
    for (const row of statements.search.all({ match, ...params })) {
      if (hits.length >= params.limit) return hits;
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      hits.push({ ...row, score: -row.score });
    }
  }

  return hits;
}

function openReadOnly(path: string): Database.Database {
  try {
    return new Database(path, { readonly: true, fileMustExist: true });
  } catch (cause) {
    throw new MedAssistError(
      'KB_NOT_FOUND',
      `knowledge base not found or not readable [${path}]; build it with "medassist kb build"`,
      { details: { path }, cause },
    );
  }
}

function toPassage(row: PassageRow): StoredPassage {
  return {
    id: row.id,
    lang: row.lang,
    kind: row.kind,
    title: row.title,
    body: row.body,
    citation: row.citation,
    editions: JSON.parse(row.editions) as Edition[],
    reviewed: row.reviewed === 1,
    refs: JSON.parse(row.refs) as string[],
  };
}
