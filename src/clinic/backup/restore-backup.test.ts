import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createBackup, type BackupResult } from './create-backup.js';
import { recoverInterruptedRestore } from './recover.js';
import { restoreBackup, type RestoreStep } from './restore-backup.js';
import { INTENT_FILE, STAGING_DIR } from './swap-plan.js';
import {
  addRowsInWal,
  copyFolder,
  ids,
  makeClinic,
  PASSPHRASE,
  readClinic,
  tempDir,
  TEST_KDF,
} from './test-helpers/clinic-fixture.js';

const root = tempDir('backup-restore');
after(() => rmSync(root, { recursive: true, force: true }));
const dataKey = randomBytes(32);
const source = join(root, 'source');
const oldClinic = join(root, 'old-template');
let backup: BackupResult;

// The backup holds rows b-*; the clinic it lands on holds those, later rows w-* in its WAL, and
// its own config, knowledge and keyring: an older backup restored over the same clinic.
before(async () => {
  makeClinic(source, { dataKey, rows: ids('b', 10), generation: 'backup' });
  backup = await createBackup({
    homeDir: source,
    dataKey,
    passphrase: PASSPHRASE,
    toDir: root,
    kdf: TEST_KDF,
  });
  makeClinic(oldClinic, { dataKey, rows: ids('b', 10), generation: 'old' });
  addRowsInWal(oldClinic, dataKey, ids('w', 5));
});

function freshCopyOfOld(name: string): string {
  const home = join(root, name);
  copyFolder(oldClinic, home);
  return home;
}

/** Every file's bytes, to prove a refused restore changed nothing at all. */
function snapshotFiles(home: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(home).sort())
    files[name] = readFileSync(join(home, name)).toString('base64');
  return files;
}

test('the old clinic fixture really keeps rows in its WAL', () => {
  assert.equal(existsSync(join(oldClinic, 'clinic.db-wal')), true);
  const probe = freshCopyOfOld('probe');
  assert.deepEqual(readClinic(probe, dataKey).rows, [...ids('b', 10), ...ids('w', 5)]);
});

test('restoring over a clinic replaces every file and never replays the old WAL', async () => {
  const home = freshCopyOfOld('over');
  await restoreBackup(backup.file, { homeDir: home, passphrase: PASSPHRASE });
  const view = readClinic(home, dataKey);

  assert.deepEqual(view, {
    rows: ids('b', 10),
    integrity: 'ok',
    generation: 'backup',
    knowledge: 'MARKER-KB-backup',
    keyring: 'keyring-backup',
  });
  assert.equal(existsSync(join(home, STAGING_DIR)), false);
  assert.equal(existsSync(join(home, INTENT_FILE)), false);
});

test('a tampered backup or a wrong passphrase leaves the clinic byte for byte as it was', async () => {
  const tamperedFile = join(root, 'tampered.mab');
  const bytes = readFileSync(backup.file);
  bytes[bytes.length - 20] = (bytes[bytes.length - 20] ?? 0) ^ 0x80;
  writeFileSync(tamperedFile, bytes);
  const home = freshCopyOfOld('refused');
  const before = snapshotFiles(home);

  await assert.rejects(restoreBackup(tamperedFile, { homeDir: home, passphrase: PASSPHRASE }), {
    code: 'BACKUP_TAMPERED',
  });
  await assert.rejects(restoreBackup(backup.file, { homeDir: home, passphrase: 'not it' }), {
    code: 'BACKUP_PASSPHRASE_WRONG',
  });
  await assert.rejects(
    restoreBackup(join(root, 'tampered.mab').slice(0, -4), {
      homeDir: home,
      passphrase: PASSPHRASE,
    }),
    /FILE: no backup file/,
  );
  assert.deepEqual(snapshotFiles(home), before);
  assert.deepEqual(readClinic(home, dataKey).rows, [...ids('b', 10), ...ids('w', 5)]);
});

test('a backup without knowledge.db removes the old one, so no file of the old clinic survives', async () => {
  const partial = join(root, 'partial-source');
  makeClinic(partial, { dataKey, rows: ids('p', 2), generation: 'partial' });
  rmSync(join(partial, 'knowledge.db'));
  const file = (
    await createBackup({
      homeDir: partial,
      dataKey,
      passphrase: PASSPHRASE,
      toDir: root,
      kdf: TEST_KDF,
    })
  ).file;
  const home = freshCopyOfOld('partial');
  await restoreBackup(file, { homeDir: home, passphrase: PASSPHRASE });

  assert.equal(existsSync(join(home, 'knowledge.db')), false);
  assert.deepEqual(readClinic(home, dataKey).rows, ids('p', 2));
});

test('a restore stopped before its intent file is rolled back at the next start', async () => {
  const home = freshCopyOfOld('rollback');
  await assert.rejects(
    restoreBackup(backup.file, {
      homeDir: home,
      passphrase: PASSPHRASE,
      afterStep: stopAt('staged'),
    }),
    /stopped at staged/,
  );
  // restoreBackup cleans its own staging when it fails; a crash would not, so stage it again.
  mkdirSync(join(home, STAGING_DIR));
  writeFileSync(join(home, STAGING_DIR, 'clinic.db'), 'half');

  assert.equal(await recoverInterruptedRestore(home), 'rolled-back');
  assert.deepEqual(readClinic(home, dataKey).rows, [...ids('b', 10), ...ids('w', 5)]);
  assert.equal(existsSync(join(home, STAGING_DIR)), false);
});

test('a restore stopped after its intent file is rolled forward at the next start', async () => {
  const home = freshCopyOfOld('forward');
  await assert.rejects(
    restoreBackup(backup.file, {
      homeDir: home,
      passphrase: PASSPHRASE,
      afterStep: stopAt('swapped:clinic.db'),
    }),
  );

  assert.equal(existsSync(join(home, INTENT_FILE)), true);
  assert.equal(await recoverInterruptedRestore(home), 'rolled-forward');
  assert.equal(readClinic(home, dataKey).generation, 'backup');
  assert.deepEqual(readClinic(home, dataKey).rows, ids('b', 10));
  assert.equal(await recoverInterruptedRestore(home), 'none');
});

test('a staged file damaged after the intent was written stops recovery with a clear error', async () => {
  const home = freshCopyOfOld('damaged');
  await assert.rejects(
    restoreBackup(backup.file, {
      homeDir: home,
      passphrase: PASSPHRASE,
      afterStep: stopAt('intent-written'),
    }),
  );
  writeFileSync(join(home, STAGING_DIR, 'config.json'), '{"generation":"forged"}');

  await assert.rejects(recoverInterruptedRestore(home), {
    code: 'RESTORE_RECOVERY_FAILED',
    message: /\[config\.json\]/,
  });
});

test('a new restore first finishes an interrupted one', async () => {
  const home = freshCopyOfOld('again');
  await assert.rejects(
    restoreBackup(backup.file, {
      homeDir: home,
      passphrase: PASSPHRASE,
      afterStep: stopAt('removed:clinic.db-wal'),
    }),
  );
  await restoreBackup(backup.file, { homeDir: home, passphrase: PASSPHRASE });

  assert.deepEqual(readClinic(home, dataKey).rows, ids('b', 10));
});

function stopAt(target: RestoreStep) {
  return (step: RestoreStep) => {
    if (step === target) throw new Error(`stopped at ${step}`);
  };
}
