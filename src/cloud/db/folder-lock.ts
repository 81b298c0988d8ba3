/**
 * One process at a time on an embedded PGlite folder: PGlite keeps its database in memory
 * and writes it back to the folder, so a second process (an operator command while
 * `cloud serve` runs) would neither see the server's writes nor be seen by it, and the last to
 * write would win. The lock is a file holding the owner's pid, taken with O_EXCL; a lock whose
 * process is gone (kill -9, a crash) is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CloudError } from '../errors.js';

export const LOCK_FILE = 'medassist.pid';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but is another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryCreate(path: string): boolean {
  try {
    const fd = openSync(path, 'wx', 0o600);
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Takes the folder's lock; returns its release. Throws DATABASE_BUSY while another holds it. */
export function lockFolder(dir: string): () => void {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    if (tryCreate(path)) return () => rmSync(path, { force: true });
    const owner = Number(readFileSync(path, 'utf8').trim());
    if (Number.isInteger(owner) && owner > 0 && alive(owner))
      throw new CloudError(
        'DATABASE_BUSY',
        `the embedded database [${dir}] is open in another process (pid ${owner}): ` +
          'stop it first (an embedded database serves one process at a time)',
      );
    rmSync(path, { force: true });
  }
  throw new CloudError('DATABASE_BUSY', `cannot take the lock of [${dir}]`);
}
