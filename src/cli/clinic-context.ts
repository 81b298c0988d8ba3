/**
 * Opening the clinic from a command: unlock with MEDASSIST_PASSPHRASE or the key file, resume
 * the signed-in session (`medassist login` keeps its token in MEDASSIST_HOME/session.json).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { resumeSession, type Session } from '../clinic/auth/index.js';
import { openClinic, secretsFrom, type OpenClinic } from '../clinic/clinic.js';
import { isSetUp, readConfig } from '../clinic/config.js';
import { writeFileAtomic } from '../clinic/keys/key-store.js';
import { MedAssistError } from '../shared/errors.js';
import { BUNDLED_KB, home } from './context.js';
import { ask, canPrompt } from './prompt.js';

export const sessionFile = (h: string) => join(h, 'session.json');

export function saveSessionToken(h: string, token: string): void {
  writeFileAtomic(sessionFile(h), `${JSON.stringify({ token })}\n`, 0o600);
}

export function readSessionToken(h: string): string | null {
  const path = sessionFile(h);
  if (!existsSync(path)) return null;
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { token?: string }).token ?? null;
  } catch {
    return null;
  }
}

export function clearSession(h: string): void {
  rmSync(sessionFile(h), { force: true });
}

export interface ClinicFlags {
  keyFile?: string;
}

/**
 * Opens the clinic of MEDASSIST_HOME (recovering an interrupted restore first). The model file
 * is hashed in full only where it matters (`verifyModel`: the clinic node, doctor).
 */
export async function openClinicForCli(
  flags: ClinicFlags,
  verifyModel = false,
): Promise<OpenClinic> {
  const h = home();
  const config = isSetUp(h) ? readConfig(h) : undefined;
  // A restore cut by a crash is finished or undone before the database is opened.
  const { recoverInterruptedRestore } = await import('../clinic/backup/index.js');
  if (isSetUp(h)) await recoverInterruptedRestore(h);
  let secrets = secretsFrom(flags, config);
  // On a terminal, ask for the passphrase instead of failing (never when scripted).
  if (
    isSetUp(h) &&
    secrets.passphrase === undefined &&
    secrets.keyFile === undefined &&
    canPrompt()
  ) {
    secrets = { passphrase: await ask('Clinic passphrase: ', true) };
  }
  return openClinic(h, secrets, { bundledKb: BUNDLED_KB, verifyModel });
}

/** The signed-in user, or a clear error telling how to sign in. */
export function requireSession(clinic: OpenClinic): Session {
  const token = readSessionToken(clinic.home);
  if (!token)
    throw new MedAssistError('AUTH_REQUIRED', 'sign in first: medassist login --user NAME');
  return resumeSession(clinic.store.db, token);
}

/** Runs `fn` with an open clinic and closes it afterwards. */
export async function withClinic<T>(
  flags: ClinicFlags,
  fn: (clinic: OpenClinic) => T | Promise<T>,
  verifyModel = false,
): Promise<T> {
  const clinic = await openClinicForCli(flags, verifyModel);
  try {
    return await fn(clinic);
  } finally {
    clinic.close();
  }
}
