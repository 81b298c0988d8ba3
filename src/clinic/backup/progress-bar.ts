/**
 * A one-line progress bar for a terminal. When the stream is not a terminal (a pipe, a log
 * file, CI) there is no listener at all, so scripted use prints nothing extra.
 */
import type { BackupPhase, BackupProgress, ProgressListener } from './progress.js';

const WIDTH = 24;
const REDRAW_MS = 100;

const LABELS: Record<BackupPhase, string> = {
  snapshot: 'snapshot',
  encrypt: 'encrypting',
  verify: 'verifying',
  stage: 'staging',
  swap: 'swapping',
  upload: 'uploading',
};

export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** A listener drawing on `stream`, or undefined when `stream` is not a TTY. */
export function createProgressBar(
  stream: ProgressStream = process.stderr,
  clock: () => number = Date.now,
): ProgressListener | undefined {
  if (stream.isTTY !== true) return undefined;
  let phase: BackupPhase | undefined;
  let drawnAt = 0;

  return (progress) => {
    const finished = progress.bytesDone >= progress.bytesTotal;
    if (progress.phase !== phase) {
      if (phase !== undefined) stream.write('\n');
      phase = progress.phase;
      drawnAt = 0;
    } else if (!finished && clock() - drawnAt < REDRAW_MS) return;
    drawnAt = clock();
    stream.write(`\r${renderBar(progress)}`);
  };
}

/** `encrypting [##########--------------]  42%  1.2/2.9 MiB` */
export function renderBar(progress: BackupProgress): string {
  const ratio = progress.bytesTotal > 0 ? Math.min(1, progress.bytesDone / progress.bytesTotal) : 1;
  const filled = Math.round(ratio * WIDTH);
  const bar = `${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}`;
  const percent = `${Math.floor(ratio * 100)}%`.padStart(4);
  const amount =
    progress.phase === 'upload'
      ? `${progress.bytesDone}/${progress.bytesTotal} items`
      : progress.phase === 'swap' || progress.phase === 'snapshot'
        ? `${progress.bytesDone}/${progress.bytesTotal} steps`
        : `${mib(progress.bytesDone)}/${mib(progress.bytesTotal)} MiB`;

  return `${LABELS[progress.phase].padEnd(10)} [${bar}] ${percent}  ${amount}`;
}

/** Ends the bar's line, if one was drawn. */
export function endProgressLine(stream: ProgressStream = process.stderr): void {
  if (stream.isTTY === true) stream.write('\n');
}

function mib(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}
