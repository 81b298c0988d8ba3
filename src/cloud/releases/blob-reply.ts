/**
 * Sends an immutable, content-addressed blob: cached forever by any HTTP cache, validated by
 * its hash as ETag, served in ranges (206) or refused when the range lies past the end (416).
 * Shared by the coordinator (bytes in PostgreSQL) and the edge (bytes on disk).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

import { parseRange } from './http-range.js';

export const IMMUTABLE = 'public, max-age=31536000, immutable';

export interface BlobSource {
  readonly sha256: string;
  readonly size: number;
  /** Bytes `start` to `end` inclusive. */
  read(start: number, end: number): Promise<Buffer>;
}

export const isSha256Hex = (value: string): boolean => /^[0-9a-f]{64}$/.test(value);

/** True when the request's If-None-Match names this ETag (RFC 9110, section 13.1.2). */
export function matchesEtag(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (header === undefined) return false;
  return header === '*' || header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

export async function sendBlob(
  request: FastifyRequest,
  reply: FastifyReply,
  blob: BlobSource,
): Promise<FastifyReply> {
  const etag = `"${blob.sha256}"`;
  void reply
    .header('etag', etag)
    .header('cache-control', IMMUTABLE)
    .header('accept-ranges', 'bytes')
    .type('application/octet-stream');
  if (matchesEtag(request, etag)) return reply.code(304).send();

  const range = parseRange(request.headers.range, blob.size);
  switch (range.kind) {
    case 'unsatisfiable':
      return reply.code(416).header('content-range', `bytes */${blob.size}`).send();
    case 'partial':
      return reply
        .code(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${blob.size}`)
        .send(await blob.read(range.start, range.end));
    case 'full':
      return reply.send(blob.size === 0 ? Buffer.alloc(0) : await blob.read(0, blob.size - 1));
  }
}
