import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createBackup, type BackupResult } from './create-backup.js';
import { FORMAT_VERSION, MAGIC } from './format.js';
import { ids, makeClinic, PASSPHRASE, tempDir, TEST_KDF } from './test-helpers/clinic-fixture.js';
import { verifyBackup } from './verify-backup.js';

const root = tempDir('backup-verify');
after(() => rmSync(root, { recursive: true, force: true }));
const CHUNK = 4096;
const FRAME = 4 + CHUNK + 16;
let backup: BackupResult;
let original: Buffer;
let dataOffset: number;
let chunkCount: number;

before(async () => {
  const home = join(root, 'home');
  const dataKey = randomBytes(32);
  makeClinic(home, { dataKey, rows: ids('v', 40), generation: 'v', padding: 1000 });
  backup = await createBackup({
    homeDir: home,
    dataKey,
    passphrase: PASSPHRASE,
    toDir: root,
    kdf: TEST_KDF,
    chunkSize: CHUNK,
  });
  original = readFileSync(backup.file);
  const jsonLength = original.readUInt32BE(MAGIC.length + 2);
  dataOffset = MAGIC.length + 6 + jsonLength + 64;
  chunkCount = (
    JSON.parse(original.subarray(14, 14 + jsonLength).toString()) as { chunkCount: number }
  ).chunkCount;
});

/** Writes a changed copy of the backup into its own folder and returns its path. */
function variant(name: string, change: (bytes: Buffer) => Buffer): string {
  const dir = join(root, name);
  mkdirSync(dir);
  const file = join(dir, 'copy.mab');
  writeFileSync(file, change(Buffer.from(original)));
  return file;
}

function flip(offset: number) {
  return (bytes: Buffer) => {
    bytes[offset] = (bytes[offset] ?? 0) ^ 0x01;
    return bytes;
  };
}

async function assertRefused(
  file: string,
  expected: { code: string; message?: RegExp },
): Promise<void> {
  const before = readdirSync(join(file, '..'));
  await assert.rejects(verifyBackup(file, PASSPHRASE), (error: Error & { code?: string }) => {
    assert.equal(error.code, expected.code);
    if (expected.message) assert.match(error.message, expected.message);
    return true;
  });
  assert.deepEqual(readdirSync(join(file, '..')), before, 'verify wrote nothing');
}

test('an untouched backup verifies and lists its members', async () => {
  const result = await verifyBackup(backup.file, PASSPHRASE);

  assert.ok(chunkCount > 10, `expected many chunks, got ${chunkCount}`);
  assert.deepEqual(result.manifest.members, backup.members);
  assert.equal(result.bytes, original.length);
});

test('a changed byte in the header JSON is refused as tampering of the header', async () => {
  await assertRefused(variant('hdr', flip(20)), { code: 'BACKUP_TAMPERED', message: /\[header\]/ });
});

test('a changed byte in a middle chunk is refused naming that chunk', async () => {
  const middle = Math.floor(chunkCount / 2);
  const file = variant('mid', flip(dataOffset + middle * FRAME + 4 + 100));
  await assertRefused(file, {
    code: 'BACKUP_TAMPERED',
    message: new RegExp(`\\[chunk ${middle} of ${chunkCount}\\]`),
  });
});

test('a changed byte in the last chunk is refused naming the last chunk', async () => {
  const file = variant('last', flip(original.length - 1));
  await assertRefused(file, {
    code: 'BACKUP_TAMPERED',
    message: new RegExp(`\\[chunk ${chunkCount - 1} of`),
  });
});

test('a changed chunk length is refused as tampering', async () => {
  await assertRefused(variant('len', flip(dataOffset + FRAME + 3)), {
    code: 'BACKUP_TAMPERED',
    message: /chunk 1 of/,
  });
});

test('two chunks swapped in place are refused as tampering', async () => {
  const file = variant('swap', (bytes) => {
    const first = Buffer.from(bytes.subarray(dataOffset, dataOffset + FRAME));
    bytes.copy(bytes, dataOffset, dataOffset + FRAME, dataOffset + 2 * FRAME);
    first.copy(bytes, dataOffset + FRAME);
    return bytes;
  });
  await assertRefused(file, { code: 'BACKUP_TAMPERED', message: /chunk 0 of/ });
});

test('a file cut short, even by one byte or at a chunk boundary, is refused as truncated', async () => {
  await assertRefused(
    variant('cut1', (b) => b.subarray(0, b.length - 1)),
    { code: 'BACKUP_TRUNCATED' },
  );
  await assertRefused(
    variant('cutb', (b) => b.subarray(0, dataOffset + 3 * FRAME)),
    { code: 'BACKUP_TRUNCATED' },
  );
  await assertRefused(
    variant('cuth', (b) => b.subarray(0, 30)),
    { code: 'BACKUP_TRUNCATED' },
  );
});

test('bytes appended after the final chunk are refused as tampering', async () => {
  const file = variant('app', (b) => Buffer.concat([b, Buffer.from([0])]));
  await assertRefused(file, { code: 'BACKUP_TAMPERED', message: /\[end\]/ });
});

test('a wrong passphrase is refused as such, not as tampering', async () => {
  await assert.rejects(verifyBackup(backup.file, 'correct horse battery stapler'), {
    code: 'BACKUP_PASSPHRASE_WRONG',
  });
});

// Limitation: the key check is the only thing that can tell a wrong passphrase; a changed byte in
// the key check itself therefore reads as a wrong passphrase. The backup is refused either way.
test('a changed byte in the key check reads as a wrong passphrase', async () => {
  await assertRefused(variant('kc', flip(dataOffset - 1)), { code: 'BACKUP_PASSPHRASE_WRONG' });
});

test('a file that is not a backup, or a newer format version, is refused as unsupported', async () => {
  await assertRefused(
    variant('notmab', () => Buffer.from('SQLite format 3\0 and more')),
    {
      code: 'BACKUP_FORMAT_UNSUPPORTED',
      message: /not a MedAssist backup/,
    },
  );
  const newer = variant('v2', (b) => {
    b.writeUInt16BE(FORMAT_VERSION + 1, MAGIC.length);
    return b;
  });
  await assertRefused(newer, { code: 'BACKUP_FORMAT_UNSUPPORTED', message: /version \[2\]/ });
});

test('a missing backup file is an input error naming the path', async () => {
  await assert.rejects(
    verifyBackup(join(root, 'absent.mab'), PASSPHRASE),
    /FILE: no backup file at \[.*absent\.mab\]/,
  );
});

test('a changed byte at any of 120 random offsets is refused', async () => {
  const offsets = Array.from({ length: 120 }, () => Math.floor(Math.random() * original.length));
  for (const offset of offsets) {
    const bytes = flip(offset)(Buffer.from(original));
    const file = join(root, 'any.mab');
    writeFileSync(file, bytes);
    await assert.rejects(verifyBackup(file, PASSPHRASE), (error: Error & { code?: string }) =>
      [
        'BACKUP_TAMPERED',
        'BACKUP_PASSPHRASE_WRONG',
        'BACKUP_FORMAT_UNSUPPORTED',
        'BACKUP_TRUNCATED',
      ].includes(error.code ?? `offset ${offset}: ${error.message}`),
    );
  }
});
