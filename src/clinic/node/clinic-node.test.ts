import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { compileKnowledgeBase } from '../../knowledge/index.js';
import { setupClinic } from '../clinic.js';
import { startClinicNode } from './clinic-node.js';
import { createLogger } from './log.js';

const work = mkdtempSync(join(tmpdir(), 'medassist-node-'));
after(() => rmSync(work, { recursive: true, force: true }));

test('the running clinic node makes its daily backup and answers its health check on loopback', async () => {
  const bundledKb = join(work, 'kb.db');
  compileKnowledgeBase({
    contentDir: fileURLToPath(new URL('../../../content/passages', import.meta.url)),
    outFile: bundledKb,
  });
  const passphrase = 'node test passphrase';
  const clinic = setupClinic(join(work, 'home'), {
    secrets: { passphrase },
    timeZone: 'UTC',
    bundledKb,
  });
  const backupDir = join(work, 'usb');
  mkdirSync(backupDir);
  const lines: string[] = [];
  const node = await startClinicNode({
    clinic,
    host: '127.0.0.1',
    port: 0,
    backupDir,
    passphrase,
    log: createLogger((l) => lines.push(l)),
  });
  try {
    assert.match(node.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    // Never backed up before: the first backup runs at start.
    const outcome = await node.backup?.runNow();
    assert.equal(outcome?.ok, true);
    assert.equal(readdirSync(backupDir).filter((f) => f.endsWith('.mab')).length, 1);
    const health = (await (await fetch(`${node.url}/api/health`)).json()) as {
      status: string;
      lastBackupAt: string | null;
    };
    assert.equal(health.status, 'ok');
    assert.notEqual(health.lastBackupAt, null);
    assert.equal((await fetch(`${node.url}/nothing`)).status, 404);
    assert.ok(
      lines.every((l) => !l.includes(passphrase)),
      'the passphrase is never logged',
    );
  } finally {
    await node.stop();
  }
});
