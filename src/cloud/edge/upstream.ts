/**
 * Requests from the edge to its upstream (the cloud coordinator, or another edge), each with a
 * timeout so a dead link turns into a fast failure and the cache answers instead.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';

import { MedAssistError } from '../../shared/errors.js';
import { globalFetch, type FetchLike } from '../../shared/tls/transport.js';

export interface Upstream {
  readonly url: string;
  readonly timeoutMs: number;
  /** Bearer token for the alerts poll, when the upstream asks for one. */
  readonly token?: string;
  /** The transport (a private CA, a client certificate for mutual TLS); Node's fetch if absent. */
  readonly fetch?: FetchLike;
}

/** Largest blob the edge keeps; a knowledge bundle is a few MB (tier 2 must stay under 10). */
export const MAX_BLOB_BYTES = 256 * 1024 * 1024;

export async function upstreamGet(
  upstream: Upstream,
  path: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  const auth: Record<string, string> = upstream.token
    ? { authorization: `Bearer ${upstream.token}` }
    : {};
  return (upstream.fetch ?? globalFetch)(`${upstream.url.replace(/\/+$/, '')}${path}`, {
    headers: { ...auth, ...headers },
    signal: AbortSignal.timeout(upstream.timeoutMs),
  });
}

/** Downloads a blob into `tempPath`, hashing as it goes; refuses it unless the hash matches. */
export async function downloadVerified(
  upstream: Upstream,
  sha256: string,
  tempPath: string,
): Promise<void> {
  const res = await upstreamGet(upstream, `/v1/blobs/${sha256}`);
  if (res.status !== 200 || !res.body) {
    await res.body?.cancel();
    throw new MedAssistError('EDGE_UPSTREAM_FAILED', `upstream blob answered [${res.status}]`, {
      details: { sha256, status: res.status },
    });
  }
  const hash = createHash('sha256');
  const fd = openSync(tempPath, 'w');
  let size = 0;
  try {
    // A reader, not `for await`: the same code type-checks under Node's and the DOM's streams.
    const reader = res.body.getReader() as ReadableStreamDefaultReader<Uint8Array>;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const bytes = value;
      size += bytes.length;
      if (size > MAX_BLOB_BYTES)
        throw new MedAssistError('EDGE_BLOB_TOO_LARGE', `blob over [${MAX_BLOB_BYTES}] bytes`);
      hash.update(bytes);
      writeSync(fd, bytes);
    }
  } catch (error) {
    closeSync(fd);
    rmSync(tempPath, { force: true });
    throw error;
  }
  closeSync(fd);
  const actual = hash.digest('hex');
  if (actual !== sha256) {
    rmSync(tempPath, { force: true });
    throw new MedAssistError(
      'KB_BLOB_HASH_MISMATCH',
      `upstream blob hashes to [${actual.slice(0, 12)}], not [${sha256.slice(0, 12)}]`,
    );
  }
}
