/**
 * The daily backup of a running clinic node: one run per `intervalMs` (24 h), the first at
 * start when the last success is older than that, never two at once. A failure is logged by
 * its code and retried after `retryMs`; no patient data reaches the log.
 */
import { MedAssistError } from '../../shared/errors.js';
import { readBackupState, writeBackupState } from './backup-state.js';
import { createBackup, type BackupResult, type CreateBackupOptions } from './create-backup.js';

export const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

export interface BackupLogger {
  info(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** The scheduler's view of time, injectable so tests advance a clock instead of waiting. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export type BackupOutcome = { ok: true; result: BackupResult } | { ok: false; code: string };

export interface DailyBackupOptions {
  homeDir: string;
  toDir: string;
  /** Called at each run, so the node decides how long it holds the secrets. */
  getKey: () => Promise<{ dataKey: Buffer; passphrase: string }>;
  intervalMs?: number;
  retryMs?: number;
  now?: () => Date;
  timers?: Timers;
  log?: BackupLogger;
  onOutcome?: (outcome: BackupOutcome) => void;
  /** Passed to createBackup (tests use a cheap scrypt cost). */
  kdf?: CreateBackupOptions['kdf'];
}

export interface DailyBackup {
  /** Runs a backup now, or joins the one already running. */
  runNow(): Promise<BackupOutcome>;
  /** Settles once the first run is scheduled (after `backup-state.json` was read). */
  ready: Promise<void>;
  /** Cancels the schedule and waits for a running backup to finish. */
  stop(): Promise<void>;
}

export function startDailyBackup(options: DailyBackupOptions): DailyBackup {
  const interval = options.intervalMs ?? DAY_MS;
  const now = options.now ?? (() => new Date());
  const timers = options.timers ?? realTimers();
  let timer: unknown;
  let running: Promise<BackupOutcome> | undefined;
  let stopped = false;

  const schedule = (ms: number) => {
    if (stopped) return;
    timers.clearTimeout(timer);
    // Node's timers fire at once for delays past 2^31-1 ms (24.8 days), so clamp.
    timer = timers.setTimeout(() => void runNow(), Math.min(Math.max(0, ms), 2 ** 31 - 1));
  };
  const runNow = (): Promise<BackupOutcome> => {
    running ??= runOnce(options, now).then((outcome) => {
      running = undefined;
      schedule(outcome.ok ? interval : (options.retryMs ?? HOUR_MS));
      options.onOutcome?.(outcome);
      return outcome;
    });
    return running;
  };
  const ready = readBackupState(options.homeDir).then((state) => {
    const last = state.lastSuccessAt === undefined ? undefined : Date.parse(state.lastSuccessAt);
    schedule(last === undefined ? 0 : last + interval - now().getTime());
  });

  return {
    runNow,
    ready,
    async stop() {
      stopped = true;
      timers.clearTimeout(timer);
      await running;
    },
  };
}

async function runOnce(options: DailyBackupOptions, now: () => Date): Promise<BackupOutcome> {
  const log = options.log ?? jsonLineLogger;
  const started = now();
  const state = await readBackupState(options.homeDir);
  try {
    const { dataKey, passphrase } = await options.getKey();
    const result = await createBackup({
      homeDir: options.homeDir,
      dataKey,
      passphrase,
      toDir: options.toDir,
      now: started,
      ...(options.kdf && { kdf: options.kdf }),
    });
    await writeBackupState(options.homeDir, {
      lastSuccessAt: started.toISOString(),
      file: result.file,
      bytes: result.bytes,
      sha256: result.sha256,
    });
    log.info(
      { bytes: result.bytes, durationMs: now().getTime() - started.getTime() },
      'daily backup written',
    );
    return { ok: true, result };
  } catch (error) {
    const code = error instanceof MedAssistError ? error.code : 'BACKUP_FAILED';
    const errno = (error as NodeJS.ErrnoException | undefined)?.code;
    await writeBackupState(options.homeDir, {
      ...state,
      lastFailureAt: started.toISOString(),
      lastErrorCode: code,
    }).catch(() => undefined);
    log.error(
      { code, ...(errno !== undefined && errno !== code && { errno }) },
      'daily backup failed',
    );
    return { ok: false, code };
  }
}

function realTimers(): Timers {
  return {
    // unref: a pending backup must not keep a stopping process alive.
    setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout | undefined),
  };
}

const jsonLineLogger: BackupLogger = {
  info: (fields, message) =>
    process.stderr.write(`${JSON.stringify({ level: 'info', message, ...fields })}\n`),
  error: (fields, message) =>
    process.stderr.write(`${JSON.stringify({ level: 'error', message, ...fields })}\n`),
};
