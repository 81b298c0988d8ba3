/**
 * Reads a release source (an edge or the cloud): the latest pointer of a channel and the
 * signed manifest it names, verified against the configured release keys.
 */
import { ReleasePointer, type ReleaseManifest } from '../../protocol/v1.js';
import { verifySignedManifest } from '../../knowledge/release/index.js';
import { MedAssistError } from '../../shared/errors.js';
import { globalFetch, type FetchLike } from '../../shared/tls/transport.js';

export interface SourceOptions {
  readonly releaseKeys: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  /** Per request; a source that does not answer in time is skipped for the next. */
  readonly timeoutMs?: number;
  /** The clinic's transport (private CA, client certificate); Node's fetch when absent. */
  readonly fetch?: FetchLike;
}

/** Small JSON answers: a live source replies in well under this even on a slow link. */
export const DEFAULT_JSON_TIMEOUT_MS = 10_000;

/** The caller's signal, and a deadline of its own. */
export function withTimeout(signal: AbortSignal | undefined, ms: number): AbortSignal {
  const deadline = AbortSignal.timeout(ms);
  return signal ? AbortSignal.any([signal, deadline]) : deadline;
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

export const blobUrl = (source: string, sha256: string) =>
  `${trimSlash(source)}/v1/blobs/${sha256}`;

async function getJson(
  url: string,
  signal: AbortSignal,
  fetchFn: FetchLike = globalFetch,
): Promise<unknown> {
  const res = await fetchFn(url, {
    headers: { accept: 'application/json' },
    signal,
  });
  if (res.status !== 200) {
    await res.body?.cancel();
    throw new MedAssistError('KB_SOURCE_FAILED', `release source answered [${res.status}]`, {
      details: { url, status: res.status },
    });
  }
  return res.json();
}

/** The newest release of `channel` at `source`, its manifest verified. */
export async function fetchLatestManifest(
  source: string,
  channel: string,
  o: SourceOptions,
): Promise<ReleaseManifest> {
  const base = trimSlash(source);
  const signal = () => withTimeout(o.signal, o.timeoutMs ?? DEFAULT_JSON_TIMEOUT_MS);
  const pointer = ReleasePointer.safeParse(
    await getJson(
      `${base}/v1/releases/latest?channel=${encodeURIComponent(channel)}`,
      signal(),
      o.fetch,
    ),
  );
  if (!pointer.success)
    throw new MedAssistError('KB_SOURCE_FAILED', 'latest pointer is not valid', {
      details: { source },
    });

  const signed = await getJson(
    `${base}/v1/releases/${encodeURIComponent(pointer.data.version)}`,
    signal(),
    o.fetch,
  );
  const manifest = verifySignedManifest(signed, o.releaseKeys);
  // A signed manifest of another version or channel is a replay, not the release asked for.
  if (manifest.version !== pointer.data.version || manifest.channel !== channel)
    throw new MedAssistError(
      'KB_MANIFEST_MISMATCH',
      `manifest is [${manifest.version}] in [${manifest.channel}], the pointer said [${pointer.data.version}] in [${channel}]`,
    );

  return manifest;
}
