/**
 * The SQL access the release repository needs (contracts.md): a `pg.Pool` and a PGlite
 * instance both satisfy it. Declared here until the cloud branch's `src/cloud/db/sql.ts` is
 * merged; the two are the same structural type.
 */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
}
