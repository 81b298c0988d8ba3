/**
 * One sync at a time across processes: a lease row in the clinic database (sync_state
 * `lease`). Taking it is one IMMEDIATE transaction, so two processes cannot both win. A lease
 * is stale when it has expired or its process is gone (kill -9): then the next sync takes it
 * over. The holder renews it between batches.
 */
import type { ClinicDatabase } from '../store/database.js';
import { readJsonState, STATE, writeJsonState } from './sync-state.js';

interface LeaseRow {
  holder: string;
  pid: number;
  expiresAt: number;
}

export type LeaseAttempt = { acquired: true } | { acquired: false; pid: number };

const DEFAULT_TTL_MS = 60_000;

/** True when a process with this pid exists (EPERM: it exists but is not ours). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isLive(lease: LeaseRow | null, now: number): lease is LeaseRow {
  return lease !== null && lease.expiresAt > now && isProcessAlive(lease.pid);
}

export function acquireLease(
  db: ClinicDatabase,
  holder: string,
  ttlMs = DEFAULT_TTL_MS,
  now = Date.now(),
): LeaseAttempt {
  const take = db.transaction((): LeaseAttempt => {
    const current = readJsonState<LeaseRow>(db, STATE.lease);
    if (isLive(current, now) && current.holder !== holder)
      return { acquired: false, pid: current.pid };
    writeJsonState(db, STATE.lease, { holder, pid: process.pid, expiresAt: now + ttlMs });
    return { acquired: true };
  });
  return take.immediate();
}

/** Extends a lease this holder has; false when it was lost (expired and taken over). */
export function renewLease(db: ClinicDatabase, holder: string, ttlMs = DEFAULT_TTL_MS): boolean {
  return acquireLease(db, holder, ttlMs).acquired;
}

export function releaseLease(db: ClinicDatabase, holder: string): void {
  db.transaction(() => {
    const current = readJsonState<LeaseRow>(db, STATE.lease);
    if (current?.holder === holder) writeJsonState(db, STATE.lease, null);
  }).immediate();
}

/** The pid of a live sync, or null: for the status of any process. */
export function activeSyncPid(db: ClinicDatabase, now = Date.now()): number | null {
  const current = readJsonState<LeaseRow>(db, STATE.lease);
  return isLive(current, now) ? current.pid : null;
}
