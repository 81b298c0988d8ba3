/**
 * The stable error codes of backup and restore. Every failure a person can act on has its own
 * code, so the CLI, `medassist doctor` and the tests tell a wrong passphrase from a damaged file.
 */
import { MedAssistError } from '../../shared/errors.js';

export const BACKUP_ERROR_CODES = [
  /** The passphrase does not open the backup (or the header was rewritten with a new checksum). */
  'BACKUP_PASSPHRASE_WRONG',
  /** A byte of the header, a chunk or a member differs from what was written. */
  'BACKUP_TAMPERED',
  /** The file ends before its last chunk. */
  'BACKUP_TRUNCATED',
  /** Not a MedAssist backup, or a format version this build does not read. */
  'BACKUP_FORMAT_UNSUPPORTED',
  /** The clinic to back up has no `clinic.db`, or a snapshot is not what it must be. */
  'BACKUP_SOURCE_INVALID',
  /** A restore was interrupted and its staged files no longer match the plan. */
  'RESTORE_RECOVERY_FAILED',
] as const;

export type BackupErrorCode = (typeof BACKUP_ERROR_CODES)[number];

export function backupError(
  code: BackupErrorCode,
  message: string,
  details: Record<string, unknown> = {},
  cause?: unknown,
): MedAssistError {
  return new MedAssistError(code, message, cause === undefined ? { details } : { details, cause });
}

/** True when `error` is a backup error with `code`. */
export function hasBackupCode(error: unknown, code: BackupErrorCode): boolean {
  return error instanceof MedAssistError && error.code === code;
}
