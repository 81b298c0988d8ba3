import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Command } from 'commander';
import { FINDING_KEYS } from '../../clinical/case/index.js';
import { registerSchemaCommand } from './schema.js';

async function runSchema(args: string[]): Promise<string> {
  let written = '';
  const program = new Command('medassist').exitOverride();
  registerSchemaCommand(program, { write: (text) => (written += text) });
  await program.parseAsync(['schema', ...args], { from: 'user' });
  return written;
}

void test('prints the case JSON Schema as pretty JSON with every finding key', async () => {
  const text = await runSchema([]);
  assert.ok(text.endsWith('}\n'));
  assert.ok(text.includes('\n  "$schema": "https://json-schema.org/draft/2020-12/schema"'));
  const schema = JSON.parse(text) as { properties: { findings: { properties: object } } };
  assert.deepEqual(Object.keys(schema.properties.findings.properties), [...FINDING_KEYS]);
});

void test('refuses unexpected arguments instead of ignoring them', async () => {
  await assert.rejects(runSchema(['extra']), /too many arguments|unknown/i);
});
