/**
 * The backup key comes from the clinic passphrase alone, so a backup restores on a new laptop.
 *
 * scrypt (RFC 7914) with N=2^17, r=8, p=1 by default: the OWASP Password Storage Cheat Sheet's
 * minimum for scrypt. A backup on a USB stick can be stolen and attacked offline without limit,
 * so we take the strong end: 128 MiB and ~0.4 s once per backup on this 2-core box, which is
 * cheap for a daily job. The parameters live in the header, so they can be raised later.
 */
import { createHmac, hkdfSync, scrypt, timingSafeEqual } from 'node:crypto';
import type { KdfParams } from './format.js';

export const DEFAULT_KDF: KdfParams = { N: 2 ** 17, r: 8, p: 1 };

export interface BackupKeys {
  /** AES-256-GCM key for the chunks. */
  encryption: Buffer;
  /** HMAC key for the key check, separate so the check reveals nothing of the chunk key. */
  check: Buffer;
}

/** Derives the chunk key and the key-check key (HKDF-SHA256, RFC 5869) from the passphrase. */
export async function deriveBackupKeys(
  passphrase: string,
  salt: Buffer,
  params: KdfParams,
): Promise<BackupKeys> {
  const master = await scryptAsync(passphrase, salt, params);
  const split = (info: string) =>
    Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));

  return {
    encryption: split('medassist-backup v1 chunks'),
    check: split('medassist-backup v1 check'),
  };
}

function scryptAsync(passphrase: string, salt: Buffer, params: KdfParams): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes; Node's default cap (32 MiB) is too small for N=2^17.
  const maxmem = 256 * params.N * params.r;
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, 32, { ...params, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** The key check stored after the header: HMAC-SHA256 over the header hash. */
export function keyCheck(keys: BackupKeys, headerHash: Buffer): Buffer {
  return createHmac('sha256', keys.check).update(headerHash).digest();
}

export function keyCheckMatches(keys: BackupKeys, headerHash: Buffer, stored: Buffer): boolean {
  const expected = keyCheck(keys, headerHash);
  return stored.length === expected.length && timingSafeEqual(stored, expected);
}
