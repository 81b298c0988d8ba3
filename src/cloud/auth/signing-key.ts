/**
 * The key that signs access tokens lives in the default database, not in an instance: any
 * instance verifies a token another one issued. The first instance to start creates it;
 * `ON CONFLICT DO NOTHING` makes a race between two first starts end with one key.
 *
 * Limitation: the private key is stored unencrypted in PostgreSQL, so whoever can read the
 * database can mint access tokens; rotation is not implemented yet.
 */
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { Sql } from '../db/sql.js';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

const KEY_ID = 'access-1';

async function load(sql: Sql): Promise<SigningKey | null> {
  const found = await sql.query<{ private_jwk: JWK; public_jwk: JWK }>(
    'SELECT private_jwk, public_jwk FROM signing_keys WHERE id = $1',
    [KEY_ID],
  );
  const row = found.rows[0];
  if (!row) return null;
  return {
    kid: KEY_ID,
    privateKey: (await importJWK(row.private_jwk, 'EdDSA')) as CryptoKey,
    publicKey: (await importJWK(row.public_jwk, 'EdDSA')) as CryptoKey,
  };
}

/** The shared token key, created on first use. */
export async function loadOrCreateSigningKey(sql: Sql): Promise<SigningKey> {
  const existing = await load(sql);
  if (existing) return existing;

  const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  await sql.query(
    `INSERT INTO signing_keys (id, private_jwk, public_jwk) VALUES ($1, $2, $3)
     ON CONFLICT (id) DO NOTHING`,
    [KEY_ID, await exportJWK(pair.privateKey), await exportJWK(pair.publicKey)],
  );
  const created = await load(sql);
  if (!created) throw new Error('signing key missing right after it was stored');
  return created;
}
