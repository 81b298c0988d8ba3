/**
 * The tables of a knowledge DB that a release carries, each with its natural key. The content
 * hash and the deltas both walk these tables, so a table added to the schema must be added
 * here too (the round-trip test fails otherwise: a delta would drop its rows).
 */
import type Database from 'better-sqlite3-multiple-ciphers';

export interface ReleaseTable {
  readonly name: string;
  /** Columns that identify a record across builds (`rowid` does not: it is build order). */
  readonly key: readonly string[];
  /** Every stored column, key first, in a fixed order. */
  readonly columns: readonly string[];
}

/** Matches `KB_SCHEMA_SQL` (schema.ts); `passages_fts` is derived and rebuilt, never shipped. */
export const RELEASE_TABLES: readonly ReleaseTable[] = [
  { name: 'meta', key: ['key'], columns: ['key', 'value'] },
  {
    name: 'passages',
    key: ['id', 'lang'],
    columns: ['id', 'lang', 'kind', 'title', 'body', 'citation', 'editions', 'reviewed'],
  },
  {
    name: 'passage_refs',
    key: ['passage_id', 'lang', 'ref'],
    columns: ['passage_id', 'lang', 'ref'],
  },
];

/** A row as a list of values in `columns` order. The schema holds text and integers only. */
export type RowValues = (string | number | null)[];

/** Every row of a table, sorted by its key (BINARY collation, so the order is stable). */
export function readRows(db: Database.Database, table: ReleaseTable): RowValues[] {
  const sql = `SELECT ${table.columns.join(', ')} FROM ${table.name} ORDER BY ${table.key.join(', ')}`;

  return db.prepare(sql).raw().all() as RowValues[];
}

/** The key part of a row as one string, for maps. */
export function keyOf(table: ReleaseTable, row: RowValues): string {
  return JSON.stringify(row.slice(0, table.key.length));
}
