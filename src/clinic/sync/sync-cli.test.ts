/**
 * `medassist register`, `sync now` and `sync status` as whole processes (the compiled bin,
 * built by `npm test`), against the v1 test double: roles, one sync at a time across
 * processes, and kill -9 of the clinic mid-push.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createUser, login } from '../auth/index.js';
import type { OpenClinic } from '../clinic.js';
import { saveSessionToken } from '../../cli/clinic-context.js';
import { startFakeCoordinator, type FakeCoordinator } from './test-helpers/fake-coordinator.js';
import { bulkQueue, makeClinic, PASSPHRASE, removeTempDirs } from './test-helpers/sync-clinic.js';

const BIN = fileURLToPath(new URL('../../../bin/medassist.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../../../dist/cli/commands/sync.js', import.meta.url));
const skip = existsSync(BUILT)
  ? false
  : 'needs the compiled build with the sync command (npm run build)';

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function medassist(
  home: string,
  args: string[],
  onStdout?: (child: ReturnType<typeof spawn>) => void,
) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, MEDASSIST_HOME: home, MEDASSIST_PASSPHRASE: PASSPHRASE },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onStdout?.(child);
  return new Promise<Run>((resolve) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

async function signIn(clinic: OpenClinic, role: 'admin' | 'nurse') {
  const name = `${role}-user`;
  await createUser(clinic.store.db, { name, role, pin: '2580' }).catch(() => undefined);
  const { session } = await login(clinic.store.db, { name, pin: '2580' });
  saveSessionToken(clinic.home, session.token);
}

const encounterKeys = (fake: FakeCoordinator) =>
  [...fake.stored.values()].flatMap((s) =>
    s.item.kind === 'encounter' ? [s.item.body.resourceKey] : [],
  );

describe('sync from the command line', { skip }, () => {
  let fake: FakeCoordinator;
  let clinic: OpenClinic;
  const options: Parameters<typeof startFakeCoordinator>[0] = { pushDelayMs: 40 };
  before(async () => {
    fake = await startFakeCoordinator(options);
    clinic = makeClinic();
  });
  after(async () => {
    clinic.close();
    await fake.close();
    removeTempDirs();
  });

  test('register is refused to a nurse and done by an admin', async () => {
    const args = [
      'register',
      '--coordinator',
      fake.url,
      '--token',
      'enrol-test-token',
      '--region',
      'r1',
    ];
    await signIn(clinic, 'nurse');
    const refused = await medassist(clinic.home, args);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /AUTH_FORBIDDEN/);
    await signIn(clinic, 'admin');
    const done = await medassist(clinic.home, [...args, '--json']);
    assert.equal(done.code, 0, done.stderr);
    assert.equal((JSON.parse(done.stdout) as { region: string }).region, 'r1');
  });

  test('sync status shows registration, mode and what is queued', async () => {
    bulkQueue(clinic, 40);
    const r = await medassist(clinic.home, ['sync', 'status', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const status = JSON.parse(r.stdout) as {
      registered: boolean;
      queued: number;
      quarantined: number;
    };
    assert.deepEqual([status.registered, status.queued, status.quarantined], [true, 41, 0]);
  });

  test('a second sync now while one runs says so with --wait 0, or waits; pushes never interleave', async () => {
    bulkQueue(clinic, 400);
    // The first sync is held in its first push until the second process has been refused.
    let open = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    options.gate = () => gate;
    const first = medassist(clinic.home, ['sync', 'now', '--json']);
    while (fake.pushes === 0) await new Promise((r) => setTimeout(r, 20));
    const refused = await medassist(clinic.home, ['sync', 'now', '--wait', '0']);
    delete options.gate;
    open();
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /SYNC_BUSY.*a sync is already running in process \[\d+\]/);
    const waited = medassist(clinic.home, ['sync', 'now', '--json']);
    const [a, b] = await Promise.all([first, waited]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    assert.equal((JSON.parse(a.stdout) as { accepted: number }).accepted, 1 + 40 + 400);
    assert.equal((JSON.parse(b.stdout) as { accepted: number }).accepted, 0);
    assert.equal(fake.maxConcurrentPushes, 1);
  });

  test('kill -9 mid-push, then sync again: every case is in the cloud exactly once', async () => {
    bulkQueue(clinic, 1_000);
    const before = fake.stored.size;
    let killed = false;
    const run = await medassist(clinic.home, ['sync', 'now'], (child) => {
      const timer = setInterval(() => {
        if (fake.stored.size >= before + 300 && !killed) {
          killed = true;
          child.kill('SIGKILL');
          clearInterval(timer);
        }
      }, 5);
    });
    assert.equal(run.signal, 'SIGKILL');
    assert.ok(fake.stored.size < before + 1_000, 'killed before the end');

    const again = await medassist(clinic.home, ['sync', 'now', '--json']);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(clinic.store.pendingOutbox(), 0);
    const keys = encounterKeys(fake);
    assert.equal(keys.length, 1 + 40 + 400 + 1_000);
    assert.equal(new Set(keys).size, keys.length);
    const outboxIds = clinic.store.db.prepare('SELECT id FROM outbox').all() as { id: string }[];
    for (const { id } of outboxIds) assert.ok(fake.stored.has(id), `lost: ${id}`);
  });
});
