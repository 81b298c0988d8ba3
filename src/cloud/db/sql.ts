/**
 * SQL access of the cloud side (contracts.md): every module takes the small `Sql` interface,
 * which a `pg.Pool` and a PGlite instance both satisfy. `Database` adds what only the owner of
 * a connection needs: a session for a transaction, multi-statement scripts, and close.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import pg from 'pg';
import { lockFolder } from './folder-lock.js';

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

export interface Database extends Sql {
  /** Where it lives, without credentials: for logs and the dashboard. */
  readonly label: string;
  /** Runs `fn` on one connection held for its whole duration (BEGIN ... COMMIT inside). */
  withSession<T>(
    fn: (session: Sql & { exec(script: string): Promise<void> }) => Promise<T>,
  ): Promise<T>;
  close(): Promise<void>;
}

/** The URL without user and password, so it can be logged. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return '[unparseable url]';
  }
}

/**
 * Every statement goes as a named prepared statement (pg keeps them per connection): the
 * ingest statement costs more to parse than to run, so this saves most of a push's database
 * time. The name is a hash of the text, so the same text always reuses the same statement.
 */
function preparedName(text: string, names: Map<string, string>): string {
  let name = names.get(text);
  if (!name) {
    name = `m${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    if (names.size < 1000) names.set(text, name);
  }
  return name;
}

/** A PostgreSQL server through a pool; `max` connections per instance. */
export function openPgDatabase(url: string, max = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client losing its server (a restart) must not crash the process; the next
  // query gets a fresh connection.
  pool.on('error', () => undefined);
  const names = new Map<string, string>();
  const run = async <T>(on: pg.Pool | pg.PoolClient, text: string, params?: unknown[]) => {
    const result = await on.query({ name: preparedName(text, names), text, values: params ?? [] });
    return { rows: result.rows as T[] };
  };

  return {
    label: redactUrl(url),
    query: (text, params) => run(pool, text, params),
    async withSession(fn) {
      const client = await pool.connect();
      try {
        return await fn({
          query: (text, params) => run(client, text, params),
          exec: async (script) => {
            await client.query(script);
          },
        });
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** A queue that runs one task at a time, in order. */
function createSerialiser() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

/**
 * Embedded PostgreSQL (PGlite) in `dir`. PGlite has one connection, so everything is
 * serialised here: a transaction in `withSession` holds the queue until it ends, and no other
 * query can land inside it.
 */
export async function openPgliteDatabase(dir: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  mkdirSync(dir, { recursive: true });
  const unlock = lockFolder(dir);
  const db = await PGlite.create(dir).catch((error: unknown) => {
    unlock();
    throw error;
  });
  const serial = createSerialiser();
  return {
    label: `pglite:${dir}`,
    query: <T>(text: string, params?: unknown[]) =>
      serial(async () => {
        const result = await db.query<T>(text, params);
        return { rows: result.rows };
      }),
    withSession: (fn) =>
      serial(() =>
        fn({
          query: async <T>(text: string, params?: unknown[]) => ({
            rows: (await db.query<T>(text, params)).rows,
          }),
          exec: async (script) => {
            await db.exec(script);
          },
        }),
      ),
    close: () => serial(() => db.close()).finally(unlock),
  };
}

/** `postgres://` or `postgresql://` goes to a server; `pglite:DIR` to an embedded database. */
export async function openDatabase(url: string): Promise<Database> {
  if (url.startsWith('pglite:')) return openPgliteDatabase(url.slice('pglite:'.length));
  return openPgDatabase(url, poolSize(process.env.MEDASSIST_PG_POOL));
}

/**
 * Connections per instance (MEDASSIST_PG_POOL, default 10). Each coordinator holds its own
 * pool, so instances x pool is what PostgreSQL serves; past the server's cores, more
 * connections mostly add context switches.
 */
function poolSize(raw: string | undefined): number {
  const n = Number(raw ?? 10);
  return Number.isInteger(n) && n >= 1 && n <= 200 ? n : 10;
}
