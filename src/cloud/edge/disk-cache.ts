/**
 * The edge's disk cache under its data folder: blobs by SHA-256 (verified before they are
 * kept), signed manifests by version (immutable, kept forever), and small JSON state files
 * (latest pointers, alerts). Every write goes to a temp file renamed into place, so a crash
 * leaves the old file or the new one.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';

export interface DiskCache {
  readonly dir: string;
  blobPath(sha256: string): string;
  blobSize(sha256: string): number | null;
  readBlob(sha256: string, start: number, end: number): Promise<Buffer>;
  /** A temp path beside the blobs, to download into before `commitBlob`. */
  tempPath(): string;
  commitBlob(tempPath: string, sha256: string): void;
  readManifest(version: string): string | null;
  writeManifest(version: string, body: string): void;
  readState<T>(name: string): T | null;
  writeState(name: string, value: unknown): void;
}

// Versions and channels are names chosen upstream: encode them so none becomes a path.
const fileName = (name: string) => `${Buffer.from(name).toString('base64url')}.json`;

export function createDiskCache(dir: string): DiskCache {
  const sub = (name: string) => {
    const path = join(dir, name);
    mkdirSync(path, { recursive: true });
    return path;
  };
  const blobs = sub('blobs');
  const manifests = sub('manifests');
  const state = sub('state');
  const tmp = sub('tmp');
  const writeAtomic = (path: string, data: string) => {
    const temp = join(tmp, randomBytes(8).toString('hex'));
    writeFileSync(temp, data);
    renameSync(temp, path);
  };

  return {
    dir,
    blobPath: (sha256) => join(blobs, sha256),
    blobSize: (sha256) => {
      const path = join(blobs, sha256);
      return existsSync(path) ? statSync(path).size : null;
    },
    async readBlob(sha256, start, end) {
      const handle = await open(join(blobs, sha256), 'r');
      try {
        const buffer = Buffer.alloc(end - start + 1);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
    tempPath: () => join(tmp, randomBytes(8).toString('hex')),
    commitBlob: (tempPath, sha256) => renameSync(tempPath, join(blobs, sha256)),
    readManifest(version) {
      const path = join(manifests, fileName(version));
      return existsSync(path) ? readFileSync(path, 'utf8') : null;
    },
    writeManifest: (version, body) => writeAtomic(join(manifests, fileName(version)), body),
    readState<T>(name: string) {
      const path = join(state, fileName(name));
      return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : null;
    },
    writeState: (name, value) => writeAtomic(join(state, fileName(name)), JSON.stringify(value)),
  };
}
