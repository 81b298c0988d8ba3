/**
 * `kb publish` on the cloud side: signs a knowledge DB as the next release of a channel, with
 * deltas from the last few releases of that channel (unpacked from their stored bundles), and
 * stores it in the release repository. Unchanged content is not published again.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

import {
  buildRelease,
  contentHashOfFile,
  type PreviousRelease,
  type ReleaseSigningKey,
} from '../../knowledge/release/index.js';
import { openKnowledgeBase } from '../../knowledge/index.js';
import type { ReleaseManifest } from '../../protocol/v1.js';
import type { ReleaseRepository, ReleaseSummary } from './release-repository.js';

export interface PublishOptions {
  readonly dbPath: string;
  readonly key: ReleaseSigningKey;
  readonly channel: string;
  /** How many earlier releases of the channel get a delta to this one. */
  readonly deltaCount: number;
  readonly version?: string;
  readonly now?: Date;
}

export type PublishResult =
  { status: 'published'; manifest: ReleaseManifest } | { status: 'unchanged'; version: string };

export async function publishRelease(
  repository: ReleaseRepository,
  o: PublishOptions,
): Promise<PublishResult> {
  const recent = await repository.recent(o.channel, Math.max(1, o.deltaCount));
  const work = mkdtempSync(join(tmpdir(), 'medassist-publish-'));
  try {
    const previous = await unpack(repository, recent, work);
    const latest = previous[0];
    if (latest && isSameContent(latest.dbPath, o.dbPath))
      return { status: 'unchanged', version: latest.version };

    const release = buildRelease({
      dbPath: o.dbPath,
      channel: o.channel,
      key: o.key,
      previous: previous.slice(0, o.deltaCount),
      ...(o.version === undefined ? {} : { version: o.version }),
      ...(o.now === undefined ? {} : { now: o.now }),
    });
    await repository.publish(release);
    return { status: 'published', manifest: release.manifest };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Same records, or the same sources built again: `built_at` differs between two builds of
 * the same passages, and a new release for that alone would make every clinic download.
 */
function isSameContent(previousDb: string, dbPath: string): boolean {
  if (contentHashOfFile(previousDb) === contentHashOfFile(dbPath)) return true;
  const sourcesOf = (path: string) => {
    try {
      const kb = openKnowledgeBase(path);
      const hash = kb.meta().contentHash;
      kb.close();
      return hash;
    } catch {
      return path; // An older schema: never the same content as a new build.
    }
  };
  return sourcesOf(previousDb) === sourcesOf(dbPath);
}

async function unpack(
  repository: ReleaseRepository,
  releases: readonly ReleaseSummary[],
  dir: string,
): Promise<PreviousRelease[]> {
  const out: PreviousRelease[] = [];
  for (const [i, release] of releases.entries()) {
    const size = await repository.blobSize(release.bundleSha256);
    if (size === null) continue;
    const dbPath = join(dir, `previous-${i}.db`);
    writeFileSync(dbPath, gunzipSync(await repository.readBlob(release.bundleSha256, 0, size - 1)));
    out.push({ version: release.version, dbPath });
  }
  return out;
}
