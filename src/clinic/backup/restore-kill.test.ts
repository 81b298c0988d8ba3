/**
 * Kill during restore: a child process restores over a clinic and is killed with SIGKILL at
 * every named step and at random moments; after recoverInterruptedRestore the clinic must be
 * exactly the old one or exactly the restored one, whole, and never empty.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createBackup } from './create-backup.js';
import { recoverInterruptedRestore } from './recover.js';
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
  type ClinicView,
} from './test-helpers/clinic-fixture.js';

const CHILD = fileURLToPath(new URL('./test-helpers/restore-child.ts', import.meta.url));
const RANDOM_KILLS = 14;
const root = tempDir('backup-kill');
after(() => rmSync(root, { recursive: true, force: true }));
const dataKey = randomBytes(32);
const template = join(root, 'old');
let backupFile: string;

const OLD: ClinicView = {
  rows: [...ids('b', 30), ...ids('w', 10)],
  integrity: 'ok',
  generation: 'old',
  knowledge: 'MARKER-KB-old',
  keyring: 'keyring-old',
};
const RESTORED: ClinicView = {
  rows: ids('b', 30),
  integrity: 'ok',
  generation: 'backup',
  knowledge: 'MARKER-KB-backup',
  keyring: 'keyring-backup',
};
// Every point restoreBackup names, in order; the commit point is the intent file.
const STEPS = [
  'staged',
  'intent-written',
  'removed:clinic.db-wal',
  'removed:clinic.db-shm',
  'removed:clinic.db-journal',
  'swapped:clinic.db',
  'swapped:knowledge.db',
  'swapped:config.json',
  'swapped:keyring.json',
  'synced',
  'intent-removed',
];

before(async () => {
  const source = join(root, 'source');
  makeClinic(source, { dataKey, rows: ids('b', 30), generation: 'backup', padding: 2000 });
  const options = { homeDir: source, dataKey, passphrase: PASSPHRASE, toDir: root, kdf: TEST_KDF };
  backupFile = (await createBackup({ ...options, chunkSize: 8192 })).file;
  makeClinic(template, { dataKey, rows: ids('b', 30), generation: 'old', padding: 2000 });
  addRowsInWal(template, dataKey, ids('w', 10));
});

interface ChildRun {
  home: string;
  output: string;
  /** Milliseconds from `ready` to exit. */
  restoreMs: number;
}

/** Runs the child restore; kills it at `pauseAt`, or `killAfterMs` after it is ready. */
function runChild(
  name: string,
  plan: { pauseAt?: string; killAfterMs?: number },
): Promise<ChildRun> {
  const home = join(root, name);
  copyFolder(template, home);
  const env = {
    ...process.env,
    MEDASSIST_PASSPHRASE: PASSPHRASE,
    MEDASSIST_TEST_PAUSE_AT: plan.pauseAt ?? '',
  };
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, backupFile, home], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let readyAt = 0;

  return new Promise((resolve, reject) => {
    child.stdout.on('data', (data: Buffer) => {
      output += data.toString();
      if (readyAt === 0 && output.includes('ready\n')) {
        readyAt = performance.now();
        if (plan.killAfterMs !== undefined)
          setTimeout(() => child.kill('SIGKILL'), plan.killAfterMs);
      }
      if (plan.pauseAt && output.includes(`paused ${plan.pauseAt}`)) child.kill('SIGKILL');
    });
    child.stderr.on('data', (data: Buffer) => (output += data.toString()));
    child.on('error', reject);
    child.on('exit', () => resolve({ home, output, restoreMs: performance.now() - readyAt }));
  });
}

/** Recovers the folder and says which whole clinic it holds; fails on anything else. */
async function recoverAndClassify(run: ChildRun): Promise<'old' | 'restored'> {
  await recoverInterruptedRestore(run.home);
  assert.equal(existsSync(join(run.home, INTENT_FILE)), false);
  assert.equal(existsSync(join(run.home, STAGING_DIR)), false);
  const view = readClinic(run.home, dataKey);
  assert.ok(view.rows.length > 0, 'the clinic is never empty');
  if (view.generation === 'old') {
    assert.deepEqual(view, OLD, run.output);
    return 'old';
  }
  assert.deepEqual(view, RESTORED, run.output);
  return 'restored';
}

test('killed at each named restore step, the clinic is old before the intent file and restored after', async () => {
  const runs = await inPairs(
    STEPS.map((step, i) => () => runChild(`step-${i}`, { pauseAt: step })),
  );
  for (const [i, run] of runs.entries()) {
    assert.match(run.output, new RegExp(`paused ${STEPS[i]}`));
    assert.equal(await recoverAndClassify(run), i === 0 ? 'old' : 'restored', STEPS[i]);
  }
});

test(`killed at ${RANDOM_KILLS} random moments, the clinic is always one whole clinic`, async (t) => {
  const full = await runChild('full', {});
  assert.match(full.output, /done/);
  assert.equal(await recoverAndClassify(full), 'restored');
  const window = Math.max(5, full.restoreMs * 1.2);
  const delays = Array.from({ length: RANDOM_KILLS }, () => Math.random() * window);
  const runs = await inPairs(
    delays.map((ms, i) => () => runChild(`random-${i}`, { killAfterMs: ms })),
  );
  const seen = { old: 0, restored: 0 };
  for (const run of runs) seen[await recoverAndClassify(run)] += 1;

  t.diagnostic(`restore took ${full.restoreMs.toFixed(0)} ms; outcomes ${JSON.stringify(seen)}`);
});

/** Two children at a time: this box has two cores. */
async function inPairs<T>(jobs: readonly (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < jobs.length; i += 2) {
    const pair = jobs.slice(i, i + 2).map((job) => job());
    results.push(...(await Promise.all(pair)));
  }
  return results;
}
