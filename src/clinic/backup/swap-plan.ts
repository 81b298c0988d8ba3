/**
 * The swap that makes a restore atomic across several files.
 *
 * Staged members are flushed first; then the intent file is written atomically. Its presence
 * is the commit point: before it, an interrupted restore is rolled back by deleting staging
 * (the old files were never touched); after it, the swap is rolled forward by re-running the
 * same idempotent steps. The old database's `-wal`, `-shm` and `-journal` are deleted before
 * the restored clinic.db is renamed in: SQLite would otherwise replay the old WAL frames,
 * written under the same data key, onto the restored file.
 */
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { backupError } from './errors.js';
import { exists, fsyncDir, removeFile } from './fs-safe.js';
import { MEMBER_NAMES, type BackupMember } from './manifest.js';

export const STAGING_DIR = '.restore-staging';
export const INTENT_FILE = '.restore-intent.json';

/** Files of the old clinic that must not outlive a restore, even if the backup lacks them. */
const SIDE_FILES = ['clinic.db-wal', 'clinic.db-shm', 'clinic.db-journal'] as const;
const REMOVABLE = [...SIDE_FILES, ...MEMBER_NAMES] as const;

const planSchema = z.object({
  version: z.literal(1),
  createdAt: z.iso.datetime(),
  members: z.array(
    z.object({
      name: z.enum(MEMBER_NAMES),
      size: z.number().int().min(0),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
  remove: z.array(z.enum(REMOVABLE)),
});

export type SwapPlan = z.infer<typeof planSchema>;

/** Named points between swap steps (tests pause a restore at each to kill it there). */
export type SwapStep = `removed:${string}` | `swapped:${string}` | 'synced' | 'intent-removed';
export type StepHook = (step: SwapStep) => void | Promise<void>;

/** The plan for members now staged: side files and members the backup lacks go first. */
export function planSwap(members: readonly BackupMember[], now: Date): SwapPlan {
  const restored = new Set<string>(members.map((member) => member.name));
  const absent = MEMBER_NAMES.filter((name) => !restored.has(name));

  return {
    version: 1,
    createdAt: now.toISOString(),
    members: members.map(({ name, size, sha256 }) => ({ name, size, sha256 })),
    remove: [...SIDE_FILES, ...absent],
  };
}

export function parsePlan(text: string): SwapPlan {
  try {
    return planSchema.parse(JSON.parse(text));
  } catch (cause) {
    throw backupError(
      'RESTORE_RECOVERY_FAILED',
      `the restore intent file [${INTENT_FILE}] is unreadable; restore again from the backup file`,
      {},
      cause,
    );
  }
}

/** Runs (or finishes) the swap; every step can be repeated after a crash with the same result. */
export async function executePlan(
  homeDir: string,
  plan: SwapPlan,
  afterStep?: StepHook,
): Promise<void> {
  for (const name of plan.remove) {
    await removeFile(join(homeDir, name));
    await afterStep?.(`removed:${name}`);
  }
  for (const { name } of plan.members) {
    const staged = join(homeDir, STAGING_DIR, name);
    if (await exists(staged)) await rename(staged, join(homeDir, name));
    else if (!(await exists(join(homeDir, name))))
      throw backupError('RESTORE_RECOVERY_FAILED', `restored member [${name}] is missing`, {
        name,
      });
    await afterStep?.(`swapped:${name}`);
  }
  await fsyncDir(homeDir);
  await afterStep?.('synced');
  await removeFile(join(homeDir, INTENT_FILE));
  await fsyncDir(homeDir);
  await afterStep?.('intent-removed');
  await rm(join(homeDir, STAGING_DIR), { recursive: true, force: true });
}

/** Every step name a plan passes through, in order (for tests that pause at each). */
export function planSteps(plan: SwapPlan): SwapStep[] {
  return [
    ...plan.remove.map((name): SwapStep => `removed:${name}`),
    ...plan.members.map(({ name }): SwapStep => `swapped:${name}`),
    'synced',
    'intent-removed',
  ];
}
