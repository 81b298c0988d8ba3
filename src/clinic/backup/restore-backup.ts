/**
 * `restoreBackup`: replaces the clinic in `homeDir` (or fills an empty folder) with a backup.
 * The whole file is verified before anything is written; members are then decrypted again into
 * staging, flushed, and swapped in under an intent file (swap-plan.ts). A verification failure
 * leaves the current clinic exactly as it was.
 */
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { backupError } from './errors.js';
import { fsyncDir, writeFileAtomic } from './fs-safe.js';
import type { BackupManifest, BackupMember } from './manifest.js';
import type { MemberSink } from './members-stream.js';
import type { ProgressListener } from './progress.js';
import { recoverInterruptedRestore } from './recover.js';
import {
  executePlan,
  INTENT_FILE,
  planSwap,
  planSteps,
  STAGING_DIR,
  type StepHook,
} from './swap-plan.js';
import { hashOnly, openBackupFile, readMembers } from './verify-backup.js';

export interface RestoreOptions {
  homeDir: string;
  passphrase: string;
  onProgress?: ProgressListener;
  /** Called after staging (`staged`), after the intent is written, and between swap steps. */
  afterStep?: (step: RestoreStep) => void | Promise<void>;
  now?: Date;
}

export type RestoreStep = 'staged' | 'intent-written' | Parameters<StepHook>[0];

export interface RestoreResult {
  manifest: BackupManifest;
  homeDir: string;
}

export async function restoreBackup(file: string, options: RestoreOptions): Promise<RestoreResult> {
  const { homeDir, onProgress } = options;
  await mkdir(homeDir, { recursive: true, mode: 0o700 });
  await recoverInterruptedRestore(homeDir);
  const backup = await openBackupFile(file, options.passphrase);
  let committed = false;
  try {
    const verified = await readMembers(backup, 'verify', hashOnly, onProgress);
    const staging = join(homeDir, STAGING_DIR);
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { mode: 0o700 });
    const sinks = new StagedFiles(staging);
    const staged = await readMembers(backup, 'stage', (m) => sinks.open(m), onProgress).finally(
      () => sinks.closeAll(),
    );
    if (JSON.stringify(staged) !== JSON.stringify(verified))
      throw backupError('BACKUP_TAMPERED', 'the backup file changed while it was being restored');
    await fsyncDir(staging);
    await fsyncDir(homeDir);
    await options.afterStep?.('staged');

    const plan = planSwap(staged.members, options.now ?? new Date());
    await writeFileAtomic(join(homeDir, INTENT_FILE), JSON.stringify(plan));
    committed = true;
    await options.afterStep?.('intent-written');
    const steps = planSteps(plan);
    let done = 0;
    await executePlan(homeDir, plan, async (step) => {
      done += 1;
      onProgress?.({ phase: 'swap', bytesDone: done, bytesTotal: steps.length });
      await options.afterStep?.(step);
    });

    return { manifest: staged, homeDir };
  } finally {
    await backup.close();
    // Before the commit point the old clinic is whole: drop what was staged. After it, a
    // failed swap is left for recoverInterruptedRestore to finish.
    if (!committed) await rm(join(homeDir, STAGING_DIR), { recursive: true, force: true });
  }
}

/** Staged member files; any left open by a failed pass (a full disk, say) are closed. */
class StagedFiles {
  private readonly handles = new Set<FileHandle>();

  constructor(private readonly dir: string) {}

  async open(member: BackupMember): Promise<MemberSink> {
    const handle = await open(join(this.dir, member.name), 'wx', 0o600);
    this.handles.add(handle);
    let position = 0;

    return {
      write: async (piece) => {
        for (let done = 0; done < piece.length;) {
          const { bytesWritten } = await handle.write(piece, done, piece.length - done, position);
          done += bytesWritten;
          position += bytesWritten;
        }
      },
      end: async () => {
        await handle.sync();
        this.handles.delete(handle);
        await handle.close();
      },
    };
  }

  async closeAll(): Promise<void> {
    for (const handle of this.handles) await handle.close().catch(() => undefined);
    this.handles.clear();
  }
}
