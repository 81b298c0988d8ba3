/**
 * Access tokens: a JWT signed with EdDSA (RFC 8037), ten minutes, issuer and audience set, the
 * clinic id as subject and its region as a claim. Short enough that revocation is also
 * enforced by expiry; pushes check revocation as well (see revocation.ts).
 */
import { errors, jwtVerify, SignJWT } from 'jose';
import { CloudError } from '../errors.js';
import type { SigningKey } from './signing-key.js';

export const ISSUER = 'medassist-cloud';
export const AUDIENCE = 'medassist-clinic-sync';
export const ACCESS_TOKEN_TTL_S = 600;

export interface ClinicIdentity {
  clinicId: string;
  region: string;
}

export async function issueAccessToken(
  key: SigningKey,
  clinic: ClinicIdentity,
  ttlS = ACCESS_TOKEN_TTL_S,
): Promise<string> {
  return new SignJWT({ region: clinic.region })
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
    .setSubject(clinic.clinicId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlS}s`)
    .sign(key.privateKey);
}

/** The clinic a bearer token stands for; CloudError ACCESS_TOKEN_INVALID otherwise. */
export async function verifyAccessToken(
  key: SigningKey,
  token: string,
): Promise<ClinicIdentity & { expiresAt: number }> {
  try {
    const { payload } = await jwtVerify(token, key.publicKey, {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['EdDSA'],
    });
    const { sub, region, exp } = payload;
    if (typeof sub !== 'string' || typeof region !== 'string' || typeof exp !== 'number') {
      throw new CloudError('ACCESS_TOKEN_INVALID', 'access token lacks subject, region or expiry');
    }
    return { clinicId: sub, region, expiresAt: exp * 1000 };
  } catch (error) {
    if (error instanceof CloudError) throw error;
    const why = error instanceof errors.JWTExpired ? 'expired' : 'invalid';
    throw new CloudError(
      'ACCESS_TOKEN_INVALID',
      `access token ${why}: get a new one at /v1/token`,
      {
        cause: error,
      },
    );
  }
}
