import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

import { Command } from 'commander';

import { registerEdgeCommand } from './edge.js';

const dir = mkdtempSync(join(tmpdir(), 'medassist-edge-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function program(deps: Parameters<typeof registerEdgeCommand>[1]) {
  const root = new Command('medassist')
    .exitOverride()
    .configureOutput({ writeOut: () => undefined });
  registerEdgeCommand(root, deps);
  return root;
}

void test('edge serve listens on loopback and answers its health check until stopped', async () => {
  let stop = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  let url = '';
  const listening = new Promise<void>((resolve) => {
    const cli = program({
      defaultDataDir: () => join(dir, 'edge'),
      untilStopped: () => stopped,
      onListening: (u) => {
        url = u;
        resolve();
      },
    });
    // Port 9 on loopback: nothing listens, the edge only logs its failed prefetch.
    void cli.parseAsync(['edge', 'serve', '--upstream', 'http://127.0.0.1:9', '--port', '0'], {
      from: 'user',
    });
  });
  await listening;

  const health = (await (await fetch(`${url}/v1/health`)).json()) as { role: string };
  assert.equal(health.role, 'edge');
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
  stop();
});

void test('edge serve refuses an upstream that is not an http URL, showing it', async () => {
  const cli = program({ defaultDataDir: () => dir, untilStopped: () => Promise.resolve() });

  await assert.rejects(
    cli.parseAsync(['edge', 'serve', '--upstream', 'ftp://x'], { from: 'user' }),
    /http or https only \[ftp:\/\/x\]/,
  );
});

void test('edge serve refuses a release keys file that is not a key map, naming the file', async () => {
  const cli = program({ defaultDataDir: () => dir, untilStopped: () => Promise.resolve() });
  const file = join(dir, 'keys.json');
  writeFileSync(file, '["not", "a", "map"]');

  await assert.rejects(
    cli.parseAsync(['edge', 'serve', '--upstream', 'http://127.0.0.1:9', '--release-keys', file], {
      from: 'user',
    }),
    /must map key ids to public keys/,
  );
});
