/**
 * Enrolment and registration. An operator creates a one-time enrolment token for a region
 * (`medassist cloud enrol`); only its SHA-256 is stored, it expires, and the registration
 * that uses it marks it used in the same statement that creates the clinic, so a token can
 * never register two clinics, even when two instances receive it at once.
 */
import { createHash, createPublicKey, randomBytes } from 'node:crypto';
import type { Sql } from '../db/sql.js';
import { CloudError } from '../errors.js';
import { InputError } from '../../shared/errors.js';
import type { ClinicIdentity } from './access-token.js';

export const ENROLMENT_TTL_MS = 7 * 24 * 3600_000;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A new enrolment token for `region`; shown once, stored hashed. */
export async function createEnrolmentToken(
  sql: Sql,
  region: string,
  ttlMs = ENROLMENT_TTL_MS,
): Promise<{ token: string; expiresAt: Date }> {
  const token = `enr_${randomBytes(24).toString('base64url')}`;
  const expiresAt = new Date(Date.now() + ttlMs);
  await sql.query(
    'INSERT INTO enrolment_tokens (token_hash, region, expires_at) VALUES ($1, $2, $3)',
    [sha256Hex(token), region, expiresAt],
  );
  return { token, expiresAt };
}

/** Refuses anything but an Ed25519 public key in SPKI DER, base64url. */
export function assertEd25519PublicKey(publicKey: string): void {
  let type: string | undefined;
  try {
    const key = createPublicKey({
      key: Buffer.from(publicKey, 'base64url'),
      format: 'der',
      type: 'spki',
    });
    type = key.asymmetricKeyType;
  } catch {
    type = undefined;
  }
  if (type !== 'ed25519') {
    throw new InputError([
      {
        field: 'publicKey',
        message: `must be an Ed25519 public key, SPKI DER base64url [${publicKey.slice(0, 24)}...]`,
      },
    ]);
  }
}

/** Creates the clinic and spends the token in one statement; the new identity. */
export async function registerClinic(
  sql: Sql,
  request: { enrolmentToken: string; region: string; publicKey: string },
): Promise<ClinicIdentity> {
  assertEd25519PublicKey(request.publicKey);
  const clinicId = `clinic-${randomBytes(9).toString('base64url')}`;
  const result = await sql.query<{ region: string }>(
    `WITH spent AS (
       UPDATE enrolment_tokens SET used_at = now(), clinic_id = $2
       WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() AND region = $3
       RETURNING region)
     INSERT INTO clinics (clinic_id, region, public_key)
     SELECT $2, region, $4 FROM spent RETURNING region`,
    [sha256Hex(request.enrolmentToken), clinicId, request.region, request.publicKey],
  );
  const row = result.rows[0];
  if (!row) {
    throw new CloudError(
      'ENROLMENT_INVALID',
      `enrolment token unknown, used, expired or for another region than [${request.region}]: ask the operator for a new one`,
    );
  }
  return { clinicId, region: row.region };
}

/** Marks the clinic revoked; false when there is no such clinic. */
export async function revokeClinic(sql: Sql, clinicId: string): Promise<boolean> {
  const result = await sql.query(
    'UPDATE clinics SET revoked_at = coalesce(revoked_at, now()) WHERE clinic_id = $1 RETURNING clinic_id',
    [clinicId],
  );
  return result.rows.length > 0;
}
