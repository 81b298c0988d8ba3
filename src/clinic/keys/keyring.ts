/**
 * The clinic keyring: one random 256-bit data key encrypts every clinic database. The data key
 * is stored only wrapped (AES-256-GCM) by keys derived from the clinic passphrase (scrypt) and,
 * for unattended start, from a key file. Changing the passphrase re-wraps the data key; the
 * databases keep their key, so the change is instant and cannot half-fail.
 */
import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  scryptSync,
  timingSafeEqual,
} from 'node:crypto';
import { InputError, MedAssistError } from '../../shared/errors.js';

/** scrypt N = 2^15, r = 8, p = 1: about 100 ms and 32 MiB here, well inside the 1 s unlock. */
export const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
export const MIN_PASSPHRASE_LENGTH = 10;

interface WrappedKey {
  kdf: 'scrypt' | 'keyfile-sha256';
  salt: string;
  iv: string;
  tag: string;
  data: string;
}

export interface Keyring {
  version: 1;
  keyId: string;
  wrapped: { passphrase?: WrappedKey; keyfile?: WrappedKey };
}

export class KeyError extends MedAssistError {}

function kekFromPassphrase(passphrase: string, salt: Buffer): Buffer {
  return scryptSync(passphrase.normalize('NFC'), salt, 32, SCRYPT);
}

function kekFromKeyFile(secret: Buffer, salt: Buffer): Buffer {
  // The key file holds 32 random bytes: no stretching is needed, only domain separation.
  return scryptSync(secret, salt, 32, { N: 2 ** 10, r: 8, p: 1 });
}

function wrap(
  dataKey: Buffer,
  kek: Buffer,
  kdf: WrappedKey['kdf'],
  salt: Buffer,
  keyId: string,
): WrappedKey {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(`medassist-keyring:${keyId}`));
  const data = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return {
    kdf,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

function unwrap(w: WrappedKey, kek: Buffer, keyId: string): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(w.iv, 'base64'));
    decipher.setAAD(Buffer.from(`medassist-keyring:${keyId}`));
    decipher.setAuthTag(Buffer.from(w.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(w.data, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

/** Checks a new passphrase; the message never echoes it. */
export function assertPassphrase(passphrase: string): void {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new InputError([
      {
        field: 'passphrase',
        message: `must have at least ${MIN_PASSPHRASE_LENGTH} characters [${passphrase.length} given]`,
      },
    ]);
  }
}

/** A new keyring with a fresh data key, wrapped by the passphrase and/or a key file secret. */
export function createKeyring(secrets: { passphrase?: string; keyFileSecret?: Buffer }): {
  keyring: Keyring;
  dataKey: Buffer;
} {
  if (secrets.passphrase === undefined && secrets.keyFileSecret === undefined) {
    throw new KeyError(
      'KEY_SOURCE_MISSING',
      'a passphrase (MEDASSIST_PASSPHRASE) or a key file (--key-file) is needed',
    );
  }
  if (secrets.passphrase !== undefined) assertPassphrase(secrets.passphrase);
  const dataKey = randomBytes(32);
  const keyId = randomBytes(8).toString('hex');
  const keyring: Keyring = { version: 1, keyId, wrapped: {} };
  if (secrets.passphrase !== undefined) {
    const salt = randomBytes(16);
    keyring.wrapped.passphrase = wrap(
      dataKey,
      kekFromPassphrase(secrets.passphrase, salt),
      'scrypt',
      salt,
      keyId,
    );
  }
  if (secrets.keyFileSecret !== undefined) {
    const salt = randomBytes(16);
    keyring.wrapped.keyfile = wrap(
      dataKey,
      kekFromKeyFile(secrets.keyFileSecret, salt),
      'keyfile-sha256',
      salt,
      keyId,
    );
  }
  return { keyring, dataKey };
}

/** Unwraps the data key. A wrong passphrase or key file is `KEY_WRONG`. */
export function unlockKeyring(
  keyring: Keyring,
  secrets: { passphrase?: string; keyFileSecret?: Buffer },
): Buffer {
  const { passphrase, keyfile } = keyring.wrapped;
  if (secrets.keyFileSecret !== undefined && keyfile) {
    const key = unwrap(
      keyfile,
      kekFromKeyFile(secrets.keyFileSecret, Buffer.from(keyfile.salt, 'base64')),
      keyring.keyId,
    );
    if (key) return key;
  }
  if (secrets.passphrase !== undefined && passphrase) {
    const key = unwrap(
      passphrase,
      kekFromPassphrase(secrets.passphrase, Buffer.from(passphrase.salt, 'base64')),
      keyring.keyId,
    );
    if (key) return key;
  }
  if (secrets.passphrase === undefined && secrets.keyFileSecret === undefined) {
    throw new KeyError(
      'KEY_SOURCE_MISSING',
      'the clinic is locked: set MEDASSIST_PASSPHRASE or give --key-file',
    );
  }
  throw new KeyError('KEY_WRONG', 'the passphrase or key file does not unlock this clinic');
}

/** Re-wraps the data key under a new passphrase (the old one must unlock it first). */
export function changePassphrase(
  keyring: Keyring,
  dataKey: Buffer,
  newPassphrase: string,
): Keyring {
  assertPassphrase(newPassphrase);
  const salt = randomBytes(16);
  const passphrase = wrap(
    dataKey,
    kekFromPassphrase(newPassphrase, salt),
    'scrypt',
    salt,
    keyring.keyId,
  );
  return { ...keyring, wrapped: { ...keyring.wrapped, passphrase } };
}

/** Adds (or replaces) the key-file wrapping. */
export function addKeyFile(keyring: Keyring, dataKey: Buffer, secret: Buffer): Keyring {
  const salt = randomBytes(16);
  const keyfile = wrap(
    dataKey,
    kekFromKeyFile(secret, salt),
    'keyfile-sha256',
    salt,
    keyring.keyId,
  );
  return { ...keyring, wrapped: { ...keyring.wrapped, keyfile } };
}

/** Compares two keys without leaking timing. */
export function sameKey(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
