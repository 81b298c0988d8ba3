import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, test } from 'node:test';
import { acquireLease, activeSyncPid, releaseLease } from './lease.js';
import { STATE, writeJsonState } from './sync-state.js';
import { makeClinic, removeTempDirs } from './test-helpers/sync-clinic.js';

const clinic = makeClinic();
const db = clinic.store.db;
after(() => {
  clinic.close();
  removeTempDirs();
});

/** The pid of a process that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid;
}

test('a live lease of another holder is refused, naming its pid; its holder renews it', () => {
  assert.deepEqual(acquireLease(db, 'a'), { acquired: true });
  assert.deepEqual(acquireLease(db, 'b'), { acquired: false, pid: process.pid });
  assert.deepEqual(acquireLease(db, 'a'), { acquired: true });
  assert.equal(activeSyncPid(db), process.pid);
  releaseLease(db, 'a');
  assert.equal(activeSyncPid(db), null);
});

test('a lease whose process is gone (kill -9) is taken over at once', () => {
  writeJsonState(db, STATE.lease, {
    holder: 'killed',
    pid: deadPid(),
    expiresAt: Date.now() + 60_000,
  });
  assert.equal(activeSyncPid(db), null);
  assert.deepEqual(acquireLease(db, 'next'), { acquired: true });
  releaseLease(db, 'next');
});

test('an expired lease is taken over even when its process still runs', () => {
  const now = Date.now();
  assert.deepEqual(acquireLease(db, 'slow', 1_000, now), { acquired: true });
  assert.deepEqual(acquireLease(db, 'other', 1_000, now + 999), {
    acquired: false,
    pid: process.pid,
  });
  assert.deepEqual(acquireLease(db, 'other', 1_000, now + 1_000), { acquired: true });
  releaseLease(db, 'other');
});

test('releasing a lease one no longer holds leaves the new holder in place', () => {
  acquireLease(db, 'first', 1_000, Date.now() - 5_000);
  acquireLease(db, 'second');
  releaseLease(db, 'first');
  assert.equal(activeSyncPid(db), process.pid);
  releaseLease(db, 'second');
});
