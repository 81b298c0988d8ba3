/**
 * Tables of the release repository, appended by the lead to the coordinator's migrations.
 *
 * Blobs live in PostgreSQL as bytea, not in a folder: coordinator instances are stateless
 * behind any load balancer, so every instance must serve every blob without shared disk, and
 * a backup of the database is a backup of the releases. The tier-2 bundle is well under 10 MB
 * and a range is read with `substring`, so no request loads a whole large blob it does not
 * need. Blobs are content-addressed (sha256 primary key), so storing one twice is a no-op.
 */
import type { Sql } from './sql.js';

export const RELEASE_MIGRATIONS: readonly { id: string; sql: string }[] = [
  // One statement per migration: PGlite's query() and pg's extended protocol take only one.
  {
    id: 'releases-001-blobs',
    sql: `CREATE TABLE IF NOT EXISTS release_blobs (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size integer NOT NULL CHECK (size >= 0),
  data bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
)`,
  },
  {
    id: 'releases-002-releases',
    sql: `CREATE TABLE IF NOT EXISTS releases (
  seq bigserial PRIMARY KEY,
  version text NOT NULL UNIQUE,
  channel text NOT NULL,
  signed text NOT NULL,
  bundle_sha256 text NOT NULL REFERENCES release_blobs (sha256),
  created_at timestamptz NOT NULL DEFAULT now()
)`,
  },
  {
    id: 'releases-003-by-channel',
    sql: 'CREATE INDEX IF NOT EXISTS releases_by_channel ON releases (channel, seq DESC)',
  },
];

/** Runs the release migrations in order; for tests and a bare repository (no coordinator). */
export async function migrateReleases(sql: Sql): Promise<void> {
  for (const migration of RELEASE_MIGRATIONS) await sql.query(migration.sql);
}
