/**
 * `createBackup`: one encrypted `.mab` file of a clinic folder, written to a temporary name in
 * the target folder, flushed and renamed, so a pulled USB stick never holds half a backup
 * under the final name.
 */
import { mkdtemp, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../shared/errors.js';
import { writeContainer } from './container-writer.js';
import type { KdfParams } from './format.js';
import { exists, fsyncDir, removeFile, sha256File } from './fs-safe.js';
import type { BackupManifest, BackupMember } from './manifest.js';
import { packMembers } from './members-stream.js';
import type { ProgressListener } from './progress.js';
import { snapshotClinic } from './snapshot.js';

export interface CreateBackupOptions {
  homeDir: string;
  /** The clinic's 32-byte data key (opens clinic.db for the snapshot). */
  dataKey: Buffer;
  /** The clinic passphrase; the backup key is derived from it. */
  passphrase: string;
  /** Folder to write into, e.g. a USB drive; must exist. */
  toDir: string;
  now?: Date;
  onProgress?: ProgressListener;
  /** scrypt cost; the default is right for real backups (keys.ts), tests pass cheaper ones. */
  kdf?: KdfParams;
  chunkSize?: number;
}

export interface BackupResult {
  file: string;
  bytes: number;
  members: BackupMember[];
  /** SHA-256 of the whole backup file, hex. */
  sha256: string;
}

export async function createBackup(options: CreateBackupOptions): Promise<BackupResult> {
  await assertOptions(options);
  const created = options.now ?? new Date();
  const workDir = await mkdtemp(join(options.homeDir, '.backup-work-'));
  try {
    options.onProgress?.({ phase: 'snapshot', bytesDone: 0, bytesTotal: 1 });
    const snapshot = await snapshotClinic(options.homeDir, options.dataKey, workDir);
    options.onProgress?.({ phase: 'snapshot', bytesDone: 1, bytesTotal: 1 });
    const clinicId = await readClinicId(options.homeDir);
    const members = snapshot.map(({ name, size, sha256 }) => ({ name, size, sha256 }));
    const manifest: BackupManifest = {
      format: 'medassist-backup',
      formatVersion: 1,
      created: created.toISOString(),
      clinicId,
      appVersion: await appVersion(),
      members,
    };
    const paths = new Map(snapshot.map((member) => [member.name, member.path]));
    const file = await freeName(options.toDir, backupFileName(clinicId, created));
    await writeAtomically(file, manifest, (member) => paths.get(member.name) ?? '', options);

    return { file, bytes: (await stat(file)).size, members, sha256: await sha256File(file) };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

async function writeAtomically(
  file: string,
  manifest: BackupManifest,
  pathOf: (member: BackupMember) => string,
  options: CreateBackupOptions,
): Promise<void> {
  const temp = `${file}.partial`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    const packed = packMembers(manifest, pathOf);
    const report = (bytesDone: number) =>
      options.onProgress?.({ phase: 'encrypt', bytesDone, bytesTotal: packed.plaintextBytes });
    await writeContainer(handle, {
      passphrase: options.passphrase,
      ...packed,
      ...(options.kdf && { kdf: options.kdf }),
      ...(options.chunkSize && { chunkSize: options.chunkSize }),
      onBytes: report,
    });
    await handle.sync();
    await handle.close();
    await rename(temp, file);
    await fsyncDir(options.toDir);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await removeFile(temp);
    throw error;
  }
}

async function assertOptions(options: CreateBackupOptions): Promise<void> {
  if (options.passphrase.length === 0)
    throw new InputError([{ field: 'passphrase', message: 'must not be empty' }]);
  if (options.dataKey.length !== 32)
    throw new InputError([
      { field: 'dataKey', message: `must be 32 bytes, got [${options.dataKey.length}]` },
    ]);
  if (!(await exists(options.toDir)))
    throw new InputError([{ field: '--to', message: `folder does not exist [${options.toDir}]` }]);
}

/** `medassist-backup-<clinic>-<UTC yyyymmddThhmmssZ>.mab` */
export function backupFileName(clinicId: string | null, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  const safe = (clinicId ?? 'clinic').replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64) || 'clinic';

  return `medassist-backup-${safe}-${stamp}.mab`;
}

/** Two backups in one second get `-2`, `-3`… rather than replacing each other. */
async function freeName(dir: string, name: string): Promise<string> {
  for (let n = 1; ; n += 1) {
    const candidate = join(dir, n === 1 ? name : name.replace(/\.mab$/, `-${n}.mab`));
    if (!(await exists(candidate)) && !(await exists(`${candidate}.partial`))) return candidate;
  }
}

async function readClinicId(homeDir: string): Promise<string | null> {
  try {
    const config = JSON.parse(await readFile(join(homeDir, 'config.json'), 'utf8')) as unknown;
    const id = (config as { clinicId?: unknown } | null)?.clinicId;
    return typeof id === 'string' && id.length > 0 ? id : null;
  } catch {
    return null;
  }
}

async function appVersion(): Promise<string> {
  try {
    const url = new URL('../../../package.json', import.meta.url);
    const pkg = JSON.parse(await readFile(url, 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
