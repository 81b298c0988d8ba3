/** Progress of long backup work, reported per phase so a bar can restart at each. */
export type BackupPhase = 'snapshot' | 'encrypt' | 'verify' | 'stage' | 'swap';

export interface BackupProgress {
  phase: BackupPhase;
  bytesDone: number;
  bytesTotal: number;
}

export type ProgressListener = (progress: BackupProgress) => void;
