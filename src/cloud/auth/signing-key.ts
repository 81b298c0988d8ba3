/**
 * The keys that sign access tokens live in the default database, not in an instance: any
 * instance verifies a token another one issued. The first instance to start creates
 * 'access-1'; `ON CONFLICT DO NOTHING` makes a race between two first starts end with one key.
 *
 * With an operator secret (cloud-secret.ts) a private key is stored sealed and its public key
 * is derived from it, so a row written without the secret signs nothing. Without a secret the
 * keys are stored in the clear (the coordinator warns at start). Rotation adds a newer key,
 * which signs from then on, and sets a retirement time on the older ones (keyring.ts).
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { randomBytes } from 'node:crypto';
import type { Sql } from '../db/sql.js';
import { CloudError } from '../errors.js';
import { openPrivateKey, sealPrivateKey, type CloudSecret } from './cloud-secret.js';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** Migration 005: sealed private keys and retirement (001 made private_jwk NOT NULL). */
export const SIGNING_KEY_MIGRATIONS: readonly { id: string; sql: string }[] = [
  {
    id: '005-signing-keys-sealed',
    sql: `
      ALTER TABLE signing_keys ALTER COLUMN private_jwk DROP NOT NULL;
      ALTER TABLE signing_keys ADD COLUMN private_sealed text;
      ALTER TABLE signing_keys ADD COLUMN retire_at timestamptz;
      ALTER TABLE signing_keys ADD CONSTRAINT signing_keys_one_private
        CHECK ((private_jwk IS NULL) <> (private_sealed IS NULL));`,
  },
];

export interface KeyRow {
  id: string;
  private_jwk: Record<string, unknown> | null;
  private_sealed: string | null;
  /** Milliseconds until retirement by the database clock (<= 0: retired), null: none set. */
  retire_in_ms: number | null;
}

/** Every key, newest first (the newest not retired one signs). */
export async function loadKeyRows(sql: Sql): Promise<KeyRow[]> {
  const found = await sql.query<KeyRow>(
    `SELECT id, private_jwk, private_sealed,
            (extract(epoch FROM retire_at - now()) * 1000)::float8 AS retire_in_ms
       FROM signing_keys ORDER BY created_at DESC, id DESC`,
  );
  return found.rows;
}

/**
 * The usable key of a row. With a secret only sealed rows count: a clear row next to sealed
 * ones was not written by us (first starts wrap the clear key before anything else).
 */
export function openKeyRow(row: KeyRow, secret: CloudSecret | null): SigningKey {
  let privateKey: KeyObject;
  if (row.private_sealed !== null) {
    if (!secret)
      throw new CloudError(
        'SIGNING_KEY_SECRET_MISSING',
        `token signing key [${row.id}] is wrapped: set MEDASSIST_CLOUD_SECRET or --secret-file`,
      );
    const der = openPrivateKey(secret, row.id, row.private_sealed);
    privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } else {
    if (secret || row.private_jwk === null)
      throw new CloudError(
        'SIGNING_KEY_SECRET_WRONG',
        `token signing key [${row.id}] is stored in the clear next to wrapped keys: refused`,
      );
    privateKey = createPrivateKey({ key: row.private_jwk as never, format: 'jwk' });
  }
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new CloudError(
      'SIGNING_KEY_SECRET_WRONG',
      `token signing key [${row.id}] is not Ed25519`,
    );
  return { kid: row.id, privateKey, publicKey: createPublicKey(privateKey) };
}

function storedForms(secret: CloudSecret | null, kid: string, privateKey: KeyObject) {
  const publicJwk = createPublicKey(privateKey).export({ format: 'jwk' });
  if (secret) {
    const der = privateKey.export({ format: 'der', type: 'pkcs8' });
    return { privateJwk: null, sealed: sealPrivateKey(secret, kid, der), publicJwk };
  }
  return { privateJwk: privateKey.export({ format: 'jwk' }), sealed: null, publicJwk };
}

/** A readable, unique id: `access-20261204T203000-1a2b`. */
function newKeyId(): string {
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '');
  return `access-${stamp}-${randomBytes(2).toString('hex')}`;
}

/** Stores a new key (unless `kid` exists); the older ones retire `retireAfterMs` from now. */
export async function insertKey(
  sql: Sql,
  secret: CloudSecret | null,
  o: { kid?: string; retireAfterMs?: number } = {},
): Promise<string> {
  const kid = o.kid ?? newKeyId();
  const stored = storedForms(secret, kid, generateKeyPairSync('ed25519').privateKey);
  // One statement: the UPDATE's snapshot does not see the new row, so it retires the others.
  await sql.query(
    `WITH added AS (
       INSERT INTO signing_keys (id, private_jwk, private_sealed, public_jwk, created_at)
       VALUES ($1, $2, $3, $4, clock_timestamp()) ON CONFLICT (id) DO NOTHING RETURNING id)
     UPDATE signing_keys
        SET retire_at = LEAST(retire_at, now() + $5::float8 * interval '1 millisecond')
      WHERE $5::float8 IS NOT NULL AND EXISTS (SELECT 1 FROM added)`,
    [kid, stored.privateJwk, stored.sealed, stored.publicJwk, o.retireAfterMs ?? null],
  );
  return kid;
}

/**
 * The first start with a secret wraps the keys stored in the clear before it (issue: keys in
 * the clear until a secret is set). Once a sealed key exists nothing is wrapped: a clear row
 * then came from someone without the secret and is refused instead (openKeyRow).
 */
export async function wrapClearKeys(sql: Sql, secret: CloudSecret): Promise<string[]> {
  const rows = await loadKeyRows(sql);
  if (rows.some((r) => r.private_sealed !== null)) return [];
  const wrapped: string[] = [];
  for (const row of rows) {
    if (row.private_jwk === null) continue;
    const key = openKeyRow(row, null);
    const der = key.privateKey.export({ format: 'der', type: 'pkcs8' });
    const done = await sql.query<{ id: string }>(
      `UPDATE signing_keys SET private_sealed = $2, private_jwk = NULL
        WHERE id = $1 AND private_jwk IS NOT NULL RETURNING id`,
      [row.id, sealPrivateKey(secret, row.id, der)],
    );
    if (done.rows.length > 0) wrapped.push(row.id);
  }
  return wrapped;
}
