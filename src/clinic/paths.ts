/**
 * Where a clinic keeps its data: `MEDASSIST_HOME`, else the per-user data folder of the
 * platform (XDG on Linux, Application Support on macOS, APPDATA on Windows).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function medassistHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MEDASSIST_HOME) return env.MEDASSIST_HOME;
  if (process.platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'medassist');
  if (process.platform === 'darwin')
    return join(homedir(), 'Library', 'Application Support', 'medassist');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'medassist');
}

/** The clinic's record database. */
export const clinicDbPath = (home: string) => join(home, 'clinic.db');
/** The knowledge database installed in the clinic (falls back to the bundled one). */
export const knowledgeDbPath = (home: string) => join(home, 'knowledge.db');
