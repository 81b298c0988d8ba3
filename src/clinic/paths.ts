/**
 * Where a clinic keeps its data: `MEDASSIST_HOME`, else the per-user data folder of the
 * platform (XDG on Linux, Application Support on macOS, APPDATA on Windows).
 */
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

export function medassistHome(env: NodeJS.ProcessEnv = process.env): string {
  // An empty variable counts as unset; a relative path is taken from the working directory.
  if (env.MEDASSIST_HOME) return resolve(env.MEDASSIST_HOME);
  if (process.platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'medassist');
  if (process.platform === 'darwin')
    return join(homedir(), 'Library', 'Application Support', 'medassist');
  const xdg =
    env.XDG_DATA_HOME && isAbsolute(env.XDG_DATA_HOME)
      ? env.XDG_DATA_HOME
      : join(homedir(), '.local', 'share');
  return join(xdg, 'medassist');
}

/** The clinic's record database. */
export const clinicDbPath = (home: string) => join(home, 'clinic.db');
/** The knowledge database installed in the clinic (falls back to the bundled one). */
export const knowledgeDbPath = (home: string) => join(home, 'knowledge.db');
