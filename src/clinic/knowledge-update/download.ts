/**
 * Downloads one content-addressed blob into `<dir>/<sha256>.partial`, resuming a cut download
 * with an HTTP Range request (RFC 9110, section 14) from the bytes already on disk, and returns
 * the bytes only once their SHA-256 matches. The partial file is named by the hash, so a
 * download cut from the edge may be finished from the cloud.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  openSync,
  closeSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

import { MedAssistError } from '../../shared/errors.js';
import { globalFetch, type FetchLike } from '../../shared/tls/transport.js';

export interface BlobRef {
  readonly sha256: string;
  readonly size: number;
}

export interface DownloadOptions {
  readonly dir: string;
  readonly signal?: AbortSignal;
  /** Bytes on disk so far, out of the blob's size. */
  readonly onProgress?: (done: number, total: number) => void;
  /** The clinic's transport (private CA, client certificate); Node's fetch when absent. */
  readonly fetch?: FetchLike;
}

export const partialPath = (dir: string, sha256: string) => join(dir, `${sha256}.partial`);

/** Fetches `url` (the blob at a source) and returns its verified bytes. */
export async function downloadBlob(
  url: string,
  blob: BlobRef,
  o: DownloadOptions,
): Promise<Buffer> {
  mkdirSync(o.dir, { recursive: true });
  const path = partialPath(o.dir, blob.sha256);
  let have = existsSync(path) ? statSync(path).size : 0;
  if (have > blob.size) {
    rmSync(path);
    have = 0;
  }
  if (have < blob.size) await fetchRest(url, path, have, blob, o);

  const bytes = readFileSync(path);
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== blob.sha256) {
    // The bytes are wrong, not short: start over next time instead of resuming from them.
    rmSync(path, { force: true });
    throw new MedAssistError(
      'KB_BLOB_HASH_MISMATCH',
      `downloaded blob has SHA-256 [${actual.slice(0, 12)}], the manifest says [${blob.sha256.slice(0, 12)}]`,
      { details: { url, expected: blob.sha256, actual } },
    );
  }

  rmSync(path, { force: true });

  return bytes;
}

async function fetchRest(
  url: string,
  path: string,
  have: number,
  blob: BlobRef,
  o: DownloadOptions,
) {
  const headers: Record<string, string> = have > 0 ? { range: `bytes=${have}-` } : {};
  const res = await (o.fetch ?? globalFetch)(url, {
    headers,
    ...(o.signal ? { signal: o.signal } : {}),
  });
  if (res.status === 416) {
    // The server says we have it all or more; what we hold is checked by its hash next.
    await res.body?.cancel();
    return;
  }
  if (res.status !== 200 && res.status !== 206) {
    await res.body?.cancel();
    throw new MedAssistError('KB_DOWNLOAD_FAILED', `blob download answered [${res.status}]`, {
      details: { url, status: res.status },
    });
  }
  // A 200 is the whole blob again (the server ignored the range): write from the start.
  const offset = res.status === 206 ? have : 0;
  if (res.status === 206 && !res.headers.get('content-range')?.startsWith(`bytes ${have}-`))
    throw new MedAssistError('KB_DOWNLOAD_FAILED', 'range answer does not start where asked', {
      details: { url, asked: have, got: res.headers.get('content-range') },
    });
  await appendBody(res, path, offset, blob, o);
}

async function appendBody(
  res: Response,
  path: string,
  offset: number,
  blob: BlobRef,
  o: DownloadOptions,
) {
  const fd = openSync(path, offset === 0 ? 'w' : 'a');
  let done = offset;
  try {
    if (!res.body) return;
    // A reader, not `for await`: the same code type-checks under Node's and the DOM's streams.
    const reader = res.body.getReader() as ReadableStreamDefaultReader<Uint8Array>;
    for (;;) {
      const { done: ended, value } = await reader.read();
      if (ended) break;
      const bytes = value;
      // Never hold more than the manifest promised: a server cannot fill the disk.
      if (done + bytes.length > blob.size)
        throw new MedAssistError('KB_BLOB_TOO_LARGE', `blob is larger than [${blob.size}] bytes`);
      writeSync(fd, bytes);
      done += bytes.length;
      o.onProgress?.(done, blob.size);
    }
  } finally {
    closeSync(fd);
  }
}
