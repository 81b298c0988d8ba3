import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import { backupFileName, createBackup } from './create-backup.js';
import { sha256File } from './fs-safe.js';
import type { BackupProgress } from './progress.js';
import { restoreBackup } from './restore-backup.js';
import { openEncryptedDb, PLAIN_SQLITE_MAGIC } from './sqlcipher.js';
import {
  ids,
  insertRows,
  makeClinic,
  PASSPHRASE,
  readClinic,
  tempDir,
  TEST_KDF,
} from './test-helpers/clinic-fixture.js';
import { verifyBackup } from './verify-backup.js';

const root = tempDir('backup-create');
after(() => rmSync(root, { recursive: true, force: true }));
const dataKey = randomBytes(32);

test('a backup restored into a fresh folder holds the same rows, files and hashes', async () => {
  const home = join(root, 'rt-home');
  const usb = join(root, 'rt-usb');
  makeClinic(home, { dataKey, rows: ids('rt', 40), generation: 'rt', padding: 200 });
  mkdirSync(usb);
  // The default scrypt cost, once, so the real parameters are exercised end to end.
  const result = await createBackup({ homeDir: home, dataKey, passphrase: PASSPHRASE, toDir: usb });
  const fresh = join(root, 'rt-fresh');
  await restoreBackup(result.file, { homeDir: fresh, passphrase: PASSPHRASE });

  assert.deepEqual(readClinic(fresh, dataKey), readClinic(home, dataKey));
  assert.deepEqual(readClinic(fresh, dataKey).rows, ids('rt', 40));
  for (const member of result.members)
    assert.equal(await sha256File(join(fresh, member.name)), member.sha256, member.name);
  for (const name of ['knowledge.db', 'config.json', 'keyring.json'])
    assert.equal(await sha256File(join(fresh, name)), await sha256File(join(home, name)), name);
  assert.equal(result.sha256, await sha256File(result.file));
  assert.deepEqual(readdirSync(usb), [result.file.slice(usb.length + 1)]);
});

test('the restored clinic.db is encrypted at rest: it opens with the data key only', async () => {
  const home = join(root, 'enc-home');
  makeClinic(home, { dataKey, rows: ids('enc', 3), generation: 'enc' });
  const result = await createBackup({
    homeDir: home,
    dataKey,
    passphrase: PASSPHRASE,
    toDir: root,
    kdf: TEST_KDF,
  });
  const fresh = join(root, 'enc-fresh');
  await restoreBackup(result.file, { homeDir: fresh, passphrase: PASSPHRASE });
  const path = join(fresh, 'clinic.db');

  assert.notDeepEqual(readFileSync(path).subarray(0, 16), PLAIN_SQLITE_MAGIC);
  assert.throws(
    () => new Database(path).prepare('SELECT count(*) FROM encounters').get(),
    /not a database/,
  );
  assert.throws(() => openEncryptedDb(path, randomBytes(32)), /not a database/);
  const db = openEncryptedDb(path, dataKey);
  assert.deepEqual(db.prepare('SELECT count(*) AS n FROM encounters').get(), { n: 3 });
  db.close();
});

test('the backup file contains none of the marker strings stored as data', async () => {
  const home = join(root, 'mark-home');
  makeClinic(home, { dataKey, rows: ids('MARKER-ID', 20), generation: 'MARKER-GEN' });
  const result = await createBackup({
    homeDir: home,
    dataKey,
    passphrase: PASSPHRASE,
    toDir: root,
    kdf: TEST_KDF,
  });
  const bytes = readFileSync(result.file);

  for (const marker of [
    'MARKER-NOTE',
    'MARKER-ID',
    'MARKER-KB',
    'MARKER-GEN',
    'keyring-',
    'hp-test-01',
    'clinic.db',
    'encounters',
  ])
    assert.equal(bytes.includes(marker), false, marker);
  assert.equal(readFileSync(join(home, 'config.json'), 'utf8').includes('MARKER-GEN'), true);
});

