import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

import { Command } from 'commander';

import { buildKbVersions } from '../../knowledge/release/test-helpers/kb-versions.js';
import { registerKbCommand } from './kb.js';
import { registerKbPublishCommands } from './kb-publish.js';

const kb = buildKbVersions();
const dir = mkdtempSync(join(tmpdir(), 'medassist-kb-publish-cli-'));
after(() => {
  kb.remove();
  rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[]): Promise<string> {
  let out = '';
  const program = new Command('medassist')
    .exitOverride()
    .configureOutput({ writeOut: (text) => (out += text), writeErr: () => undefined });
  const kbCommand = registerKbCommand(program, {
    defaultKbPath: () => kb.v1,
    contentDir: () => kb.root,
  });
  registerKbPublishCommands(kbCommand, { contentDir: () => kb.root });
  await program.parseAsync(args, { from: 'user' });
  return out;
}

const keyFile = join(dir, 'release.pem');

void test('kb keygen writes a private key file only its owner reads and prints the key id', async () => {
  const out = await run(['kb', 'keygen', '--out', keyFile]);

  assert.match(out, /^key id: [0-9a-f]{16}$/m);
  assert.match(out, /^public key: [A-Za-z0-9_-]{40,}$/m);
  assert.equal(statSync(keyFile).mode & 0o777, 0o600);
  await assert.rejects(run(['kb', 'keygen', '--out', keyFile]), /file exists, not overwritten/);
});

void test('kb keygen --keys-json adds each new public key to the map that --release-keys reads', async () => {
  const keysJson = join(dir, 'release-keys.json');
  const keyId = (out: string) => /^key id: (\S+)$/m.exec(out)?.[1] ?? '';
  const first = await run(['kb', 'keygen', '--out', join(dir, 'a.pem'), '--keys-json', keysJson]);
  const second = await run(['kb', 'keygen', '--out', join(dir, 'b.pem'), '--keys-json', keysJson]);
  const map = JSON.parse(readFileSync(keysJson, 'utf8')) as Record<string, string>;
  assert.deepEqual(Object.keys(map).sort(), [keyId(first), keyId(second)].sort());
  assert.match(map[keyId(first)]!, /^[A-Za-z0-9_-]{40,}$/);
});

void test('kb publish stores a release and then one with a delta, printing sizes', async () => {
  const pglite = join(dir, 'pglite');
  const publish = (db: string, version: string) =>
    run(['kb', 'publish', '--key', keyFile, '--db', db, '--release', version, '--data', pglite]);

  const first = await publish(kb.v1, 'r1');
  const second = await publish(kb.v2, 'r2');

  assert.match(first, /^published r1 \(stable\)$/m);
  assert.match(first, /^bundle: \d+ bytes gzip, \d+\.\d s at 1 Mbit\/s$/m);
  assert.match(second, /^delta from r1: \d+ bytes$/m);
});

void test('kb publish without a repository or with a bad channel is bad input naming the field', async () => {
  const saved = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL;
  try {
    await assert.rejects(run(['kb', 'publish', '--key', keyFile]), /where to publish/);
    await assert.rejects(run(['kb', 'publish', '--key', keyFile, '--channel', 'Big!']), /\[Big!\]/);
    await assert.rejects(run(['kb', 'publish', '--key', join(dir, 'none.pem')]), /no such file/);
  } finally {
    if (saved !== undefined) process.env.DATABASE_URL = saved;
  }
});
