/**
 * Runs the migrations not yet applied, in order, in one transaction under a transaction-level
 * advisory lock: several coordinator instances starting together against one database take
 * turns, and the later ones find everything applied.
 */
import type { Database } from './sql.js';
import { MIGRATIONS, type Migration } from './migrations.js';

// Any constant works; it only has to be the same in every instance. "MEDA" in ASCII.
const LOCK_KEY = 0x4d454441;

/** Applies what is missing; returns the ids applied now. */
export async function migrate(
  db: Database,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<string[]> {
  return db.withSession(async (session) => {
    await session.exec('BEGIN');
    try {
      await session.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      await session.exec(
        `CREATE TABLE IF NOT EXISTS medassist_migrations (
           id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const done = await session.query<{ id: string }>('SELECT id FROM medassist_migrations');
      const applied = new Set(done.rows.map((r) => r.id));
      const now: string[] = [];
      for (const m of migrations) {
        if (applied.has(m.id)) continue;
        await session.exec(m.sql);
        await session.query('INSERT INTO medassist_migrations (id) VALUES ($1)', [m.id]);
        now.push(m.id);
      }
      await session.exec('COMMIT');
      return now;
    } catch (error) {
      await session.exec('ROLLBACK');
      throw error;
    }
  });
}
