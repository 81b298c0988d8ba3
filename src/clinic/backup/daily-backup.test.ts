import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { lastBackupAge, readBackupState, STATE_FILE } from './backup-state.js';
import { DAY_MS, startDailyBackup, type BackupOutcome, type Timers } from './daily-backup.js';
import { ids, makeClinic, PASSPHRASE, tempDir, TEST_KDF } from './test-helpers/clinic-fixture.js';

const root = tempDir('backup-daily');
after(() => rmSync(root, { recursive: true, force: true }));
const dataKey = randomBytes(32);
const START = Date.parse('2026-05-01T06:00:00Z');

/** A clock the test moves by hand; timers fire when it passes them, never on their own. */
class FakeClock implements Timers {
  time = START;
  private pending = new Map<number, { at: number; callback: () => void }>();
  private nextId = 1;

  now = () => new Date(this.time);
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.set(id, { at: this.time + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** Due times of the timers still set, relative to now. */
  dueIn(): number[] {
    return [...this.pending.values()].map((t) => t.at - this.time);
  }
  advance(ms: number): void {
    this.time += ms;
    for (const [id, timer] of this.pending)
      if (timer.at <= this.time) {
        this.pending.delete(id);
        timer.callback();
      }
  }
}

function setup(name: string, state?: object) {
  const homeDir = join(root, name);
  const toDir = join(root, `${name}-usb`);
  makeClinic(homeDir, { dataKey, rows: ids(name, 3), generation: name });
  mkdirSync(toDir);
  if (state) writeFileSync(join(homeDir, STATE_FILE), JSON.stringify(state));
  const clock = new FakeClock();
  const outcomes: BackupOutcome[] = [];
  const waiters: (() => void)[] = [];
  const logs: string[] = [];
  let keyCalls = 0;
  const handle = startDailyBackup({
    homeDir,
    toDir,
    getKey: () => {
      keyCalls += 1;
      return Promise.resolve({ dataKey, passphrase: PASSPHRASE });
    },
    now: clock.now,
    timers: clock,
    kdf: TEST_KDF,
    log: {
      info: (f, m) => logs.push(JSON.stringify({ m, ...f })),
      error: (f, m) => logs.push(JSON.stringify({ m, ...f })),
    },
    onOutcome: (outcome) => {
      outcomes.push(outcome);
      waiters.shift()?.();
    },
  });
  const nextOutcome = () => new Promise<void>((resolve) => waiters.push(resolve));

  return {
    homeDir,
    toDir,
    clock,
    outcomes,
    logs,
    handle,
    nextOutcome,
    keyCalls: () => keyCalls,
  };
}

test('a clinic never backed up gets a backup at start, then one a day', async () => {
  const s = setup('first');
  await s.handle.ready;
  const first = s.nextOutcome();
  s.clock.advance(0);
  await first;

  assert.equal(s.outcomes.length, 1);
  assert.deepEqual(s.clock.dueIn(), [DAY_MS]);
  s.clock.advance(DAY_MS - 1);
  assert.equal(s.outcomes.length, 1, 'nothing runs a millisecond early');
  const second = s.nextOutcome();
  s.clock.advance(1);
  await second;
  assert.equal(s.outcomes.length, 2);
  assert.equal(readdirSync(s.toDir).length, 2);
  await s.handle.stop();
});

test('a start 23 h after the last success waits 1 h; 24 h less 1 ms waits 1 ms; 24 h or 25 h runs at once', async () => {
  const recent = setup('recent', { lastSuccessAt: new Date(START - 23 * 3600_000).toISOString() });
  const stale = setup('stale', { lastSuccessAt: new Date(START - 25 * 3600_000).toISOString() });
  const exact = setup('exact', { lastSuccessAt: new Date(START - DAY_MS).toISOString() });
  const almost = setup('almost', { lastSuccessAt: new Date(START - DAY_MS + 1).toISOString() });
  await Promise.all([recent, stale, exact, almost].map((s) => s.handle.ready));

  assert.deepEqual(recent.clock.dueIn(), [3600_000]);
  assert.deepEqual(stale.clock.dueIn(), [0]);
  assert.deepEqual(exact.clock.dueIn(), [0]);
  assert.deepEqual(almost.clock.dueIn(), [1]);
  await Promise.all([recent, stale, exact, almost].map((s) => s.handle.stop()));
});

test('a success is recorded in backup-state.json and read back by lastBackupAge', async () => {
  const s = setup('state');
  const outcome = await s.handle.runNow();
  assert.equal(outcome.ok, true);
  const state = await readBackupState(s.homeDir);
  const later = new Date(START + 5000);

  assert.equal(state.lastSuccessAt, new Date(START).toISOString());
  assert.deepEqual(await lastBackupAge(s.homeDir, later), {
    ageMs: 5000,
    lastSuccessAt: state.lastSuccessAt,
    file: outcome.ok ? outcome.result.file : undefined,
    bytes: outcome.ok ? outcome.result.bytes : undefined,
  });
  assert.equal(await lastBackupAge(join(root, 'never')), null);
  await s.handle.stop();
});

test('two runs asked for at once share one backup', async () => {
  const s = setup('once');
  const [a, b] = await Promise.all([s.handle.runNow(), s.handle.runNow()]);

  assert.equal(a, b);
  assert.equal(s.keyCalls(), 1);
  assert.equal(readdirSync(s.toDir).length, 1);
  await s.handle.stop();
});

test('a failed backup is logged by code only, keeps the last success, and retries in an hour', async () => {
  const s = setup('fail', { lastSuccessAt: new Date(START - 2 * DAY_MS).toISOString() });
  rmSync(s.toDir, { recursive: true });
  const outcome = await s.handle.runNow();

  assert.deepEqual(outcome, { ok: false, code: 'INPUT_INVALID' });
  assert.deepEqual(s.clock.dueIn(), [3600_000]);
  assert.equal(
    (await readBackupState(s.homeDir)).lastSuccessAt,
    new Date(START - 2 * DAY_MS).toISOString(),
  );
  assert.deepEqual(s.logs, [JSON.stringify({ m: 'daily backup failed', code: 'INPUT_INVALID' })]);
  assert.equal(readFileSync(join(s.homeDir, STATE_FILE), 'utf8').includes('fail-'), false);
  await s.handle.stop();
});

test('after stop no timer is left and no backup runs', async () => {
  const s = setup('stop');
  await s.handle.ready;
  await s.handle.stop();
  s.clock.advance(2 * DAY_MS);

  assert.deepEqual(s.clock.dueIn(), []);
  assert.equal(s.outcomes.length, 0);
});
