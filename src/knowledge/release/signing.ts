/**
 * Release signatures: Ed25519 (RFC 8032) over the exact bytes of the manifest JSON string, so
 * a verifier never re-serialises what it checks. Public keys travel as SPKI DER in base64url
 * (as in `RegisterResponse.releaseKeys`); the key id is derived from the public key.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';

import type { z } from 'zod';

import { ReleaseManifest, SignedManifest } from '../../protocol/v1.js';
import { MedAssistError } from '../../shared/errors.js';

/** A signed manifest as it travels (`SignedManifest` of protocol v1). */
export type SignedRelease = z.infer<typeof SignedManifest>;

export interface ReleaseSigningKey {
  readonly keyId: string;
  readonly privateKey: KeyObject;
  /** SPKI DER, base64url: what clinics configure in `releaseKeys`. */
  readonly publicKey: string;
}

/** Key id: the first 16 hex digits of SHA-256 over the SPKI DER of the public key. */
export function keyIdOf(publicKeyB64url: string): string {
  return createHash('sha256')
    .update(Buffer.from(publicKeyB64url, 'base64url'))
    .digest('hex')
    .slice(0, 16);
}

function fromPrivate(privateKey: KeyObject): ReleaseSigningKey {
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new MedAssistError(
      'KB_KEY_INVALID',
      `release keys are Ed25519, not [${privateKey.asymmetricKeyType ?? 'unknown'}]`,
    );
  const publicKey = createPublicKey(privateKey)
    .export({ type: 'spki', format: 'der' })
    .toString('base64url');

  return { keyId: keyIdOf(publicKey), privateKey, publicKey };
}

/** A new signing key; `toPem` writes it to a file (PKCS#8). */
export function generateReleaseKey(): ReleaseSigningKey {
  return fromPrivate(generateKeyPairSync('ed25519').privateKey);
}

export function releaseKeyToPem(key: ReleaseSigningKey): string {
  return key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

export function parseReleaseKeyPem(pem: string): ReleaseSigningKey {
  try {
    return fromPrivate(createPrivateKey(pem));
  } catch (cause) {
    if (cause instanceof MedAssistError) throw cause;
    throw new MedAssistError('KB_KEY_INVALID', 'not a PEM private key', { cause });
  }
}

/** Serialises and signs a manifest. */
export function signManifest(manifest: ReleaseManifest, key: ReleaseSigningKey): SignedRelease {
  const text = JSON.stringify(ReleaseManifest.parse(manifest));
  const signature = sign(null, Buffer.from(text, 'utf8'), key.privateKey).toString('base64url');

  return { manifest: text, signature, keyId: key.keyId };
}

/**
 * Checks a signed manifest against the trusted keys (key id -> SPKI base64url) and returns the
 * parsed manifest. Throws `KB_KEY_UNKNOWN`, `KB_SIGNATURE_INVALID` or `KB_MANIFEST_INVALID`.
 */
export function verifySignedManifest(
  input: unknown,
  trusted: Readonly<Record<string, string>>,
): ReleaseManifest {
  const signed = SignedManifest.safeParse(input);
  if (!signed.success) throw manifestInvalid('signed manifest', signed.error.issues[0]?.message);
  const { manifest, signature, keyId } = signed.data;
  const publicKey = trusted[keyId];
  if (publicKey === undefined)
    throw new MedAssistError(
      'KB_KEY_UNKNOWN',
      `release signed by key [${keyId}], which is not among the configured release keys`,
      { details: { keyId, trusted: Object.keys(trusted) } },
    );
  if (!isValidSignature(manifest, signature, publicKey))
    throw new MedAssistError('KB_SIGNATURE_INVALID', `release signature is not valid [${keyId}]`, {
      details: { keyId },
    });

  return parseManifestText(manifest);
}

function isValidSignature(text: string, signature: string, publicKeyB64url: string): boolean {
  try {
    const key = createPublicKey({
      key: Buffer.from(publicKeyB64url, 'base64url'),
      format: 'der',
      type: 'spki',
    });
    return verify(null, Buffer.from(text, 'utf8'), key, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}

function parseManifestText(text: string): ReleaseManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw manifestInvalid('manifest', 'not JSON');
  }
  const parsed = ReleaseManifest.safeParse(json);
  if (!parsed.success) throw manifestInvalid('manifest', parsed.error.issues[0]?.message);

  return parsed.data;
}

function manifestInvalid(what: string, why: string | undefined): MedAssistError {
  return new MedAssistError('KB_MANIFEST_INVALID', `${what} is not valid: ${why ?? '?'}`);
}
