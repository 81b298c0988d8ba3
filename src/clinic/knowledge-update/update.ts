/**
 * Knowledge updates on the clinic (contracts.md): ask each source in order (the edge, then
 * the cloud) for the latest release of the channel, verify its signature, fetch the delta from
 * the installed version when the manifest has one (else the full bundle), verify its hash,
 * and swap it in. Any failure leaves the installed version active and moves on to the next
 * source; a cut download is resumed from its partial file.
 */
import { join } from 'node:path';

import { MedAssistError } from '../../shared/errors.js';
import { contentHashOfFile } from '../../knowledge/release/index.js';
import type { OpenClinic } from '../clinic.js';
import { readConfig, writeConfig } from '../config.js';
import { sha256File } from '../knowledge-install.js';
import { knowledgeDbPath } from '../paths.js';
import { downloadBlob, type BlobRef } from './download.js';
import { stageBundle, stageDelta, swapIn } from './install-release.js';
import { blobUrl, fetchLatestManifest, withTimeout } from './release-client.js';
import type { FetchLike } from '../../shared/tls/transport.js';

export interface UpdateKnowledgeOptions {
  /** Base URLs, edge first, then cloud. */
  readonly sources: readonly string[];
  /** Trusted release keys: key id -> Ed25519 SPKI DER, base64url. */
  readonly releaseKeys: Readonly<Record<string, string>>;
  readonly channel?: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: { done: number; total: number }) => void;
  /** Per JSON request (default 10 s); a blob download gets `blobTimeoutMs` (default 10 min). */
  readonly timeoutMs?: number;
  readonly blobTimeoutMs?: number;
  /** Tries per source of a blob download that is cut (each resumes the last); default 3. */
  readonly attemptsPerSource?: number;
  /** The clinic's transport (shared/tls/transport.ts) for every request; Node's fetch when absent. */
  readonly fetch?: FetchLike;
  readonly log?: {
    info(f: Record<string, unknown>, m: string): void;
    warn(f: Record<string, unknown>, m: string): void;
  };
}

export type UpdateKnowledgeResult =
  | { status: 'current'; version: string; source: string }
  | {
      status: 'updated';
      version: string;
      previous: string | null;
      via: 'delta' | 'bundle';
      bytes: number;
      source: string;
    };

export interface SourceFailure {
  readonly source: string;
  readonly code: string;
  readonly message: string;
}

// One update at a time per clinic folder: a manual and a scheduled sync share the same run.
const running = new Map<string, Promise<UpdateKnowledgeResult>>();

/** Throws `KB_UPDATE_FAILED` (details.failures per source) when no source gave a release. */
export function updateKnowledge(
  clinic: OpenClinic,
  o: UpdateKnowledgeOptions,
): Promise<UpdateKnowledgeResult> {
  const pending = running.get(clinic.home);
  if (pending) return pending;
  const run = tryEachSource(clinic, o).finally(() => running.delete(clinic.home));
  running.set(clinic.home, run);
  return run;
}

async function tryEachSource(clinic: OpenClinic, o: UpdateKnowledgeOptions) {
  const failures: SourceFailure[] = [];
  let last: unknown;
  for (const source of o.sources) {
    try {
      return await updateFrom(clinic, source, o);
    } catch (error) {
      if (o.signal?.aborted) throw error;
      last = error;
      const code = error instanceof MedAssistError ? error.code : 'KB_SOURCE_UNREACHABLE';
      failures.push({
        source,
        code,
        message: error instanceof Error ? error.message : String(error),
      });
      o.log?.warn({ source, code }, 'knowledge source failed');
    }
  }
  throw new MedAssistError(
    'KB_UPDATE_FAILED',
    `no knowledge update from [${o.sources.join(', ')}]: ${failures.map((f) => f.code).join(', ') || 'no sources'}; the installed version stays active`,
    { details: { failures }, cause: last },
  );
}

async function updateFrom(
  clinic: OpenClinic,
  source: string,
  o: UpdateKnowledgeOptions,
): Promise<UpdateKnowledgeResult> {
  const manifest = await fetchLatestManifest(source, o.channel ?? 'stable', o);
  const previous = clinic.config.knowledge?.version ?? null;
  if (previous === manifest.version) return { status: 'current', version: previous, source };
  if (contentHashOfFile(knowledgeDbPath(clinic.home)) === manifest.contentHash) {
    // Same records under a new name (e.g. the bundled KB was published): record the name only.
    const knowledge = {
      sha256: sha256File(knowledgeDbPath(clinic.home)),
      version: manifest.version,
    };
    writeConfig(clinic.home, { ...readConfig(clinic.home), knowledge });
    clinic.config.knowledge = knowledge;
    return { status: 'current', version: manifest.version, source };
  }

  const delta = manifest.deltas.find((d) => d.fromVersion === previous);
  if (delta) {
    try {
      const bytes = await fetchBlob(clinic, source, delta, o);
      swapIn(clinic, stageDelta(clinic, bytes), manifest);
      return {
        status: 'updated',
        version: manifest.version,
        previous,
        via: 'delta',
        bytes: delta.size,
        source,
      };
    } catch (error) {
      // The installed DB is not the delta's base (edited, or its version name is stale):
      // the full bundle still brings the release.
      if (!(error instanceof MedAssistError && error.code === 'KB_DELTA_BASE_MISMATCH'))
        throw error;
      o.log?.warn(
        { source, version: manifest.version },
        'knowledge delta base mismatch, taking the bundle',
      );
    }
  }
  const bytes = await fetchBlob(clinic, source, manifest.bundle, o);
  swapIn(clinic, stageBundle(clinic, bytes), manifest);
  o.log?.info(
    { source, version: manifest.version, bytes: manifest.bundle.size },
    'knowledge updated',
  );

  return {
    status: 'updated',
    version: manifest.version,
    previous,
    via: 'bundle',
    bytes: manifest.bundle.size,
    source,
  };
}

/** Downloads a blob, resuming a cut transfer from the same source a few times. */
async function fetchBlob(
  clinic: OpenClinic,
  source: string,
  blob: BlobRef,
  o: UpdateKnowledgeOptions,
) {
  const dir = join(clinic.home, 'knowledge-downloads');
  const attempts = o.attemptsPerSource ?? 3;
  for (let attempt = 1; ; attempt++) {
    try {
      return await downloadBlob(blobUrl(source, blob.sha256), blob, {
        dir,
        // A stalled transfer ends at the deadline; the next try resumes from what arrived.
        signal: withTimeout(o.signal, o.blobTimeoutMs ?? 10 * 60_000),
        onProgress: (done, total) => o.onProgress?.({ done, total }),
        ...(o.fetch ? { fetch: o.fetch } : {}),
      });
    } catch (error) {
      const cut = !(error instanceof MedAssistError) && !o.signal?.aborted;
      if (!cut || attempt >= attempts) throw error;
      o.log?.warn({ source, attempt }, 'knowledge download cut, resuming');
    }
  }
}
