/**
 * Release routes (protocol v1): the latest pointer per channel (short cache, ETag, 304), signed
 * manifests and blobs (immutable). No bearer token: releases are public, signed and hold no
 * patient data, so an edge, a CDN or any HTTP cache may serve them.
 */
import { createHash } from 'node:crypto';

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { IMMUTABLE, isSha256Hex, matchesEtag, sendBlob } from './blob-reply.js';
import type { ReleaseRepository } from './release-repository.js';

/** The latest pointer may be cached briefly; an unreachable origin may serve it for a day. */
export const LATEST_CACHE = 'public, max-age=30, stale-if-error=86400';

const CHANNEL = /^[a-z0-9][a-z0-9-]{0,39}$/;

export const etagOf = (body: string): string =>
  `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;

/** A JSON body with its ETag and cache policy; 304 when the client already has it. */
export function sendCachedJson(
  request: FastifyRequest,
  reply: FastifyReply,
  body: string,
  cacheControl: string,
): FastifyReply {
  const etag = etagOf(body);
  void reply.header('etag', etag).header('cache-control', cacheControl);
  if (matchesEtag(request, etag)) return reply.code(304).send();
  return reply.type('application/json').send(body);
}

function badRequest(reply: FastifyReply, field: string, value: string) {
  return reply.code(400).send({
    error: 'bad request',
    message: `${field}: not valid [${value.slice(0, 100)}]`,
  });
}

const notFound = (reply: FastifyReply, what: string) =>
  reply.code(404).send({ error: 'not found', message: `no ${what}` });

export function registerReleaseRoutes(
  app: FastifyInstance,
  repository: ReleaseRepository,
): Promise<void> {
  app.get<{ Querystring: { channel?: string } }>('/v1/releases/latest', async (req, reply) => {
    const channel = req.query.channel ?? 'stable';
    if (!CHANNEL.test(channel)) return badRequest(reply, 'channel', channel);
    const latest = await repository.latest(channel);
    if (latest === null) return notFound(reply, `release in channel [${channel}]`);

    const body = JSON.stringify({ version: latest.version, channel });
    return sendCachedJson(req, reply, body, LATEST_CACHE);
  });

  app.get<{ Params: { version: string } }>('/v1/releases/:version', async (req, reply) => {
    const { version } = req.params;
    if (version.length > 80) return badRequest(reply, 'version', version);
    const signed = await repository.signed(version);
    if (signed === null) return notFound(reply, `release [${version}]`);

    const body = JSON.stringify(signed);
    return sendCachedJson(req, reply, body, IMMUTABLE);
  });

  app.get<{ Params: { sha256: string } }>('/v1/blobs/:sha256', async (req, reply) => {
    const { sha256 } = req.params;
    if (!isSha256Hex(sha256)) return badRequest(reply, 'sha256', sha256);
    const size = await repository.blobSize(sha256);
    if (size === null) return notFound(reply, `blob [${sha256}]`);

    return sendBlob(req, reply, {
      sha256,
      size,
      read: (start, end) => repository.readBlob(sha256, start, end),
    });
  });

  return Promise.resolve();
}
