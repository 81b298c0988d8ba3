/**
 * `verifyBackup`: decrypts every chunk and hashes every member without writing anything, so
 * a backup can be checked on the clinic laptop or any other before it is needed.
 */
import { InputError } from '../../shared/errors.js';
import { openBackup, type OpenedBackup } from './container-reader.js';
import type { BackupManifest, BackupMember } from './manifest.js';
import { unpackMembers, type MemberSink } from './members-stream.js';
import type { BackupPhase, ProgressListener } from './progress.js';

export interface VerifyResult {
  manifest: BackupManifest;
  /** Size of the backup file. */
  bytes: number;
}

export async function verifyBackup(
  file: string,
  passphrase: string,
  onProgress?: ProgressListener,
): Promise<VerifyResult> {
  const backup = await openBackupFile(file, passphrase);
  try {
    const manifest = await readMembers(backup, 'verify', hashOnly, onProgress);
    return { manifest, bytes: backup.fileBytes };
  } finally {
    await backup.close();
  }
}

/** Opens a backup, turning a missing file into an input error that names it. */
export async function openBackupFile(file: string, passphrase: string): Promise<OpenedBackup> {
  try {
    return await openBackup(file, passphrase);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR')
      throw new InputError([{ field: 'FILE', message: `no backup file at [${file}]` }], {
        cause: error,
      });
    throw error;
  }
}

/** A sink-less pass: members are only hashed. */
export const hashOnly = (): Promise<undefined> => Promise.resolve(undefined);

/** One full pass over the plaintext: each member goes to `sinkFor(member)`, or only hashed. */
export function readMembers(
  backup: OpenedBackup,
  phase: BackupPhase,
  sinkFor: (member: BackupMember) => Promise<MemberSink | undefined>,
  onProgress?: ProgressListener,
): Promise<BackupManifest> {
  const bytesTotal = backup.fileBytes;
  const report = (bytesDone: number) => onProgress?.({ phase, bytesDone, bytesTotal });

  return unpackMembers(backup.chunks(report), sinkFor);
}
