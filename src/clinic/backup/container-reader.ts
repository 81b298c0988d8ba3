/**
 * Opens a `.mab` container and yields its plaintext chunk by chunk, checking each GCM tag.
 * Nothing is written anywhere: callers decide what to do with the plaintext.
 */
import { createDecipheriv } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { backupError } from './errors.js';
import {
  chunkAad,
  chunkIv,
  decodeHeader,
  HASH_BYTES,
  TAG_BYTES,
  tampered,
  truncated,
  type BackupHeader,
} from './format.js';
import { deriveBackupKeys, keyCheckMatches, type BackupKeys } from './keys.js';

export interface OpenedBackup {
  header: BackupHeader;
  fileBytes: number;
  /** Yields the decrypted chunks in order; throws a coded error at the first bad one. */
  chunks(onBytes?: (fileBytesDone: number) => void): AsyncGenerator<Buffer>;
  close(): Promise<void>;
}

/** Reads the header and checks the passphrase; the chunks are read later, on demand. */
export async function openBackup(file: string, passphrase: string): Promise<OpenedBackup> {
  const handle = await open(file, 'r');
  try {
    const fileBytes = (await handle.stat()).size;
    const read = (offset: number, length: number) => readAt(handle, offset, length);
    const { bytes, hash, header } = await decodeHeader(read);
    const stored = await read(bytes.length, HASH_BYTES);
    if (stored.length < HASH_BYTES) throw truncated('key check');
    const keys = await deriveBackupKeys(
      passphrase,
      Buffer.from(header.kdf.salt, 'base64'),
      header.kdf,
    );
    if (!keyCheckMatches(keys, hash, stored))
      throw backupError(
        'BACKUP_PASSPHRASE_WRONG',
        'the passphrase does not open this backup (or its header was rewritten)',
      );
    const dataOffset = bytes.length + HASH_BYTES;
    assertFileSize(header, dataOffset, fileBytes);
    const context = { handle, header, hash, keys, dataOffset };

    return {
      header,
      fileBytes,
      chunks: (onBytes) => readChunks(context, onBytes),
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** The header fixes every frame's length, so a short or long file is known before decrypting. */
function assertFileSize(header: BackupHeader, dataOffset: number, fileBytes: number): void {
  if (header.chunkCount !== Math.ceil(header.plaintextBytes / header.chunkSize))
    throw backupError('BACKUP_FORMAT_UNSUPPORTED', 'the backup header counts do not agree');
  const expected = dataOffset + header.chunkCount * (4 + TAG_BYTES) + header.plaintextBytes;
  if (fileBytes < expected) {
    const lastWhole = Math.floor((fileBytes - dataOffset) / (header.chunkSize + 4 + TAG_BYTES));
    throw truncated(`chunk ${Math.max(0, lastWhole)} of ${header.chunkCount}`);
  }
  if (fileBytes > expected)
    throw tampered('end', `${fileBytes - expected} bytes follow the final chunk`);
}

interface ReadContext {
  handle: FileHandle;
  header: BackupHeader;
  hash: Buffer;
  keys: BackupKeys;
  dataOffset: number;
}

async function* readChunks(
  context: ReadContext,
  onBytes?: (fileBytesDone: number) => void,
): AsyncGenerator<Buffer> {
  const { header, handle, hash, keys } = context;
  const ivBase = Buffer.from(header.ivBase, 'base64');
  let position = context.dataOffset;
  for (let index = 0; index < header.chunkCount; index += 1) {
    const final = index === header.chunkCount - 1;
    const plainLength = final ? header.plaintextBytes - index * header.chunkSize : header.chunkSize;
    const frame = await readAt(handle, position, 4 + plainLength + TAG_BYTES);
    const where = `chunk ${index} of ${header.chunkCount}`;
    if (frame.length < 4 + plainLength + TAG_BYTES) throw truncated(where);
    if (frame.readUInt32BE(0) !== plainLength)
      throw tampered(where, 'the chunk length was changed');
    const decipher = createDecipheriv('aes-256-gcm', keys.encryption, chunkIv(ivBase, index));
    decipher.setAAD(chunkAad(hash, index, final));
    decipher.setAuthTag(frame.subarray(4 + plainLength));
    let plain: Buffer;
    try {
      plain = Buffer.concat([
        decipher.update(frame.subarray(4, 4 + plainLength)),
        decipher.final(),
      ]);
    } catch (cause) {
      throw backupError(
        'BACKUP_TAMPERED',
        `the backup is damaged or was altered at [${where}]`,
        {
          where,
          chunk: index,
        },
        cause,
      );
    }
    position += frame.length;
    onBytes?.(position);
    yield plain;
  }
}

async function readAt(handle: FileHandle, offset: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await handle.read(buffer, got, length - got, offset + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }

  return buffer.subarray(0, got);
}
