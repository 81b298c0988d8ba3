import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';

import { Command, CommanderError } from 'commander';

import { createTempWorkspace, writeStandardFixture } from '../../knowledge/test-helpers/fixture.js';
import { MedAssistError } from '../../shared/errors.js';
import { registerKbCommand } from './kb.js';

const workspace = createTempWorkspace();
writeStandardFixture(workspace);
after(() => workspace.remove());

async function run(args: string[]): Promise<string> {
  let out = '';
  const program = new Command('medassist')
    .exitOverride()
    .configureOutput({ writeOut: (text) => (out += text), writeErr: () => undefined });
  registerKbCommand(program, {
    defaultKbPath: () => workspace.dbFile,
    contentDir: () => workspace.contentDir,
  });
  await program.parseAsync(args, { from: 'user' });

  return out;
}

void test('kb build compiles the default content into the default path and prints count, languages and hash', async () => {
  const out = await run(['kb', 'build']);

  assert.match(out, /^built 5 passages$/m);
  assert.match(out, /^languages: en, fr$/m);
  assert.match(out, /^content hash: [0-9a-f]{64}$/m);
  assert.ok(existsSync(workspace.dbFile));
});

void test('kb build honours --content and --out', async () => {
  const other = createTempWorkspace();
  try {
    other.write({ id: 'drug-zinc', kind: 'drug' });
    const outFile = join(other.root, 'custom.sqlite');

    const out = await run(['kb', 'build', '--content', other.contentDir, '--out', outFile]);

    assert.match(out, /^built 1 passages$/m);
    assert.ok(existsSync(outFile));
  } finally {
    other.remove();
  }
});

void test('kb build --format json prints the build result', async () => {
  const result = JSON.parse(await run(['kb', 'build', '--format', 'json'])) as Record<
    string,
    unknown
  >;

  assert.equal(result['passageCount'], 5);
  assert.deepEqual(result['languages'], ['en', 'fr']);
});

void test('kb info prints what the database holds, as text or JSON', async () => {
  const build = await run(['kb', 'build']);
  const hash = /content hash: (\w+)/.exec(build)?.[1];

  const text = await run(['kb', 'info']);
  assert.match(text, /^passages: 5$/m);
  assert.match(text, new RegExp(`^content hash: ${hash}$`, 'm'));

  const json = JSON.parse(await run(['kb', 'info', '--format', 'json'])) as Record<string, unknown>;
  assert.equal(json['contentHash'], hash);
  assert.equal(json['schemaVersion'], 1);
});

void test('kb info on a missing database fails with KB_NOT_FOUND', async () => {
  await assert.rejects(
    run(['kb', 'info', '--kb', join(workspace.root, 'nope.sqlite')]),
    (error: unknown) => error instanceof MedAssistError && error.code === 'KB_NOT_FOUND',
  );
});

void test('kb build with invalid content fails and names the file', async () => {
  const bad = createTempWorkspace();
  try {
    bad.write({ id: 'cls-x', kind: 'poem' });
    await assert.rejects(
      run(['kb', 'build', '--content', bad.contentDir, '--out', bad.dbFile]),
      (error: unknown) =>
        error instanceof MedAssistError && /en\/cls-x\.md: kind/.test(error.message),
    );
  } finally {
    bad.remove();
  }
});

void test('rejects an unknown --format value', async () => {
  await assert.rejects(run(['kb', 'info', '--format', 'xml']), CommanderError);
});
