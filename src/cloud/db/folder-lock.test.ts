import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { LOCK_FILE, lockFolder } from './folder-lock.js';
import { openPgliteDatabase } from './sql.js';

const root = mkdtempSync(join(tmpdir(), 'medassist-lock-'));
after(() => rmSync(root, { recursive: true, force: true }));

void test('a folder held by a live process is refused, naming the folder and the pid', () => {
  const dir = mkdtempSync(join(root, 'held-'));
  const release = lockFolder(dir);
  assert.throws(() => lockFolder(dir), {
    code: 'DATABASE_BUSY',
    message: new RegExp(`\\[${dir}\\] is open in another process \\(pid ${process.pid}\\)`),
  });
  release();
  assert.equal(existsSync(join(dir, LOCK_FILE)), false);
  lockFolder(dir)();
});

void test('the lock of a process that is gone (kill -9, a crash) is taken over', () => {
  const dir = mkdtempSync(join(root, 'stale-'));
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  writeFileSync(join(dir, LOCK_FILE), gone.stdout.toString());
  const release = lockFolder(dir);
  release();
});

void test('an embedded database opens in a folder that does not exist yet, and only once at a time', async () => {
  const dir = join(root, 'new', 'cloud-data');
  const db = await openPgliteDatabase(dir);
  await assert.rejects(openPgliteDatabase(dir), { code: 'DATABASE_BUSY' });
  assert.deepEqual((await db.query('SELECT 1 AS one')).rows, [{ one: 1 }]);
  await db.close();
  const again = await openPgliteDatabase(dir);
  await again.close();
});
