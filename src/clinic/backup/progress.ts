/** Progress of long backup work, reported per phase so a bar can restart at each. */
// `upload` is the sync's outbox push (`medassist sync now`), counted in items, not bytes.
export type BackupPhase = 'snapshot' | 'encrypt' | 'verify' | 'stage' | 'swap' | 'upload';

export interface BackupProgress {
  phase: BackupPhase;
  bytesDone: number;
  bytesTotal: number;
}

export type ProgressListener = (progress: BackupProgress) => void;
