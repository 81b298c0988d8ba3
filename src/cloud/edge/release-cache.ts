/**
 * Releases at the edge. Manifests and blobs are immutable: fetched once from upstream, checked
 * (a blob by its hash, a manifest by its shape and version, and by signature when the edge is
 * given release keys), then kept forever. The latest pointer is kept for a short TTL, then
 * revalidated upstream with its ETag; when the upstream is unreachable the cached pointer is
 * served anyway (stale-if-error, RFC 5861), so clinics keep receiving the cached release.
 */
import { ReleaseManifest, ReleasePointer, SignedManifest } from '../../protocol/v1.js';
import { verifySignedManifest } from '../../knowledge/release/index.js';
import { MedAssistError } from '../../shared/errors.js';
import type { DiskCache } from './disk-cache.js';
import { downloadVerified, upstreamGet, type Upstream } from './upstream.js';

export interface ReleaseCacheOptions {
  readonly cache: DiskCache;
  readonly upstream: Upstream;
  readonly latestTtlMs: number;
  /** When given, manifests not signed by one of these keys are not cached or served. */
  readonly releaseKeys?: Readonly<Record<string, string>>;
  readonly now?: () => number;
}

interface CachedPointer {
  body: string;
  upstreamEtag: string | null;
  fetchedAt: number;
}

export interface ReleaseCache {
  /** The pointer body, `stale` when the upstream could not confirm it; null: no release. */
  latest(channel: string): Promise<{ body: string; stale: boolean } | null>;
  manifest(version: string): Promise<string | null>;
  /** Size of the cached blob, fetched first when missing; null: upstream has no such blob. */
  blob(sha256: string): Promise<number | null>;
  /** Fetches the latest release of `channel` with every blob it names, ready for offline. */
  prefetch(channel: string): Promise<string | null>;
}

// Our own errors say why (an untrusted certificate, a refused client certificate); the edge
// holds no patient data, so their messages can be passed on to the operator.
const unreachable = (what: string, cause: unknown) =>
  new MedAssistError(
    'EDGE_UPSTREAM_UNREACHABLE',
    `upstream unreachable and nothing cached: ${what}` +
      (cause instanceof MedAssistError ? ` (${cause.message})` : ''),
    { cause },
  );

export function createReleaseCache(o: ReleaseCacheOptions): ReleaseCache {
  const now = o.now ?? Date.now;
  const inFlight = new Map<string, Promise<unknown>>();
  // Concurrent misses for the same thing share one upstream request.
  const once = <T>(key: string, run: () => Promise<T>): Promise<T> => {
    const pending = inFlight.get(key) as Promise<T> | undefined;
    if (pending) return pending;
    const started = run().finally(() => inFlight.delete(key));
    inFlight.set(key, started);
    return started;
  };

  async function revalidate(channel: string, cached: CachedPointer | null) {
    const headers: Record<string, string> = cached?.upstreamEtag
      ? { 'if-none-match': cached.upstreamEtag }
      : {};
    const res = await upstreamGet(
      o.upstream,
      `/v1/releases/latest?channel=${encodeURIComponent(channel)}`,
      headers,
    );
    if (res.status === 304 && cached) return { ...cached, fetchedAt: now() };
    if (res.status === 404) return null;
    if (res.status !== 200)
      throw new MedAssistError('EDGE_UPSTREAM_FAILED', `upstream latest answered [${res.status}]`);
    const body = await res.text();
    const pointer = ReleasePointer.parse(JSON.parse(body));
    return {
      body: JSON.stringify(pointer),
      upstreamEtag: res.headers.get('etag'),
      fetchedAt: now(),
    };
  }

  const cache: ReleaseCache = {
    latest: (channel) =>
      once(`latest:${channel}`, async () => {
        const name = `latest:${channel}`;
        const cached = o.cache.readState<CachedPointer>(name);
        if (cached && now() - cached.fetchedAt < o.latestTtlMs)
          return { body: cached.body, stale: false };
        try {
          const fresh = await revalidate(channel, cached);
          if (fresh === null) return null;
          o.cache.writeState(name, fresh);
          return { body: fresh.body, stale: false };
        } catch (error) {
          if (cached) return { body: cached.body, stale: true };
          throw unreachable(`latest of [${channel}]`, error);
        }
      }),
    manifest: (version) =>
      once(`manifest:${version}`, async () => {
        const cached = o.cache.readManifest(version);
        if (cached !== null) return cached;
        const res = await upstreamGet(
          o.upstream,
          `/v1/releases/${encodeURIComponent(version)}`,
        ).catch((e: unknown) => {
          throw unreachable(`release [${version}]`, e);
        });
        if (res.status === 404) return null;
        if (res.status !== 200)
          throw new MedAssistError(
            'EDGE_UPSTREAM_FAILED',
            `upstream release answered [${res.status}]`,
          );
        const body = JSON.stringify(checkManifest(await res.json(), version, o.releaseKeys));
        o.cache.writeManifest(version, body);
        return body;
      }),
    blob: (sha256) =>
      once(`blob:${sha256}`, async () => {
        const size = o.cache.blobSize(sha256);
        if (size !== null) return size;
        const temp = o.cache.tempPath();
        try {
          await downloadVerified(o.upstream, sha256, temp);
        } catch (error) {
          if (error instanceof MedAssistError && error.details['status'] === 404) return null;
          if (error instanceof MedAssistError) throw error;
          throw unreachable(`blob [${sha256}]`, error);
        }
        o.cache.commitBlob(temp, sha256);
        return o.cache.blobSize(sha256);
      }),
    async prefetch(channel) {
      const latest = await cache.latest(channel);
      if (latest === null) return null;
      const { version } = ReleasePointer.parse(JSON.parse(latest.body));
      const body = await cache.manifest(version);
      if (body === null) return null;
      const manifest = ReleaseManifest.parse(
        JSON.parse(SignedManifest.parse(JSON.parse(body)).manifest),
      );
      for (const file of [manifest.bundle, ...manifest.deltas]) await cache.blob(file.sha256);
      return version;
    },
  };

  return cache;
}

function checkManifest(
  json: unknown,
  version: string,
  keys: Readonly<Record<string, string>> | undefined,
) {
  const signed = SignedManifest.parse(json);
  const manifest = keys
    ? verifySignedManifest(signed, keys)
    : ReleaseManifest.parse(JSON.parse(signed.manifest));
  if (manifest.version !== version)
    throw new MedAssistError(
      'KB_MANIFEST_MISMATCH',
      `upstream sent release [${manifest.version}] for [${version}]`,
    );
  return signed;
}
