/**
 * Writes a `.mab` container: the plain header, the key check, then the plaintext cut into
 * `chunkSize` pieces, each sealed with AES-256-GCM under its own IV and AAD (format.ts).
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { CHUNK_SIZE, chunkAad, chunkIv, encodeHeader, type KdfParams } from './format.js';
import { DEFAULT_KDF, deriveBackupKeys, keyCheck } from './keys.js';

export interface ContainerInput {
  passphrase: string;
  /** Total plaintext length; must equal what `pieces` yields. */
  plaintextBytes: number;
  /** The plaintext in pieces of any size. */
  pieces: AsyncIterable<Buffer>;
  kdf?: KdfParams;
  chunkSize?: number;
  onBytes?: (plaintextDone: number) => void;
}

/** Writes the whole container to `handle` from position 0; returns the bytes written. */
export async function writeContainer(handle: FileHandle, input: ContainerInput): Promise<number> {
  const chunkSize = input.chunkSize ?? CHUNK_SIZE;
  const kdf = input.kdf ?? DEFAULT_KDF;
  const salt = randomBytes(16);
  const ivBase = randomBytes(12);
  const keys = await deriveBackupKeys(input.passphrase, salt, kdf);
  const chunkCount = Math.max(1, Math.ceil(input.plaintextBytes / chunkSize));
  const header = encodeHeader({
    cipher: 'aes-256-gcm',
    kdf: { name: 'scrypt', ...kdf, salt: salt.toString('base64') },
    ivBase: ivBase.toString('base64'),
    chunkSize,
    chunkCount,
    plaintextBytes: input.plaintextBytes,
  });
  let position = await writeAt(
    handle,
    0,
    Buffer.concat([header.bytes, keyCheck(keys, header.hash)]),
  );

  let index = 0;
  let done = 0;
  const seal = async (plain: Buffer) => {
    const final = index === chunkCount - 1;
    const cipher = createCipheriv('aes-256-gcm', keys.encryption, chunkIv(ivBase, index));
    cipher.setAAD(chunkAad(header.hash, index, final));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    position = await writeAt(handle, position, Buffer.concat([length, body, cipher.getAuthTag()]));
    index += 1;
    done += plain.length;
    input.onBytes?.(done);
  };
  for await (const chunk of rechunk(input.pieces, chunkSize)) await seal(chunk);
  if (done !== input.plaintextBytes || index !== chunkCount)
    throw new Error(`backup plaintext was ${done} bytes, expected ${input.plaintextBytes}`);

  return position;
}

/** Regroups pieces of any size into pieces of exactly `size` bytes (the last may be shorter). */
export async function* rechunk(
  pieces: AsyncIterable<Buffer>,
  size: number,
): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const piece of pieces) {
    let rest = piece;
    while (rest.length > 0) {
      const take = Math.min(size - pendingBytes, rest.length);
      pending.push(rest.subarray(0, take));
      pendingBytes += take;
      rest = rest.subarray(take);
      if (pendingBytes === size) {
        yield Buffer.concat(pending);
        pending = [];
        pendingBytes = 0;
      }
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending);
}

async function writeAt(handle: FileHandle, position: number, data: Buffer): Promise<number> {
  let written = 0;
  while (written < data.length) {
    const { bytesWritten } = await handle.write(
      data,
      written,
      data.length - written,
      position + written,
    );
    written += bytesWritten;
  }

  return position + data.length;
}
