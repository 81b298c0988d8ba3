/**
 * Cloud schema, as ordered migrations (contracts.md). Every database gets every migration, so
 * one database can hold all regions or a region map can give each region its own; the
 * identity tables (keys, clinics, enrolment) are used in the default database only.
 *
 * Privacy: nothing here has a column for a name, a birth date or free text. A rejected item
 * is quarantined by its reason and its hash, not its content: an item refused for carrying a
 * Patient resource must not be kept in the cloud.
 */
import { OPERATOR_MIGRATIONS } from '../auth/operators.js';
import { SIGNING_KEY_MIGRATIONS } from '../auth/signing-key.js';
import { RELEASE_MIGRATIONS } from '../releases/migrations.js';

export interface Migration {
  id: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    id: '001-identity',
    sql: `
      CREATE TABLE signing_keys (
        id text PRIMARY KEY,
        private_jwk jsonb NOT NULL,
        public_jwk jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE enrolment_tokens (
        token_hash text PRIMARY KEY,
        region text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        clinic_id text
      );
      CREATE TABLE clinics (
        clinic_id text PRIMARY KEY,
        region text NOT NULL,
        public_key text NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      );
      CREATE TABLE token_nonces (
        clinic_id text NOT NULL,
        nonce text NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (clinic_id, nonce)
      );`,
  },
  {
    id: '002-ingest',
    sql: `
      CREATE TABLE ingest_keys (
        clinic_id text NOT NULL,
        key text NOT NULL,
        kind text NOT NULL,
        batch_id text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (clinic_id, key)
      );
      CREATE TABLE encounters (
        clinic_id text NOT NULL,
        key text NOT NULL,
        resource_key text NOT NULL,
        region text NOT NULL,
        week text NOT NULL,
        age_months integer NOT NULL,
        sex text NOT NULL,
        protocol text NOT NULL,
        edition text NOT NULL,
        urgent_referral boolean NOT NULL,
        classifications text[] NOT NULL,
        fhir jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (clinic_id, key)
      );
      CREATE INDEX encounters_resource_key ON encounters (clinic_id, resource_key);
      CREATE INDEX encounters_region_week ON encounters (region, week);
      CREATE TABLE tombstoned (
        clinic_id text NOT NULL,
        resource_key text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (clinic_id, resource_key)
      );
      CREATE TABLE quarantine (
        clinic_id text NOT NULL,
        key text NOT NULL,
        batch_id text NOT NULL,
        reason text NOT NULL,
        item_sha256 text NOT NULL,
        item_bytes integer NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (clinic_id, key)
      );
      CREATE TABLE telemetry_latest (
        clinic_id text PRIMARY KEY,
        region text NOT NULL,
        body jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE telemetry_history (
        clinic_id text NOT NULL,
        key text NOT NULL,
        region text NOT NULL,
        body jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (clinic_id, key)
      );`,
  },
  {
    id: '003-alerts',
    sql: `
      CREATE TABLE alerts (
        id bigserial PRIMARY KEY,
        region text NOT NULL,
        severity text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        rule_key text UNIQUE
      );
      CREATE INDEX alerts_region_id ON alerts (region, id);`,
  },
  // The release repository (blobs and signed manifests) lives in the same databases.
  ...RELEASE_MIGRATIONS,
  ...OPERATOR_MIGRATIONS,
  ...SIGNING_KEY_MIGRATIONS,
];
