/**
 * Makes a release from a knowledge DB: the full bundle (gzip of the DB file), a delta from
 * each earlier version given, and the signed manifest naming them all by SHA-256.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

import type { ReleaseManifest } from '../../protocol/v1.js';
import { MedAssistError } from '../../shared/errors.js';
import { contentHashOfFile } from './content-hash.js';
import { createDelta } from './delta.js';
import { signManifest, type ReleaseSigningKey, type SignedRelease } from './signing.js';

export interface PreviousRelease {
  readonly version: string;
  /** The earlier release's knowledge DB, unpacked from its bundle. */
  readonly dbPath: string;
}

export interface BuildReleaseOptions {
  readonly dbPath: string;
  readonly channel: string;
  readonly key: ReleaseSigningKey;
  readonly previous?: readonly PreviousRelease[];
  readonly version?: string;
  readonly now?: Date;
}

export interface BuiltRelease {
  readonly manifest: ReleaseManifest;
  readonly signed: SignedRelease;
  /** Every file the manifest names, by SHA-256 (hex). */
  readonly blobs: ReadonlyMap<string, Buffer>;
}

export const sha256Hex = (bytes: Buffer): string =>
  createHash('sha256').update(bytes).digest('hex');

/** `2026.12.04-1650-<first 8 of the content hash>`: sorts by time, names the content. */
export function defaultReleaseVersion(now: Date, contentHash: string): string {
  const iso = now.toISOString();
  const day = iso.slice(0, 10).replaceAll('-', '.');

  return `${day}-${iso.slice(11, 13)}${iso.slice(14, 16)}-${contentHash.slice(0, 8)}`;
}

export function buildRelease(options: BuildReleaseOptions): BuiltRelease {
  const now = options.now ?? new Date();
  const contentHash = contentHashOfFile(options.dbPath);
  const version = options.version ?? defaultReleaseVersion(now, contentHash);
  const blobs = new Map<string, Buffer>();
  const add = (bytes: Buffer) => {
    const sha256 = sha256Hex(bytes);
    blobs.set(sha256, bytes);
    return { sha256, size: bytes.length };
  };

  // Level 9: built once, downloaded by every clinic over slow links.
  const bundle = add(gzipSync(readFileSync(options.dbPath), { level: 9 }));
  const deltas = (options.previous ?? [])
    .filter((p) => contentHashOfFile(p.dbPath) !== contentHash)
    .flatMap((p) => {
      const delta = deltaOrNone(p, options.dbPath, version);
      return delta ? [{ ...add(delta), fromVersion: p.version }] : [];
    });
  const manifest: ReleaseManifest = {
    version,
    channel: options.channel,
    createdAt: now.toISOString(),
    contentHash,
    bundle: { ...bundle, encoding: 'gzip' },
    deltas,
  };

  return { manifest, signed: signManifest(manifest, options.key), blobs };
}

/** A clinic on an older schema gets the full bundle: no delta crosses a schema change. */
function deltaOrNone(previous: PreviousRelease, dbPath: string, version: string): Buffer | null {
  try {
    return createDelta(previous.dbPath, dbPath, {
      fromVersion: previous.version,
      toVersion: version,
    });
  } catch (error) {
    if (error instanceof MedAssistError && error.code === 'KB_DELTA_SCHEMA') return null;
    throw error;
  }
}
