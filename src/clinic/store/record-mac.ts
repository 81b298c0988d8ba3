/**
 * Record authentication: every encounter and patient row carries an HMAC-SHA256 under a key
 * derived from the clinic data key, over its content. A row changed in the file without the key
 * (a flipped ciphertext byte garbles it; a forged row lacks the key) fails its check when read.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { MedAssistError } from '../../shared/errors.js';

export type MacKey = Buffer;

/** The record MAC key: HKDF-SHA256 of the data key, so the data key itself is never reused. */
export function deriveMacKey(dataKey: Buffer): MacKey {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'medassist record mac v1', 32));
}

function digest(key: MacKey, parts: readonly (string | Buffer | number | null)[]): Buffer {
  const h = createHmac('sha256', key);
  for (const p of parts) {
    const b = p === null ? Buffer.from([0]) : Buffer.isBuffer(p) ? p : Buffer.from(String(p));
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    h.update(len).update(b);
  }
  return h.digest();
}

export function macOf(key: MacKey, parts: readonly (string | Buffer | number | null)[]): Buffer {
  return digest(key, parts);
}

/** Throws `STORE_RECORD_TAMPERED` when the stored MAC does not match the row. */
export function assertMac(
  key: MacKey,
  parts: readonly (string | Buffer | number | null)[],
  mac: Buffer | null,
  what: string,
): void {
  const expected = digest(key, parts);
  if (!mac || mac.length !== expected.length || !timingSafeEqual(mac, expected)) {
    throw new MedAssistError(
      'STORE_RECORD_TAMPERED',
      `a ${what} record fails its integrity check; restore the last backup`,
    );
  }
}
