/**
 * `recoverInterruptedRestore`: call at every clinic start, before clinic.db is opened. It
 * finishes a restore whose intent file was written (roll forward) or discards the staging of
 * one that never got that far (roll back), so the folder holds one whole clinic.
 */
import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { backupError } from './errors.js';
import { exists, fsyncDir, sha256File } from './fs-safe.js';
import { executePlan, INTENT_FILE, parsePlan, STAGING_DIR, type SwapPlan } from './swap-plan.js';

export type RecoveryAction = 'none' | 'rolled-forward' | 'rolled-back';

export async function recoverInterruptedRestore(homeDir: string): Promise<RecoveryAction> {
  if (!(await exists(homeDir))) return 'none';
  await removeIntentTemps(homeDir);
  const intent = join(homeDir, INTENT_FILE);
  if (await exists(intent)) {
    const plan = parsePlan(await readFile(intent, 'utf8'));
    await assertStagedIntact(homeDir, plan);
    await executePlan(homeDir, plan);
    return 'rolled-forward';
  }
  if (await exists(join(homeDir, STAGING_DIR))) {
    await rm(join(homeDir, STAGING_DIR), { recursive: true, force: true });
    await fsyncDir(homeDir);
    return 'rolled-back';
  }

  return 'none';
}

/** A temp intent file that never got renamed is a restore that never committed. */
async function removeIntentTemps(homeDir: string): Promise<void> {
  const temps = (await readdir(homeDir)).filter((name) => name.startsWith(`.${INTENT_FILE}.tmp-`));
  for (const name of temps) await rm(join(homeDir, name), { force: true });
}

/**
 * Staged files were flushed before the intent was written, so a mismatch means the disk
 * changed them; rolling forward would install a damaged clinic, so stop and say so.
 */
async function assertStagedIntact(homeDir: string, plan: SwapPlan): Promise<void> {
  for (const member of plan.members) {
    const staged = join(homeDir, STAGING_DIR, member.name);
    if (!(await exists(staged))) continue;
    if ((await sha256File(staged)) !== member.sha256)
      throw backupError(
        'RESTORE_RECOVERY_FAILED',
        `staged member [${member.name}] of an interrupted restore is damaged; restore again from the backup file`,
        { name: member.name },
      );
  }
}
