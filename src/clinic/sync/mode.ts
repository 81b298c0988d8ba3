/**
 * Connectivity modes (ARCHITECTURE.md, "Sync"; issue 4, "Modes"), as a pure state machine over
 * probe results, with hysteresis:
 *
 * | from              | probe                     | to                            |
 * | ----------------- | ------------------------- | ----------------------------- |
 * | ONLINE            | ok, fast, link clean      | ONLINE                        |
 * | ONLINE, DEGRADED  | failed                    | OFFLINE at once               |
 * | OFFLINE           | ok                        | ONLINE + background sync      |
 * | any but OFFLINE   | ok but slow or lossy      | DEGRADED                      |
 * | DEGRADED          | ok, fast, link clean      | ONLINE                        |
 * | OFFLINE           | failed                    | OFFLINE                       |
 *
 * "Lossy" counts failures over the last `window` probes taken while the link was up (probes
 * that fail while OFFLINE only confirm the outage); one outage is one failure, so a link that
 * drops twice within the window comes back DEGRADED. A slow or lossy link that comes back
 * from OFFLINE goes to DEGRADED, also with a background sync.
 */
import type { Mode } from '../../protocol/v1.js';

export interface ModeSettings {
  /** A probe slower than this (ms) makes the link DEGRADED. */
  slowRttMs: number;
  /** How many recent probes decide "lossy". */
  window: number;
  /** Failures within the window from which the link is lossy. */
  lossyFailures: number;
}

export const DEFAULT_MODE_SETTINGS: ModeSettings = {
  slowRttMs: 2_000,
  window: 10,
  lossyFailures: 2,
};

export interface ModeState {
  mode: Mode;
  /** Outcomes of the recent probes while up: true = ok. Oldest first. */
  recent: readonly boolean[];
}

export type Probe = { ok: true; rttMs: number } | { ok: false };

export interface ModeStep {
  state: ModeState;
  changed: boolean;
  /** A connection appeared: run a background sync now. */
  syncNow: boolean;
}

export const INITIAL_MODE: ModeState = { mode: 'OFFLINE', recent: [] };

function remember(recent: readonly boolean[], ok: boolean, window: number): boolean[] {
  return [...recent, ok].slice(-window);
}

/** The next mode after one probe. */
export function nextMode(state: ModeState, probe: Probe, s = DEFAULT_MODE_SETTINGS): ModeStep {
  if (!probe.ok) {
    // A failure while already OFFLINE does not count again: it is the same outage.
    const recent =
      state.mode === 'OFFLINE' ? state.recent : remember(state.recent, false, s.window);
    return step(state, { mode: 'OFFLINE', recent }, false);
  }

  const recent = remember(state.recent, true, s.window);
  const failures = recent.filter((ok) => !ok).length;
  const healthy = probe.rttMs <= s.slowRttMs && failures < s.lossyFailures;
  return step(state, { mode: healthy ? 'ONLINE' : 'DEGRADED', recent }, state.mode === 'OFFLINE');
}

function step(from: ModeState, to: ModeState, syncNow: boolean): ModeStep {
  return { state: to, changed: from.mode !== to.mode, syncNow };
}

/** How many outbox items go in one batch in a mode: small syncs only when DEGRADED. */
export function batchSizeFor(mode: Mode, online: number): number {
  switch (mode) {
    case 'ONLINE':
      return online;
    case 'DEGRADED':
      return Math.max(1, Math.min(10, Math.floor(online / 5)));
    case 'OFFLINE':
      return 0;
  }
}
