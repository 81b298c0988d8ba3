/**
 * A consistent copy of each clinic file in a private work folder, ready to be packed.
 *
 * clinic.db may be in use by the running clinic node. `VACUUM INTO` reads one WAL snapshot
 * inside a single read transaction, so the copy holds every committed row up to that moment
 * and no half transaction, with no checkpoint needed; SQLite3 Multiple Ciphers writes the copy
 * under the same cipher and key. We check both: the copy must not start with the plain SQLite
 * magic, and it must open with the data key and pass `quick_check`.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, open } from 'node:fs/promises';
import { join } from 'node:path';
import { backupError } from './errors.js';
import { fsyncFile, exists } from './fs-safe.js';
import { MEMBER_NAMES, type BackupMember } from './manifest.js';
import { openEncryptedDb, PLAIN_SQLITE_MAGIC } from './sqlcipher.js';

export interface SnapshotMember extends BackupMember {
  path: string;
}

/** Copies every member present in `homeDir` into `workDir`; clinic.db must be there. */
export async function snapshotClinic(
  homeDir: string,
  dataKey: Buffer,
  workDir: string,
): Promise<SnapshotMember[]> {
  const members: SnapshotMember[] = [];
  for (const name of MEMBER_NAMES) {
    const source = join(homeDir, name);
    if (!(await exists(source))) {
      if (name === 'clinic.db')
        throw backupError('BACKUP_SOURCE_INVALID', `no clinic database in [${homeDir}]`);
      continue;
    }
    const path = join(workDir, name);
    if (name === 'clinic.db') snapshotDatabase(source, dataKey, path);
    else await copyFile(source, path);
    await fsyncFile(path);
    members.push({ name, path, ...(await describe(path)) });
  }
  await assertEncrypted(join(workDir, 'clinic.db'), dataKey);

  return members;
}

function snapshotDatabase(source: string, dataKey: Buffer, target: string): void {
  let db;
  try {
    db = openEncryptedDb(source, dataKey);
    db.prepare('VACUUM INTO ?').run(target);
  } catch (cause) {
    throw backupError(
      'BACKUP_SOURCE_INVALID',
      `cannot snapshot the clinic database [${source}]; is the data key right?`,
      {},
      cause,
    );
  } finally {
    db?.close();
  }
}

async function assertEncrypted(path: string, dataKey: Buffer): Promise<void> {
  const head = Buffer.alloc(PLAIN_SQLITE_MAGIC.length);
  const handle = await open(path, 'r');
  await handle.read(head, 0, head.length, 0).finally(() => handle.close());
  if (head.equals(PLAIN_SQLITE_MAGIC))
    throw backupError('BACKUP_SOURCE_INVALID', 'the clinic database snapshot is not encrypted');
  const db = openEncryptedDb(path, dataKey);
  try {
    const result = db.pragma('quick_check', { simple: true });
    if (result !== 'ok')
      throw backupError(
        'BACKUP_SOURCE_INVALID',
        `the snapshot fails quick_check [${String(result)}]`,
      );
  } finally {
    db.close();
  }
}

async function describe(path: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const piece of createReadStream(path)) {
    hash.update(piece as Buffer);
    size += (piece as Buffer).length;
  }

  return { size, sha256: hash.digest('hex') };
}
