import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { batchSizeFor, INITIAL_MODE, nextMode, type ModeState, type Probe } from './mode.js';

const OK: Probe = { ok: true, rttMs: 80 };
const SLOW: Probe = { ok: true, rttMs: 2_001 };
const AT_LIMIT: Probe = { ok: true, rttMs: 2_000 };
const FAIL: Probe = { ok: false };

function run(probes: readonly Probe[], from: ModeState = INITIAL_MODE) {
  let state = from;
  const modes: string[] = [];
  for (const p of probes) {
    state = nextMode(state, p).state;
    modes.push(state.mode);
  }
  return { state, modes };
}
const online = run([OK]).state;

describe('connectivity modes', () => {
  test('ONLINE and a good probe stays ONLINE without a sync', () => {
    const step = nextMode(online, OK);
    assert.deepEqual([step.state.mode, step.changed, step.syncNow], ['ONLINE', false, false]);
  });

  test('ONLINE and a failed probe goes OFFLINE at once', () => {
    const step = nextMode(online, FAIL);
    assert.deepEqual([step.state.mode, step.changed], ['OFFLINE', true]);
  });

  test('OFFLINE and a good probe returns ONLINE with a background sync', () => {
    const offline = nextMode(online, FAIL).state;
    const step = nextMode(offline, OK);
    assert.deepEqual([step.state.mode, step.changed, step.syncNow], ['ONLINE', true, true]);
  });

  test('OFFLINE and a failed probe stays OFFLINE and counts the outage once', () => {
    const { state, modes } = run([FAIL, FAIL, FAIL], online);
    assert.deepEqual(modes, ['OFFLINE', 'OFFLINE', 'OFFLINE']);
    assert.equal(state.recent.filter((ok) => !ok).length, 1);
  });

  test('a probe over the RTT threshold makes ONLINE DEGRADED; one at the threshold does not', () => {
    assert.equal(nextMode(online, SLOW).state.mode, 'DEGRADED');
    assert.equal(nextMode(online, AT_LIMIT).state.mode, 'ONLINE');
  });

  test('a link that dropped twice within the window comes back DEGRADED, with a sync', () => {
    const { modes } = run([FAIL, OK, FAIL], online);
    assert.deepEqual(modes, ['OFFLINE', 'ONLINE', 'OFFLINE']);
    const step = nextMode(run([FAIL, OK, FAIL], online).state, OK);
    assert.deepEqual([step.state.mode, step.syncNow], ['DEGRADED', true]);
  });

  test('DEGRADED returns ONLINE once the failures have left the window and the link is fast', () => {
    const lossy = run([FAIL, OK, FAIL, OK], online).state;
    assert.equal(lossy.mode, 'DEGRADED');
    const { modes } = run(
      Array.from({ length: 9 }, () => OK),
      lossy,
    );
    assert.equal(modes.at(-1), 'ONLINE');
    assert.equal(modes[0], 'DEGRADED');
  });

  test('DEGRADED and a slow probe stays DEGRADED; a failed one goes OFFLINE', () => {
    const degraded = nextMode(online, SLOW).state;
    assert.equal(nextMode(degraded, SLOW).changed, false);
    assert.equal(nextMode(degraded, FAIL).state.mode, 'OFFLINE');
  });

  test('a DEGRADED link with a fast clean probe goes ONLINE without a sync', () => {
    const step = nextMode(nextMode(online, SLOW).state, OK);
    assert.deepEqual([step.state.mode, step.syncNow], ['ONLINE', false]);
  });

  test('the start state is OFFLINE until a probe succeeds', () => {
    assert.equal(INITIAL_MODE.mode, 'OFFLINE');
    assert.equal(nextMode(INITIAL_MODE, OK).syncNow, true);
  });
});

describe('batch size by mode', () => {
  test('ONLINE uses the configured batch, DEGRADED a small one, OFFLINE none', () => {
    assert.deepEqual(
      [batchSizeFor('ONLINE', 50), batchSizeFor('DEGRADED', 50), batchSizeFor('OFFLINE', 50)],
      [50, 10, 0],
    );
    assert.equal(batchSizeFor('DEGRADED', 3), 1);
  });
});
