/**
 * The operator secret that wraps the token signing keys at rest. It lives outside the
 * database (MEDASSIST_CLOUD_SECRET, or a key file named by --secret-file or
 * MEDASSIST_CLOUD_SECRET_FILE), so a copy of the database alone cannot mint access tokens.
 *
 * Scheme v1: the wrapping key is HKDF-SHA256 (RFC 5869) of the secret's bytes, empty salt,
 * info "medassist-cloud token-key wrap v1", 32 bytes. A private key (PKCS#8 DER) is sealed with
 * AES-256-GCM (NIST SP 800-38D), a random 96-bit IV per seal, and the key id as additional
 * data, so a sealed key moved to another row does not open. HKDF adds no stretching: the
 * secret must carry its own entropy, hence at least 32 bytes (`openssl rand -base64 32`).
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CloudError } from '../errors.js';

export const SECRET_MIN_BYTES = 32;
const INFO = 'medassist-cloud token-key wrap v1';
const SEALED = /^v1\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{22})$/;

/** The wrapping key derived from the secret; the secret itself is not kept. */
export interface CloudSecret {
  /** Where it came from, for messages: an environment variable or a file path. */
  readonly source: string;
  readonly wrappingKey: Buffer;
}

/** A secret from its bytes; trailing whitespace (a key file's newline) is not part of it. */
export function parseCloudSecret(bytes: Buffer, source: string): CloudSecret {
  let end = bytes.length;
  while (end > 0 && [0x0a, 0x0d, 0x20, 0x09].includes(bytes[end - 1] ?? 0)) end -= 1;
  const secret = bytes.subarray(0, end);
  if (secret.length < SECRET_MIN_BYTES) {
    throw new CloudError(
      'CLOUD_SECRET_INVALID',
      `the cloud secret from ${source} is too short [${secret.length} bytes]: it needs at least ` +
        `${SECRET_MIN_BYTES} (make one with: openssl rand -base64 32)`,
    );
  }
  const wrappingKey = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), INFO, 32));
  return { source, wrappingKey };
}

/**
 * The secret named by the flag or the environment, or null when none is set. A key file and
 * MEDASSIST_CLOUD_SECRET together are refused: which one wraps the keys must not be a guess.
 */
export function readCloudSecret(
  o: { secretFile?: string },
  env: NodeJS.ProcessEnv = process.env,
): CloudSecret | null {
  const file = o.secretFile ?? env.MEDASSIST_CLOUD_SECRET_FILE;
  const inline = env.MEDASSIST_CLOUD_SECRET;
  if (file !== undefined && file !== '' && inline !== undefined && inline !== '') {
    throw new CloudError(
      'CLOUD_SECRET_INVALID',
      `both a secret file [${file}] and MEDASSIST_CLOUD_SECRET are set: keep one`,
    );
  }
  if (file !== undefined && file !== '') {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      throw new CloudError('CLOUD_SECRET_INVALID', `cannot read the secret file [${file}]`, {
        cause: error,
      });
    }
    return parseCloudSecret(bytes, `file ${file}`);
  }
  if (inline !== undefined && inline !== '') {
    return parseCloudSecret(Buffer.from(inline, 'utf8'), 'MEDASSIST_CLOUD_SECRET');
  }
  return null;
}

function additionalData(kid: string): Buffer {
  return Buffer.from(`medassist token key ${kid}`, 'utf8');
}

/** `v1.<iv>.<ciphertext>.<tag>`, base64url. */
export function sealPrivateKey(secret: CloudSecret, kid: string, pkcs8: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', secret.wrappingKey, iv);
  cipher.setAAD(additionalData(kid));
  const sealed = Buffer.concat([cipher.update(pkcs8), cipher.final()]);
  const parts = [iv, sealed, cipher.getAuthTag()].map((b) => b.toString('base64url'));
  return `v1.${parts.join('.')}`;
}

/**
 * The PKCS#8 bytes of a sealed key. A wrong secret and an altered row look the same to
 * AES-GCM; either way the error names the key id and the secret's source, never key bytes.
 */
export function openPrivateKey(secret: CloudSecret, kid: string, sealed: string): Buffer {
  const match = SEALED.exec(sealed);
  try {
    if (!match) throw new Error('not a v1 sealed key');
    const [, iv, body, tag] = match as unknown as [string, string, string, string];
    const decipher = createDecipheriv(
      'aes-256-gcm',
      secret.wrappingKey,
      Buffer.from(iv, 'base64url'),
    );
    decipher.setAAD(additionalData(kid));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
  } catch {
    throw new CloudError(
      'SIGNING_KEY_SECRET_WRONG',
      `the cloud secret from ${secret.source} does not open token signing key [${kid}]: ` +
        'start with the secret the keys were wrapped with (or the row was altered)',
    );
  }
}
