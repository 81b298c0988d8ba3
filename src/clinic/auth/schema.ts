/**
 * Tables of users, sessions and the audit log. The lead engineer adds these to the clinic
 * database's migration list; each string is one migration step (plain SQL, no transaction).
 * Times are ISO 8601 UTC strings from `Date.toISOString()`, so text order is time order.
 */
import { ROLES } from './roles.js';

const roleList = ROLES.map((role) => `'${role}'`).join(', ');

/**
 * `name_key` is the name folded for comparison (NFKC, lower case), so "Amina" and "AMINA" are
 * one user even outside ASCII, where SQLite's NOCASE would not fold. Sessions store only the
 * SHA-256 of their token: a copied database file does not hand out live sessions.
 */
export const AUTH_SCHEMA_SQL = `
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN (${roleList})),
  pin_hash TEXT NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  locked_until TEXT,
  verifying_until TEXT,
  created_at TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
);
CREATE INDEX sessions_user_id ON sessions (user_id);
`;

/**
 * Append-only audit log: triggers refuse UPDATE and DELETE through SQL, and the hash chain
 * (`prev_hash`, `hash`; see audit/audit-chain.ts) shows an edit made to the file by other means.
 * `prev_hash` is unique so two writers can never fork the chain. There is deliberately no
 * foreign key to users: audit rows outlive anything they refer to.
 */
export const AUDIT_SCHEMA_SQL = `
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  user_id TEXT,
  role TEXT,
  action TEXT NOT NULL,
  entity_type TEXT,
  entity_id TEXT,
  outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
  detail TEXT,
  prev_hash TEXT NOT NULL UNIQUE,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE is not allowed');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: DELETE is not allowed');
END;
`;
