/**
 * The `.mab` container, format version 1. Layout (all integers big-endian):
 *
 *   magic (8) | version u16 | header length u32 | header JSON | header SHA-256 (32) | key check (32)
 *   then `chunkCount` frames: ciphertext length u32 | ciphertext | GCM tag (16)
 *
 * The header is plain so a restore on a new laptop needs only the passphrase. Its SHA-256 is a
 * plain checksum (a flipped byte is reported as tampering, not as a wrong passphrase) and is
 * also bound into every chunk's AAD and into the key check, so a rewritten header fails too.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { backupError } from './errors.js';

/** PNG-style magic: the CR LF and 0x1A bytes reveal a file mangled by text-mode copying. */
export const MAGIC = Buffer.from([0x4d, 0x41, 0x42, 0x4b, 0x0d, 0x0a, 0x1a, 0x0a]);
export const FORMAT_VERSION = 1;
export const CHUNK_SIZE = 1024 * 1024;
export const TAG_BYTES = 16;
export const HASH_BYTES = 32;
const PREFIX_BYTES = MAGIC.length + 2 + 4;
const MAX_HEADER_JSON = 4096;

// Upper bounds keep a crafted header from making the reader allocate gigabytes.
const kdfSchema = z.object({
  name: z.literal('scrypt'),
  N: z
    .number()
    .int()
    .min(1024)
    .max(2 ** 20),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  salt: z.base64(),
});

const headerSchema = z.object({
  cipher: z.literal('aes-256-gcm'),
  kdf: kdfSchema,
  ivBase: z.base64(),
  chunkSize: z
    .number()
    .int()
    .min(1024)
    .max(16 * CHUNK_SIZE),
  chunkCount: z.number().int().min(1),
  plaintextBytes: z.number().int().min(1),
});

export type BackupHeader = z.infer<typeof headerSchema>;
export type KdfParams = Omit<BackupHeader['kdf'], 'salt' | 'name'>;

/** The bytes before the first chunk, and the hash every chunk is bound to. */
export interface EncodedHeader {
  bytes: Buffer;
  hash: Buffer;
}

/** Magic, version, length and JSON, followed by their SHA-256 (the key check comes after). */
export function encodeHeader(header: BackupHeader): EncodedHeader {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(PREFIX_BYTES);
  MAGIC.copy(prefix, 0);
  prefix.writeUInt16BE(FORMAT_VERSION, MAGIC.length);
  prefix.writeUInt32BE(json.length, MAGIC.length + 2);
  const body = Buffer.concat([prefix, json]);
  const hash = sha256(body);

  return { bytes: Buffer.concat([body, hash]), hash };
}

/** Reads what `read(offset, length)` returns into a checked header; throws coded errors. */
export async function decodeHeader(
  read: (offset: number, length: number) => Promise<Buffer>,
): Promise<EncodedHeader & { header: BackupHeader }> {
  const prefix = await read(0, PREFIX_BYTES);
  if (prefix.length < MAGIC.length || !prefix.subarray(0, MAGIC.length).equals(MAGIC))
    throw backupError('BACKUP_FORMAT_UNSUPPORTED', 'this file is not a MedAssist backup');
  if (prefix.length < PREFIX_BYTES) throw truncated('header');
  const version = prefix.readUInt16BE(MAGIC.length);
  if (version !== FORMAT_VERSION)
    throw backupError(
      'BACKUP_FORMAT_UNSUPPORTED',
      `backup format version [${version}] is not supported (this build reads ${FORMAT_VERSION})`,
      { version },
    );
  const jsonLength = prefix.readUInt32BE(MAGIC.length + 2);
  if (jsonLength > MAX_HEADER_JSON) throw tampered('header', 'header length is out of range');
  const rest = await read(PREFIX_BYTES, jsonLength + HASH_BYTES);
  if (rest.length < jsonLength + HASH_BYTES) throw truncated('header');
  const body = Buffer.concat([prefix, rest.subarray(0, jsonLength)]);
  const hash = sha256(body);
  if (!hash.equals(rest.subarray(jsonLength)))
    throw tampered('header', 'the header checksum does not match');

  return { bytes: Buffer.concat([body, hash]), hash, header: parseHeaderJson(rest, jsonLength) };
}

function parseHeaderJson(rest: Buffer, jsonLength: number): BackupHeader {
  let raw: unknown;
  try {
    raw = JSON.parse(rest.subarray(0, jsonLength).toString('utf8'));
  } catch (cause) {
    throw backupError('BACKUP_FORMAT_UNSUPPORTED', 'the backup header is not JSON', {}, cause);
  }
  const parsed = headerSchema.safeParse(raw);
  if (!parsed.success)
    throw backupError(
      'BACKUP_FORMAT_UNSUPPORTED',
      `the backup header has unsupported fields [${parsed.error.issues[0]?.path.join('.')}]`,
    );

  return parsed.data;
}

/** Each chunk's IV: the random base with its last 8 bytes XOR the chunk index (NIST SP 800-38D 8.2.1). */
export function chunkIv(ivBase: Buffer, index: number): Buffer {
  const iv = Buffer.from(ivBase);
  const counter = iv.readBigUInt64BE(4) ^ BigInt(index);
  iv.writeBigUInt64BE(counter, 4);

  return iv;
}

/** AAD = header hash | chunk index u64 | final flag: detects splicing, reordering, truncation. */
export function chunkAad(headerHash: Buffer, index: number, final: boolean): Buffer {
  const aad = Buffer.alloc(HASH_BYTES + 9);
  headerHash.copy(aad, 0);
  aad.writeBigUInt64BE(BigInt(index), HASH_BYTES);
  aad.writeUInt8(final ? 1 : 0, HASH_BYTES + 8);

  return aad;
}

export function sha256(data: Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

export function tampered(where: string, why: string): Error {
  return backupError(
    'BACKUP_TAMPERED',
    `the backup is damaged or was altered at [${where}]: ${why}`,
    {
      where,
    },
  );
}

export function truncated(where: string): Error {
  return backupError(
    'BACKUP_TRUNCATED',
    `the backup file ends early, inside [${where}]; copy it again from its source`,
    { where },
  );
}
