import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';

import { Command } from 'commander';

import {
  ids,
  makeClinic,
  PASSPHRASE,
  readClinic,
  tempDir,
} from '../../clinic/backup/test-helpers/clinic-fixture.js';
import { registerBackupCommand } from './backup.js';

const root = tempDir('cli-backup');
after(() => rmSync(root, { recursive: true, force: true }));
const dataKey = randomBytes(32);
const clinic = join(root, 'clinic');
const usb = join(root, 'usb');
makeClinic(clinic, { dataKey, rows: ids('cli', 4), generation: 'cli' });
mkdirSync(usb);

async function run(home: string, args: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const program = new Command('medassist')
    .exitOverride()
    .configureOutput({ writeOut: (text) => (out += text), writeErr: () => undefined });
  registerBackupCommand(program, {
    home: () => home,
    unlock: () => Promise.resolve({ dataKey, passphrase: PASSPHRASE }),
  });
  const saved = { ...process.env };
  Object.assign(process.env, { MEDASSIST_PASSPHRASE: PASSPHRASE, ...env });
  const stderrWrite = process.stderr.write.bind(process.stderr);
  process.stderr.write = (text: string) => ((err += text), true);
  try {
    await program.parseAsync(args, { from: 'user' });
  } finally {
    process.stderr.write = stderrWrite;
    process.env = saved;
  }
  return { out, err };
}

test('backup create, verify and restore work end to end and print nothing extra off a terminal', async () => {
  const created = await run(clinic, ['backup', 'create', '--to', usb]);
  const [file] = readdirSync(usb);
  assert.ok(file);
  const path = join(usb, file);
  const verified = await run(clinic, ['backup', 'verify', path]);
  const fresh = join(root, 'fresh');
  const restored = await run(fresh, ['backup', 'restore', path]);

  assert.match(
    created.out,
    new RegExp(
      `^backup written: ${path}\\nbytes: \\d+\\nmembers: clinic.db, knowledge.db, config.json, keyring.json\\nsha256: [0-9a-f]{64}\\n$`,
    ),
  );
  assert.match(verified.out, /^backup ok: .*\ncreated: .*\nclinic: hp-test-01\n/);
  assert.match(restored.out, new RegExp(`^restored into: ${fresh}\\n`));
  assert.deepEqual(readClinic(fresh, dataKey).rows, ids('cli', 4));
  assert.deepEqual([created.err, verified.err, restored.err], ['', '', '']);
});

test('restore over a clinic that holds data needs --yes when there is no terminal', async () => {
  const [file] = readdirSync(usb);
  const path = join(usb, file ?? '');
  const other = join(root, 'other');
  makeClinic(other, { dataKey, rows: ids('other', 2), generation: 'other' });

  await assert.rejects(
    run(other, ['backup', 'restore', path]),
    /--yes: the clinic in \[.*other\] holds data/,
  );
  assert.deepEqual(readClinic(other, dataKey).rows, ids('other', 2));
  await run(other, ['backup', 'restore', path, '--yes']);
  assert.deepEqual(readClinic(other, dataKey).rows, ids('cli', 4));
});

test('verify with a wrong passphrase in MEDASSIST_PASSPHRASE fails with its code', async () => {
  const [file] = readdirSync(usb);
  await assert.rejects(
    run(clinic, ['backup', 'verify', join(usb, file ?? '')], { MEDASSIST_PASSPHRASE: 'wrong' }),
    {
      code: 'BACKUP_PASSPHRASE_WRONG',
    },
  );
});
