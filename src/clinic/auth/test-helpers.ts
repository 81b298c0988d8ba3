/** An in-memory database with the auth and audit tables, for tests of this folder and audit/. */
import Database from 'better-sqlite3-multiple-ciphers';
import { AUDIT_SCHEMA_SQL, AUTH_SCHEMA_SQL } from './schema.js';

export function openAuthTestDb(path = ':memory:'): Database.Database {
  const db = new Database(path);
  db.pragma('foreign_keys = ON');
  db.exec(AUTH_SCHEMA_SQL);
  db.exec(AUDIT_SCHEMA_SQL);

  return db;
}

/** A clock for tests: `at(ms)` is that many milliseconds after a fixed start. */
export const T0 = new Date('2026-03-02T08:00:00.000Z');
export const at = (ms: number): Date => new Date(T0.getTime() + ms);
