/**
 * POST /v1/token: the clinic proves it holds the key it registered, by an Ed25519 signature
 * over `${clinicId}.${issuedAt}.${nonce}`. The proof is fresh (issuedAt within five minutes of
 * our clock) and single-use (the nonce is stored until the proof would be stale anyway).
 */
import { createPublicKey, verify } from 'node:crypto';
import type { Sql } from '../db/sql.js';
import { CloudError } from '../errors.js';
import type { ClinicIdentity } from './access-token.js';

export const PROOF_WINDOW_MS = 5 * 60_000;

export interface ClinicProof {
  clinicId: string;
  issuedAt: number;
  nonce: string;
  signature: string;
}

/**
 * issuedAt is milliseconds since the epoch; a value small enough to be seconds is read as
 * seconds, so a client following the JWT habit is not refused.
 */
export function issuedAtMs(issuedAt: number): number {
  return issuedAt < 1e11 ? issuedAt * 1000 : issuedAt;
}

function refuse(why: string): never {
  throw new CloudError('CLINIC_PROOF_INVALID', `clinic proof refused: ${why}`);
}

/** The proven clinic; CLINIC_PROOF_INVALID or CLINIC_REVOKED otherwise. */
export async function verifyClinicProof(
  sql: Sql,
  proof: ClinicProof,
  now = Date.now(),
): Promise<ClinicIdentity> {
  const at = issuedAtMs(proof.issuedAt);
  if (Math.abs(now - at) > PROOF_WINDOW_MS)
    refuse(`issuedAt [${proof.issuedAt}] is not within 5 minutes of now`);

  const found = await sql.query<{ region: string; public_key: string; revoked_at: Date | null }>(
    'SELECT region, public_key, revoked_at FROM clinics WHERE clinic_id = $1',
    [proof.clinicId],
  );
  const clinic = found.rows[0];
  if (!clinic) refuse(`unknown clinic [${proof.clinicId}]`);
  if (clinic.revoked_at)
    throw new CloudError('CLINIC_REVOKED', `clinic [${proof.clinicId}] is revoked`);

  const key = createPublicKey({
    key: Buffer.from(clinic.public_key, 'base64url'),
    format: 'der',
    type: 'spki',
  });
  const message = Buffer.from(`${proof.clinicId}.${proof.issuedAt}.${proof.nonce}`);
  if (!verify(null, message, key, Buffer.from(proof.signature, 'base64url')))
    refuse('bad signature');

  const fresh = await sql.query(
    `INSERT INTO token_nonces (clinic_id, nonce, expires_at) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING nonce`,
    [proof.clinicId, proof.nonce, new Date(at + PROOF_WINDOW_MS)],
  );
  if (fresh.rows.length === 0) refuse(`nonce [${proof.nonce}] already used`);

  return { clinicId: proof.clinicId, region: clinic.region };
}

/** Deletes nonces whose proofs are stale anyway. */
export async function pruneNonces(sql: Sql): Promise<void> {
  await sql.query('DELETE FROM token_nonces WHERE expires_at < now()');
}
