/**
 * Schema of the clinic database, by version. Each step runs in one transaction and bumps
 * `user_version`, so a database is never left half-migrated. Identifying data (patients) is
 * kept in its own table, apart from the clinical encounters.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { AUDIT_SCHEMA_SQL, AUTH_SCHEMA_SQL } from '../auth/schema.js';
import { SYNC_SCHEMA_SQL } from '../sync/schema.js';

const CORE = `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  CREATE TABLE patients (
    id TEXT PRIMARY KEY,
    name TEXT,
    name_key TEXT,
    sex TEXT,
    date_of_birth TEXT,
    village TEXT,
    phone TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    merged_into TEXT REFERENCES patients (id)
  );
  CREATE INDEX patients_name_key ON patients (name_key);

  CREATE TABLE encounters (
    id TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    patient_id TEXT REFERENCES patients (id),
    previous_encounter_id TEXT REFERENCES encounters (id),
    user_id TEXT,
    created_at TEXT NOT NULL,
    visit_date TEXT NOT NULL,
    follow_up_date TEXT,
    case_ref TEXT,
    edition TEXT NOT NULL,
    protocol TEXT,
    urgent_referral INTEGER NOT NULL,
    classifications TEXT NOT NULL,
    input_json TEXT NOT NULL,
    -- The consult result as shown, JSON compressed with raw deflate (about 6x smaller).
    result_deflate BLOB NOT NULL,
    override_json TEXT
  );
  -- Few indexes on purpose: every index is one more encrypted page written per save.
  CREATE INDEX encounters_patient ON encounters (patient_id, visit_date);

  -- Outbox: written in the same transaction as each change that must leave the clinic.
  CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    kind TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    sent_at TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
  );
  CREATE INDEX outbox_unsent ON outbox (sent_at, seq);
`;

// v1 core records, v2 users and sessions, v3 the append-only audit log, v4 sync state.
const STEPS: readonly string[] = [CORE, AUTH_SCHEMA_SQL, AUDIT_SCHEMA_SQL, SYNC_SCHEMA_SQL];

/** The schema version this program writes. */
export function schemaVersion(): number {
  return STEPS.length;
}

/** Brings the database to the current schema version. */
export function migrate(db: Database): void {
  const all = STEPS;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > all.length) {
    throw new Error(
      `clinic database schema [${current}] is newer than this program [${all.length}]`,
    );
  }
  for (let version = current; version < all.length; version++) {
    const step = all[version] as string;
    db.transaction(() => {
      db.exec(step);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
