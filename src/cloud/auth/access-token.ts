/**
 * Access tokens: a JWT signed with EdDSA (RFC 8037), ten minutes, issuer and audience set, the
 * clinic id as subject and its region as a claim. Short enough that revocation is also
 * enforced by expiry; pushes check revocation as well (see revocation.ts).
 */
import { verify, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { CloudError } from '../errors.js';
import { singleKeyLookup, type KeyLookup } from './keyring.js';
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
const KID = /^[A-Za-z0-9._-]{1,64}$/;

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

interface Compact {
  kid: string;
  signed: Buffer;
  body: string;
  signature: Buffer;
}

/**
 * The JWS compact form (RFC 7515 section 7.1). Only what we issue passes: alg EdDSA, a kid,
 * no `crit` extensions (RFC 7515 section 4.1.11).
 */
function parseCompact(token: string): Compact {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => BASE64URL.test(p))) throw invalid('invalid');
  const [head, body, signature] = parts as [string, string, string];
  const header = decodePart(head);
  if (header.alg !== 'EdDSA' || header.crit !== undefined) throw invalid('invalid');
  if (typeof header.kid !== 'string' || !KID.test(header.kid)) throw invalid('invalid');
  return {
    kid: header.kid,
    signed: Buffer.from(`${head}.${body}`, 'ascii'),
    body,
    signature: Buffer.from(signature, 'base64url'),
  };
}

/**
 * One synchronous Ed25519 verify (RFC 8037 section 3.1) with the key the kid names:
 * WebCrypto's asynchronous verify, which jose uses, costs several times more per token and
 * every push of a fresh token pays it.
 */
function verifyCompact(key: KeyObject | null | undefined, token: Compact): Record<string, unknown> {
  if (!key) throw invalid('invalid (unknown or retired key)');
  if (!verify(null, token.signed, key, token.signature)) throw invalid('invalid');
  return decodePart(token.body);
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

export interface VerifiedToken extends ClinicIdentity {
  expiresAt: number;
  /** The key that signed it, so a cache can drop the token when the key retires. */
  kid: string;
}

function identityOf(key: KeyObject | null | undefined, token: Compact): VerifiedToken {
  const payload = verifyCompact(key, token);
  checkClaims(payload);
  const { sub, region, exp } = payload;
  if (typeof sub !== 'string' || typeof region !== 'string' || typeof exp !== 'number') {
    throw new CloudError('ACCESS_TOKEN_INVALID', 'access token lacks subject, region or expiry');
  }
  return { clinicId: sub, region, expiresAt: exp * 1000, kid: token.kid };
}

function asInvalid(error: unknown): CloudError {
  return error instanceof CloudError ? error : invalid('invalid', error);
}

/**
 * The clinic a bearer token stands for; CloudError ACCESS_TOKEN_INVALID otherwise. The key is
 * chosen by the token's kid; an unknown kid waits for one reload of the key list (rate
 * limited by the keyring), the known ones cost no await.
 */
export function verifyAccessToken(
  keys: SigningKey | KeyLookup,
  token: string,
): Promise<VerifiedToken> {
  const lookup = 'publicKey' in keys ? singleKeyLookup(keys) : keys;
  try {
    const compact = parseCompact(token);
    const key = lookup.verifierFor(compact.kid);
    if (key === undefined && lookup.reloadForUnknown) {
      return lookup
        .reloadForUnknown()
        .then(() => identityOf(lookup.verifierFor(compact.kid), compact))
        .catch((error: unknown) => Promise.reject(asInvalid(error)));
    }
    return Promise.resolve(identityOf(key, compact));
  } catch (error) {
    return Promise.reject(asInvalid(error));
  }
}
