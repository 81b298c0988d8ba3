/**
 * The sync agent's persisted state, in the encrypted clinic database (table `sync_state`), so
 * any process (`clinic serve`, `sync now`, `sync status`) sees the same mode, last sync and
 * error, and the clinic's private key and sync secret are never plaintext on disk.
 */
import { randomBytes } from 'node:crypto';
import type { ClinicDatabase } from '../store/database.js';

/** Keys of `sync_state`; one place, so a typo cannot create a second, silent key. */
export const STATE = {
  secret: 'secret',
  privateKey: 'identity.private-key',
  publicKey: 'identity.public-key',
  mode: 'mode',
  lastSyncAt: 'last-sync-at',
  lastError: 'last-error',
  progress: 'progress',
  alertsCursor: 'alerts.cursor',
  alertsEtag: 'alerts.etag',
  lease: 'lease',
  telemetryQueuedAt: 'telemetry.queued-at',
} as const;
export type StateKey = (typeof STATE)[keyof typeof STATE];

export function getState(db: ClinicDatabase, key: StateKey): string | null {
  const row = db.prepare('SELECT value FROM sync_state WHERE key = ?').get(key) as
    { value: string } | undefined;
  return row?.value ?? null;
}

export function setState(
  db: ClinicDatabase,
  key: StateKey,
  value: string | null,
  now = new Date(),
) {
  if (value === null) {
    db.prepare('DELETE FROM sync_state WHERE key = ?').run(key);
    return;
  }
  db.prepare(
    `INSERT INTO sync_state (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(key, value, now.toISOString());
}

/**
 * The clinic's sync secret (32 random bytes), created on first use. It keys the resourceKey
 * of every upload, so it must survive as long as the clinic: it lives in the database and so
 * in every backup.
 */
export function syncSecret(db: ClinicDatabase): Buffer {
  const create = db.transaction(() => {
    const existing = getState(db, STATE.secret);
    if (existing !== null) return existing;
    const fresh = randomBytes(32).toString('base64');
    setState(db, STATE.secret, fresh);
    return fresh;
  });
  return Buffer.from(create.immediate(), 'base64');
}

export function readJsonState<T>(db: ClinicDatabase, key: StateKey): T | null {
  const raw = getState(db, key);
  if (raw === null) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

export function writeJsonState(db: ClinicDatabase, key: StateKey, value: unknown): void {
  setState(db, key, value === null ? null : JSON.stringify(value));
}
