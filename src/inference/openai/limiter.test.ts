import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MedAssistError } from '../../shared/errors.js';
import { createLimiter } from './limiter.js';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

test('runs at most the concurrency limit at once and queues the rest in order', async () => {
  const limiter = createLimiter({ concurrency: 2, maxQueue: 5 });
  const gates = [gate(), gate(), gate()];
  const order: number[] = [];
  const jobs = gates.map((g, i) =>
    limiter.run(async () => {
      order.push(i);
      await g.opened;
    }),
  );

  assert.equal(limiter.active, 2);
  assert.equal(limiter.queued, 1);
  assert.equal(limiter.depth, 3);
  gates[0]?.open();
  await jobs[0];
  assert.deepEqual(order, [0, 1, 2]);
  gates[1]?.open();
  gates[2]?.open();
  await Promise.all(jobs);
  assert.equal(limiter.depth, 0);
});

test('refuses a job at once when the queue is full', async () => {
  const limiter = createLimiter({ concurrency: 1, maxQueue: 1 });
  const g = gate();
  const running = limiter.run(() => g.opened);
  const waiting = limiter.run(() => Promise.resolve());

  await assert.rejects(
    limiter.run(() => Promise.resolve()),
    (e) => e instanceof MedAssistError && e.code === 'MODEL_QUEUE_FULL',
  );
  g.open();
  await Promise.all([running, waiting]);
});

test('a job aborted while it waits leaves the queue without running', async () => {
  const limiter = createLimiter({ concurrency: 1, maxQueue: 3 });
  const g = gate();
  const running = limiter.run(() => g.opened);
  const controller = new AbortController();
  let ran = false;
  const waiting = limiter.run(() => {
    ran = true;
    return Promise.resolve();
  }, controller.signal);

  controller.abort();
  await assert.rejects(waiting, (e) => e instanceof MedAssistError && e.code === 'MODEL_ABORTED');
  assert.equal(limiter.queued, 0);
  g.open();
  await running;
  assert.equal(ran, false);
});

test('a failing job frees its place for the next one', async () => {
  const limiter = createLimiter({ concurrency: 1, maxQueue: 1 });
  await assert.rejects(limiter.run(() => Promise.reject(new Error('boom'))));

  assert.equal(await limiter.run(() => Promise.resolve(7)), 7);
});
