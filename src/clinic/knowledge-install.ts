/**
 * The clinic's knowledge database: installed from the bundle, checked at every start, replaced
 * atomically from the last good copy (or the bundle shipped with the install) when corrupted.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { join } from 'node:path';
import { openKnowledgeBase } from '../knowledge/index.js';
import { knowledgeDbPath } from './paths.js';

export const lastGoodPath = (home: string) => join(home, 'knowledge.last-good.db');

/** SHA-256 of a file, read in 1 MiB pieces: a 2 GB model file never sits in memory whole. */
export function sha256File(path: string): string {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(1024 * 1024);
  const fd = openSync(path, 'r');
  try {
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer))
      hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** True when the file opens as a knowledge DB and passes SQLite's quick check. */
export function isHealthyKnowledgeDb(path: string): boolean {
  if (!existsSync(path)) return false;
  try {
    const kb = openKnowledgeBase(path);
    try {
      kb.meta();
      kb.search('fever', { limit: 1 });
    } finally {
      kb.close();
    }
    return true;
  } catch {
    return false;
  }
}

function copyAtomic(from: string, to: string): void {
  const tmp = `${to}.${process.pid}.tmp`;
  copyFileSync(from, tmp);
  renameSync(tmp, to);
}

/** Installs a knowledge DB into the clinic and keeps it as the last good copy. */
export function installKnowledge(home: string, source: string): { sha256: string } {
  if (!isHealthyKnowledgeDb(source)) throw new Error(`knowledge database is not valid [${source}]`);
  copyAtomic(source, knowledgeDbPath(home));
  copyAtomic(source, lastGoodPath(home));
  return { sha256: sha256File(knowledgeDbPath(home)) };
}

export type KnowledgeCheck =
  | { status: 'ok'; sha256: string }
  | { status: 'repaired'; from: 'last-good' | 'bundle'; sha256: string }
  | { status: 'failed'; reason: string };

/** Checks the installed knowledge DB and repairs it when it is damaged or missing. */
export function ensureKnowledge(
  home: string,
  bundled: string,
  expectedSha256?: string,
): KnowledgeCheck {
  const path = knowledgeDbPath(home);
  const healthy = isHealthyKnowledgeDb(path);
  const sha = healthy ? sha256File(path) : '';
  if (healthy && (expectedSha256 === undefined || sha === expectedSha256))
    return { status: 'ok', sha256: sha };
  for (const [from, source] of [
    ['last-good', lastGoodPath(home)],
    ['bundle', bundled],
  ] as const) {
    if (!isHealthyKnowledgeDb(source)) continue;
    rmSync(`${path}-wal`, { force: true });
    rmSync(`${path}-shm`, { force: true });
    copyAtomic(source, path);
    if (from === 'bundle') copyAtomic(source, lastGoodPath(home));
    return { status: 'repaired', from, sha256: sha256File(path) };
  }
  return {
    status: 'failed',
    reason: 'no healthy knowledge database: neither the last good copy nor the bundle',
  };
}