test('a snapshot taken while the clinic is writing holds only committed rows', async () => {
  const home = join(root, 'live-home');
  makeClinic(home, { dataKey, rows: ids('live', 5), generation: 'live' });
  const node = openEncryptedDb(join(home, 'clinic.db'), dataKey);
  insertRows(node, ids('committed', 4));
  node.exec('BEGIN IMMEDIATE');
  insertRows(node, ids('uncommitted', 4));
  const result = await createBackup({
    homeDir: home,
    dataKey,
    passphrase: PASSPHRASE,
    toDir: root,
    kdf: TEST_KDF,
  });
  node.exec('COMMIT');
  node.close();
  const fresh = join(root, 'live-fresh');
  await restoreBackup(result.file, { homeDir: fresh, passphrase: PASSPHRASE });

  assert.deepEqual(readClinic(fresh, dataKey).rows, [...ids('committed', 4), ...ids('live', 5)]);
  assert.equal(readClinic(fresh, dataKey).integrity, 'ok');
});

test('the backup is named after the clinic id and the UTC time, and a second one in the same second gets a suffix', async () => {
  const home = join(root, 'name-home');
  makeClinic(home, { dataKey, rows: ids('n', 1), generation: 'n', clinicId: 'hp-07' });
  const now = new Date('2026-03-05T07:08:09.123Z');
  const options = {
    homeDir: home,
    dataKey,
    passphrase: PASSPHRASE,
    toDir: root,
    kdf: TEST_KDF,
    now,
  };
  const first = await createBackup(options);
  const second = await createBackup(options);

  assert.equal(first.file, join(root, 'medassist-backup-hp-07-20260305T070809Z.mab'));
  assert.equal(second.file, join(root, 'medassist-backup-hp-07-20260305T070809Z-2.mab'));
  assert.equal(backupFileName(null, now), 'medassist-backup-clinic-20260305T070809Z.mab');
  assert.equal(backupFileName('../etc x', now), 'medassist-backup-___etc_x-20260305T070809Z.mab');
});

test('progress is reported per phase and ends with every byte done', async () => {
  const home = join(root, 'prog-home');
  makeClinic(home, { dataKey, rows: ids('p', 30), generation: 'p', padding: 500 });
  const seen: BackupProgress[] = [];
  const result = await createBackup({
    homeDir: home,
    dataKey,
    passphrase: PASSPHRASE,
    toDir: root,
    kdf: TEST_KDF,
    chunkSize: 4096,
    onProgress: (p) => seen.push(p),
  });
  const encrypt = seen.filter((p) => p.phase === 'encrypt');
  const verified: BackupProgress[] = [];
  await verifyBackup(result.file, PASSPHRASE, (p) => verified.push(p));

  assert.ok(encrypt.length > 3);
  assert.equal(encrypt.at(-1)?.bytesDone, encrypt.at(-1)?.bytesTotal);
  assert.deepEqual(verified.at(-1), {
    phase: 'verify',
    bytesDone: result.bytes,
    bytesTotal: result.bytes,
  });
});

test('a clinic without clinic.db, a missing target folder or an empty passphrase is refused', async () => {
  const empty = join(root, 'no-db');
  mkdirSync(empty);
  const base = { dataKey, passphrase: PASSPHRASE, toDir: root, kdf: TEST_KDF };

  await assert.rejects(createBackup({ ...base, homeDir: empty }), {
    code: 'BACKUP_SOURCE_INVALID',
  });
  await assert.rejects(
    createBackup({ ...base, homeDir: empty, toDir: join(root, 'nope') }),
    /--to: folder does not exist \[/,
  );
  await assert.rejects(
    createBackup({ ...base, homeDir: empty, passphrase: '' }),
    /passphrase: must not be empty/,
  );
  assert.deepEqual(readdirSync(empty), []);
  assert.equal(existsSync(join(root, 'nope')), false);
});

test('a wrong data key is refused before anything is written to the target folder', async () => {
  const home = join(root, 'key-home');
  const usb = join(root, 'key-usb');
  makeClinic(home, { dataKey, rows: ids('k', 2), generation: 'k' });
  mkdirSync(usb);

  await assert.rejects(
    createBackup({
      homeDir: home,
      dataKey: randomBytes(32),
      passphrase: PASSPHRASE,
      toDir: usb,
      kdf: TEST_KDF,
    }),
    { code: 'BACKUP_SOURCE_INVALID' },
  );
  assert.deepEqual(readdirSync(usb), []);
  assert.deepEqual(readdirSync(home).sort(), [
    'clinic.db',
    'config.json',
    'keyring.json',
    'knowledge.db',
  ]);
});
