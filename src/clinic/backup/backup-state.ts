/**
 * `backup-state.json` in the clinic folder: when the last backup succeeded, where and how big,
 * and the code of the last failure. It holds no patient data and no secret.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './fs-safe.js';

export const STATE_FILE = 'backup-state.json';

const stateSchema = z.object({
  lastSuccessAt: z.iso.datetime().optional(),
  file: z.string().optional(),
  bytes: z.number().int().min(0).optional(),
  sha256: z.string().optional(),
  lastFailureAt: z.iso.datetime().optional(),
  lastErrorCode: z.string().optional(),
});

export type BackupState = z.infer<typeof stateSchema>;

/** The recorded state; an absent or unreadable file is an empty state (never backed up). */
export async function readBackupState(homeDir: string): Promise<BackupState> {
  try {
    const parsed = stateSchema.safeParse(
      JSON.parse(await readFile(join(homeDir, STATE_FILE), 'utf8')),
    );
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export async function writeBackupState(homeDir: string, state: BackupState): Promise<void> {
  await writeFileAtomic(join(homeDir, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
}

export interface BackupAge {
  /** Milliseconds since the last successful backup. */
  ageMs: number;
  lastSuccessAt: string;
  file: string | undefined;
  bytes: number | undefined;
}

/** For `medassist doctor`: how old the last successful backup is, or null if there is none. */
export async function lastBackupAge(
  homeDir: string,
  now: Date = new Date(),
): Promise<BackupAge | null> {
  const state = await readBackupState(homeDir);
  if (state.lastSuccessAt === undefined) return null;

  return {
    ageMs: now.getTime() - Date.parse(state.lastSuccessAt),
    lastSuccessAt: state.lastSuccessAt,
    file: state.file,
    bytes: state.bytes,
  };
}
