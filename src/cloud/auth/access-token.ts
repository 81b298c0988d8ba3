/**
 * Access tokens: a JWT signed with EdDSA (RFC 8037), ten minutes, issuer and audience set, the
 * clinic id as subject and its region as a claim. Short enough that revocation is also
 * enforced by expiry; pushes check revocation as well (see revocation.ts).
 */
import { KeyObject, verify } from 'node:crypto';
import { SignJWT } from 'jose';
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

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Our public key as a node KeyObject (converted once), for the synchronous verify below. */
const keyObjects = new WeakMap<SigningKey, KeyObject>();
function keyObjectOf(key: SigningKey): KeyObject {
  let object = keyObjects.get(key);
  if (!object) {
    object = KeyObject.from(key.publicKey);
    keyObjects.set(key, object);
  }
  return object;
}

function invalid(why: string, cause?: unknown): CloudError {
  return new CloudError('ACCESS_TOKEN_INVALID', `access token ${why}: get a new one at /v1/token`, {
    cause,
  });
}

function decodePart(part: string): Record<string, unknown> {
  const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('invalid');
  return value as Record<string, unknown>;
}

/**
 * The JWS compact form checked with one synchronous Ed25519 verify (RFC 7515 section 5.2,
 * RFC 8037 section 3.1): WebCrypto's asynchronous verify, which jose uses, costs several
 * times more per token and every push of a fresh token pays it. Only what we issue passes:
 * alg EdDSA, no `crit` extensions (RFC 7515 section 4.1.11), then the signature, then the
 * claims below.
 */
function verifyCompact(key: SigningKey, token: string): Record<string, unknown> {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => BASE64URL.test(p))) throw invalid('invalid');
  const [head, body, signature] = parts as [string, string, string];
  const header = decodePart(head);
  if (header.alg !== 'EdDSA' || header.crit !== undefined) throw invalid('invalid');
  const signed = Buffer.from(`${head}.${body}`, 'ascii');
  if (!verify(null, signed, keyObjectOf(key), Buffer.from(signature, 'base64url'))) {
    throw invalid('invalid');
  }
  return decodePart(body);
}

/** RFC 7519 section 4.1: issuer, audience, expiry and not-before, as jwtVerify checked them. */
function checkClaims(payload: Record<string, unknown>): void {
  const now = Math.floor(Date.now() / 1000);
  const audience = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (payload.iss !== ISSUER || !audience.includes(AUDIENCE)) throw invalid('invalid');
  if (payload.nbf !== undefined && (typeof payload.nbf !== 'number' || payload.nbf > now)) {
    throw invalid('invalid');
  }
  if (typeof payload.exp === 'number' && payload.exp <= now) throw invalid('expired');
}

function identityOf(key: SigningKey, token: string): ClinicIdentity & { expiresAt: number } {
  const payload = verifyCompact(key, token);
  checkClaims(payload);
  const { sub, region, exp } = payload;
  if (typeof sub !== 'string' || typeof region !== 'string' || typeof exp !== 'number') {
    throw new CloudError('ACCESS_TOKEN_INVALID', 'access token lacks subject, region or expiry');
  }
  return { clinicId: sub, region, expiresAt: exp * 1000 };
}

/** The clinic a bearer token stands for; CloudError ACCESS_TOKEN_INVALID otherwise. */
export function verifyAccessToken(
  key: SigningKey,
  token: string,
): Promise<ClinicIdentity & { expiresAt: number }> {
  try {
    return Promise.resolve(identityOf(key, token));
  } catch (error) {
    return Promise.reject(error instanceof CloudError ? error : invalid('invalid', error));
  }
}
