/**
 * The clinic's client of the coordinator and edge (protocol v1). Access tokens come from
 * POST /v1/token with a fresh Ed25519 proof and are kept in memory only, until a minute
 * before they expire. Reads (alerts, health) try the edge first, then the cloud; pushes go to
 * the cloud only, because the edge never stores patient data.
 */
import type { KeyObject } from 'node:crypto';
import { AlertsResponse, PushResponse, TokenResponse, type PushItem } from '../../protocol/v1.js';
import type { z } from 'zod';
import { assertStatus, parseReply, requestJson } from './http.js';
import { tokenProof } from './identity.js';
import type { FetchLike } from '../../shared/tls/transport.js';

export interface CoordinatorClientOptions {
  coordinatorUrl: string;
  edgeUrl?: string | undefined;
  clinicId: string;
  privateKey: () => KeyObject;
  timeoutMs?: number;
  now?: () => Date;
  /** The clinic's transport (private CA, client certificate); Node's fetch when absent. */
  fetch?: FetchLike;
}

export type AlertsPoll =
  | { notModified: true }
  | { notModified: false; body: z.infer<typeof AlertsResponse>; etag: string | null };

export interface CoordinatorClient {
  push(
    batchId: string,
    items: readonly PushItem[],
    signal?: AbortSignal,
  ): Promise<z.infer<typeof PushResponse>>;
  alerts(region: string, cursor: string | null, etag: string | null): Promise<AlertsPoll>;
  /** The base URLs to read from, edge first. */
  readSources(): string[];
  /** Forgets the cached access token (after a 401). */
  dropToken(): void;
  /** A short-lived access token (cached until a minute before it expires): also the bearer of
   * the coordinator's model escalation endpoint. */
  accessToken(): Promise<string>;
  /** The transport of its requests, for the other requests to the same servers (probe,
   * knowledge download); absent on fakes, which then use Node's fetch. */
  readonly fetch?: FetchLike;
}

const join = (base: string, path: string) => `${base.replace(/\/+$/, '')}${path}`;
const EARLY_RENEW_MS = 60_000;

export function createCoordinatorClient(o: CoordinatorClientOptions): CoordinatorClient {
  const timeoutMs = o.timeoutMs ?? 15_000;
  const now = o.now ?? (() => new Date());
  let cached: { token: string; renewAt: number } | null = null;

  async function accessToken(): Promise<string> {
    if (cached && now().getTime() < cached.renewAt) return cached.token;
    const url = join(o.coordinatorUrl, '/v1/token');
    const reply = await requestJson({
      method: 'POST',
      url,
      body: tokenProof(o.privateKey(), o.clinicId, now()),
      timeoutMs,
      fetch: o.fetch,
    });
    assertStatus(reply, url);
    const t = parseReply(TokenResponse, reply, url);
    cached = {
      token: t.accessToken,
      renewAt: now().getTime() + t.expiresIn * 1000 - EARLY_RENEW_MS,
    };
    return t.accessToken;
  }

  async function pushOnce(batchId: string, items: readonly PushItem[], signal?: AbortSignal) {
    const url = join(o.coordinatorUrl, '/v1/sync/push');
    return requestJson({
      method: 'POST',
      url,
      body: { batchId, items },
      gzip: true,
      headers: { authorization: `Bearer ${await accessToken()}` },
      timeoutMs,
      signal,
      fetch: o.fetch,
    });
  }

  const readSources = () => [...(o.edgeUrl ? [o.edgeUrl] : []), o.coordinatorUrl];

  /**
   * The edge serves its region's alerts to any clinic of its network and never sees the
   * clinic's access token (a cache is not trusted with credentials); the cloud needs it. So an
   * edge answers even while the cloud, which issues tokens, is unreachable.
   */
  async function pollOnce(
    base: string,
    region: string,
    cursor: string | null,
    etag: string | null,
  ): Promise<AlertsPoll> {
    const query = new URLSearchParams({ region, ...(cursor ? { cursor } : {}) });
    const url = join(base, `/v1/alerts?${query.toString()}`);
    const auth =
      base === o.coordinatorUrl ? { authorization: `Bearer ${await accessToken()}` } : {};
    const reply = await requestJson({
      method: 'GET',
      url,
      headers: { ...auth, ...(etag ? { 'if-none-match': etag } : {}) },
      timeoutMs,
      fetch: o.fetch,
    });
    if (reply.status === 304) return { notModified: true };
    assertStatus(reply, url);
    const body = parseReply(AlertsResponse, reply, url);
    return { notModified: false, body, etag: reply.headers.get('etag') };
  }

  return {
    async push(batchId, items, signal) {
      const url = join(o.coordinatorUrl, '/v1/sync/push');
      let reply = await pushOnce(batchId, items, signal);
      // A token revoked or expired early: one fresh token, one more try.
      if (reply.status === 401) {
        cached = null;
        reply = await pushOnce(batchId, items, signal);
      }
      assertStatus(reply, url);
      return parseReply(PushResponse, reply, url);
    },

    async alerts(region, cursor, etag) {
      let lastError: unknown;
      for (const base of readSources()) {
        try {
          return await pollOnce(base, region, cursor, etag);
        } catch (error) {
          lastError = error;
        }
      }
      throw lastError;
    },

    readSources,
    dropToken: () => {
      cached = null;
    },
    accessToken,
    ...(o.fetch ? { fetch: o.fetch } : {}),
  };
}
