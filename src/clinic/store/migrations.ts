/**
 * Schema of the clinic record database, by version. Each step runs in one transaction and bumps
 * `user_version`, so a database is never left half-migrated.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';

const STEPS: readonly string[] = [
  // v1: encounters. Clinical input and result only; identifying data is kept elsewhere.
  `CREATE TABLE encounters (
     id TEXT PRIMARY KEY,
     idempotency_key TEXT NOT NULL UNIQUE,
     created_at TEXT NOT NULL,
     visit_date TEXT NOT NULL,
     case_ref TEXT,
     edition TEXT NOT NULL,
     protocol TEXT,
     urgent_referral INTEGER NOT NULL,
     classifications TEXT NOT NULL,
     input_json TEXT NOT NULL,
     result_json TEXT NOT NULL
   );
   CREATE INDEX encounters_visit_date ON encounters (visit_date);`,
];

export const SCHEMA_VERSION = STEPS.length;

/** Brings the database to the current schema version. */
export function migrate(db: Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `clinic database schema [${current}] is newer than this program [${SCHEMA_VERSION}]`,
    );
  }
  for (let version = current; version < SCHEMA_VERSION; version++) {
    const step = STEPS[version] as string;
    db.transaction(() => {
      db.exec(step);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
