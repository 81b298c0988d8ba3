/**
 * The clinic as whole processes against the real coordinator on a throwaway PostgreSQL:
 * `medassist sync now` killed with SIGKILL mid-push and started again, and `medassist clinic
 * serve` syncing by itself. Needs the compiled build (`npm test` builds first).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { saveSessionToken } from '../../src/cli/clinic-context.js';
import { createUser, login } from '../../src/clinic/auth/index.js';
import type { OpenClinic } from '../../src/clinic/clinic.js';
import { readConfig, writeConfig } from '../../src/clinic/config.js';
import { registerClinic } from '../../src/clinic/sync/register.js';
import {
  startFaultProxy,
  type FaultProxy,
} from '../../src/clinic/sync/test-helpers/fault-proxy.js';
import {
  bulkQueue,
  makeClinic,
  PASSPHRASE,
  removeTempDirs,
} from '../../src/clinic/sync/test-helpers/sync-clinic.js';
import {
  newDatabase,
  startCoordinator,
  startTestPostgres,
  type TestCoordinator,
  type TestPostgres,
} from '../cloud/harness.js';

const BIN = fileURLToPath(new URL('../../bin/medassist.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../../dist/cli/commands/sync.js', import.meta.url));
const skip = existsSync(BUILT)
  ? false
  : 'needs the compiled build with the sync command (npm run build)';

let pg: TestPostgres;
let cloud: TestCoordinator;
let proxy: FaultProxy;

function start(
  home: string,
  args: string[],
): {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>;
} {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, MEDASSIST_HOME: home, MEDASSIST_PASSPHRASE: PASSPHRASE },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{
    code: number | null;
    signal: string | null;
    stdout: string;
    stderr: string;
  }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

async function stored(clinicId: string): Promise<{ rows: number; distinct: number }> {
  const r = await cloud.shards.global.query<{ rows: string; distinct: string }>(
    'SELECT count(*) AS rows, count(DISTINCT resource_key) AS distinct FROM encounters WHERE clinic_id = $1',
    [clinicId],
  );
  return { rows: Number(r.rows[0]?.rows), distinct: Number(r.rows[0]?.distinct) };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function registered(): Promise<{ clinic: OpenClinic; clinicId: string }> {
  const clinic = makeClinic();
  await createUser(clinic.store.db, { name: 'nurse-one', role: 'nurse', pin: '2580' });
  saveSessionToken(
    clinic.home,
    (await login(clinic.store.db, { name: 'nurse-one', pin: '2580' })).session.token,
  );
  const sync = await registerClinic(clinic, {
    coordinatorUrl: cloud.base,
    enrolmentToken: await cloud.enrol('north'),
    region: 'north',
  });
  writeConfig(clinic.home, {
    ...readConfig(clinic.home),
    sync: { ...sync, coordinatorUrl: proxy.url },
  });
  return { clinic, clinicId: sync.clinicId };
}

describe('the clinic process and the real coordinator', { skip }, () => {
  before(async () => {
    pg = await startTestPostgres();
    cloud = await startCoordinator({ regions: {}, default: await newDatabase(pg) });
    proxy = await startFaultProxy(Number(new URL(cloud.base).port));
    // Slow pushes, so that a kill lands in the middle of one.
    proxy.plan = (r) => (r.path === '/v1/sync/push' ? { kind: 'delay', ms: 30 } : { kind: 'pass' });
  });
  after(async () => {
    await proxy.close();
    await cloud.close();
    await pg.stop();
    removeTempDirs();
  });

  test('kill -9 of sync now twice mid-push: after a restart every case is in the cloud exactly once', async () => {
    const { clinic, clinicId } = await registered();
    bulkQueue(clinic, 1_000);
    for (const killAt of [150, 500]) {
      const { child, done } = start(clinic.home, ['sync', 'now']);
      await waitFor(async () => (await stored(clinicId)).rows >= killAt);
      child.kill('SIGKILL');
      assert.equal((await done).signal, 'SIGKILL');
      assert.ok((await stored(clinicId)).rows < 1_001, 'killed before the end');
    }
    const again = await start(clinic.home, ['sync', 'now', '--json']).done;
    assert.equal(again.code, 0, again.stderr);
    assert.equal(clinic.store.pendingOutbox(), 0);
    assert.deepEqual(await stored(clinicId), { rows: 1_001, distinct: 1_001 });
    clinic.close();
  });

  test('clinic serve syncs a registered clinic by itself; sync now meanwhile waits its turn', async () => {
    const { clinic, clinicId } = await registered();
    bulkQueue(clinic, 200);
    const serve = start(clinic.home, ['clinic', 'serve', '--port', '0']);
    await waitFor(async () => (await stored(clinicId)).rows > 0);
    const manual = await start(clinic.home, ['sync', 'now', '--json']).done;
    assert.equal(manual.code, 0, manual.stderr);
    assert.deepEqual(await stored(clinicId), { rows: 201, distinct: 201 });
    serve.child.kill('SIGTERM');
    const stopped = await serve.done;
    assert.equal(stopped.code, 0, stopped.stderr);
    assert.match(stopped.stderr, /"msg":"sync done"/);
    clinic.close();
  });
});
