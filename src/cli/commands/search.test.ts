import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { Command, CommanderError } from 'commander';

import { compileKnowledgeBase, type SearchHit } from '../../knowledge/index.js';
import { createTempWorkspace, writeStandardFixture } from '../../knowledge/test-helpers/fixture.js';
import { InputError } from '../../shared/errors.js';
import { registerSearchCommand } from './search.js';

const workspace = createTempWorkspace();
before(() => {
  writeStandardFixture(workspace);
  compileKnowledgeBase({ contentDir: workspace.contentDir, outFile: workspace.dbFile });
});
after(() => workspace.remove());

async function run(args: string[]): Promise<string> {
  let out = '';
  const program = new Command('medassist')
    .exitOverride()
    .configureOutput({ writeOut: (text) => (out += text), writeErr: () => undefined });
  registerSearchCommand(program, { kbPath: () => workspace.dbFile });
  await program.parseAsync(args, { from: 'user' });

  return out;
}

async function runJson(args: string[]): Promise<SearchHit[]> {
  return JSON.parse(await run([...args, '--format', 'json'])) as SearchHit[];
}

void test('prints numbered hits with id, kind, citation and snippet as text', async () => {
  const out = await run(['search', 'zinc']);

  assert.match(out, /^\d\. Zinc sulfate \(drug-zinc, drug, en\)$/m);
  assert.match(out, /^ {3}WHO IMCI chart booklet 2014, Test section$/m);
  assert.match(out, /\[zinc\]/i);
});

void test('joins unquoted words into one query', async () => {
  const hits = await runJson(['search', 'zinc', 'diarrhoea', '--limit', '1']);

  assert.deepEqual(
    hits.map((hit) => hit.id),
    ['tx-zinc-diarrhoea'],
  );
});

void test('passes --lang, --limit and --kind through to the knowledge base', async () => {
  assert.equal(
    (await runJson(['search', 'respiration', '--lang', 'fr', '--limit', '1']))[0]?.lang,
    'fr',
  );
  assert.equal((await runJson(['search', 'pneumonia', '--limit', '1'])).length, 1);
  assert.deepEqual(
    (await runJson(['search', 'zinc', '--kind', 'treatment'])).map((h) => h.id),
    ['tx-zinc-diarrhoea'],
  );
});

void test('says so when nothing matches, including for pure FTS5 syntax', async () => {
  assert.equal(await run(['search', 'xylophone']), 'no passages found\n');
  assert.equal(await run(['search', '"*-']), 'no passages found\n');
  assert.deepEqual(await runJson(['search', 'AND(']), []);
});

void test('rejects a non-numeric or out-of-range --limit naming the flag', async () => {
  await assert.rejects(
    run(['search', 'zinc', '--limit', 'ten']),
    (e: unknown) =>
      e instanceof InputError && e.issues[0]?.field === '--limit' && /\[ten\]/.test(e.message),
  );
  await assert.rejects(run(['search', 'zinc', '--limit', '0']), InputError);
  await assert.rejects(run(['search', 'zinc', '--kind', 'poem']), InputError);
});

void test('requires a query', async () => {
  await assert.rejects(run(['search']), CommanderError);
});
