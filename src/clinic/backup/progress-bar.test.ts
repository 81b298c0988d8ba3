import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createProgressBar, renderBar } from './progress-bar.js';

test('no listener exists when the stream is not a terminal, so nothing is printed', () => {
  assert.equal(createProgressBar({ isTTY: false, write: () => true }), undefined);
  assert.equal(createProgressBar({ write: () => true }), undefined);
});

test('on a terminal the bar redraws at most every 100 ms but always draws the end of a phase', () => {
  const written: string[] = [];
  let now = 0;
  const bar = createProgressBar({ isTTY: true, write: (text) => written.push(text) }, () => now);
  assert.ok(bar);
  bar({ phase: 'encrypt', bytesDone: 0, bytesTotal: 100 });
  now = 50;
  bar({ phase: 'encrypt', bytesDone: 50, bytesTotal: 100 });
  now = 99;
  bar({ phase: 'encrypt', bytesDone: 100, bytesTotal: 100 });
  bar({ phase: 'verify', bytesDone: 1, bytesTotal: 100 });

  assert.equal(written.length, 4);
  assert.match(written[1] ?? '', /100%/);
  assert.equal(written[2], '\n');
  assert.match(written[3] ?? '', /^\rverifying/);
});

test('the bar shows the share done and the amount in MiB', () => {
  const line = renderBar({
    phase: 'verify',
    bytesDone: 3 * 1024 * 1024,
    bytesTotal: 12 * 1024 * 1024,
  });
  assert.equal(line, `verifying  [${'#'.repeat(6)}${'-'.repeat(18)}]  25%  3.0/12.0 MiB`);
});
