/**
 * Tables of the sync agent (clinic database schema step 4). Everything here lives inside the
 * encrypted clinic database, so the clinic's private key and sync secret are never plaintext
 * on disk.
 */
export const SYNC_SCHEMA_SQL = `
  -- Key-value state of the agent: identity, secrets, mode, last sync, lease, alert cursor.
  CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL);

  -- A rejected item is quarantined: never retried, reported in the status.
  ALTER TABLE outbox ADD COLUMN quarantined_at TEXT;

  CREATE TABLE alerts (
    id TEXT PRIMARY KEY,
    region TEXT NOT NULL,
    severity TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    expires_at TEXT,
    received_at TEXT NOT NULL
  );
`;
