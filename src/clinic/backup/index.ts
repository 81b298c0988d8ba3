/**
 * Backup and restore of a clinic folder: one encrypted, authenticated `.mab` file per backup
 * (AES-256-GCM chunks under a scrypt key from the clinic passphrase), verify, atomic restore
 * with crash recovery, and the daily backup of a running clinic node.
 */
export { createBackup, backupFileName } from './create-backup.js';
export type { BackupResult, CreateBackupOptions } from './create-backup.js';
export { verifyBackup } from './verify-backup.js';
export type { VerifyResult } from './verify-backup.js';
export { restoreBackup } from './restore-backup.js';
export type { RestoreOptions, RestoreResult, RestoreStep } from './restore-backup.js';
export { recoverInterruptedRestore } from './recover.js';
export type { RecoveryAction } from './recover.js';
export { startDailyBackup, DAY_MS } from './daily-backup.js';
export type {
  BackupLogger,
  BackupOutcome,
  DailyBackup,
  DailyBackupOptions,
  Timers,
} from './daily-backup.js';
export { lastBackupAge, readBackupState, STATE_FILE, writeBackupState } from './backup-state.js';
export type { BackupAge, BackupState } from './backup-state.js';
export { BACKUP_ERROR_CODES, hasBackupCode } from './errors.js';
export type { BackupErrorCode } from './errors.js';
export { DEFAULT_KDF } from './keys.js';
export type { KdfParams } from './format.js';
export { MEMBER_NAMES } from './manifest.js';
export type { BackupManifest, BackupMember, MemberName } from './manifest.js';
export type { BackupPhase, BackupProgress, ProgressListener } from './progress.js';
export { createProgressBar, endProgressLine, renderBar } from './progress-bar.js';
export { confirm, readPassphrase } from './read-passphrase.js';
export { INTENT_FILE, STAGING_DIR } from './swap-plan.js';
