/**
 * A concurrency limit with a bounded first-in first-out queue: at most `concurrency` jobs run,
 * the rest wait their turn, and beyond `maxQueue` waiting jobs a new one is refused at once
 * (a full queue means the caller should go elsewhere, not wait longer). A job whose signal
 * aborts while it waits leaves the queue without running. Used by `model serve` (one engine)
 * and by the coordinator's gateway (one limiter per upstream).
 */
import { MedAssistError } from '../../shared/errors.js';

export interface Limiter {
  readonly concurrency: number;
  readonly active: number;
  readonly queued: number;
  /** Running plus waiting: what the gateway balances on. */
  readonly depth: number;
  run<T>(job: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

interface Waiter {
  start: () => void;
  cancel: (error: Error) => void;
}

export function createLimiter(o: { concurrency: number; maxQueue: number }): Limiter {
  let active = 0;
  const waiting: Waiter[] = [];

  const release = () => {
    active -= 1;
    waiting.shift()?.start();
  };

  function enter(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(aborted());
    if (active < o.concurrency) {
      active += 1;
      return Promise.resolve();
    }
    if (waiting.length >= o.maxQueue) {
      const error = new MedAssistError('MODEL_QUEUE_FULL', `model queue is full [${o.maxQueue}]`, {
        details: { maxQueue: o.maxQueue },
      });
      return Promise.reject(error);
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => waiter.cancel(aborted());
      const waiter: Waiter = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          active += 1;
          resolve();
        },
        cancel: (error) => {
          waiting.splice(waiting.indexOf(waiter), 1);
          reject(error);
        },
      };
      waiting.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  return {
    concurrency: o.concurrency,
    get active() {
      return active;
    },
    get queued() {
      return waiting.length;
    },
    get depth() {
      return active + waiting.length;
    },
    async run(job, signal) {
      await enter(signal);
      try {
        return await job();
      } finally {
        release();
      }
    },
  };
}

function aborted(): MedAssistError {
  return new MedAssistError('MODEL_ABORTED', 'request aborted while waiting in the queue');
}
