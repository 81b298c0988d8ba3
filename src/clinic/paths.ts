/**
 * Where a clinic keeps its data: `MEDASSIST_HOME`, else the per-user data folder of the
 * platform (XDG on Linux, Application Support on macOS, APPDATA on Windows).
 */
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/** The per-user data folder `name` of the platform. */
export function platformDataDir(name: string, env: NodeJS.ProcessEnv = process.env): string {
  if (process.platform === 'win32' && env.APPDATA) return join(env.APPDATA, name);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', name);
  const xdg =
    env.XDG_DATA_HOME && isAbsolute(env.XDG_DATA_HOME)
      ? env.XDG_DATA_HOME
      : join(homedir(), '.local', 'share');
  return join(xdg, name);
}

export function medassistHome(env: NodeJS.ProcessEnv = process.env): string {
  // An empty variable counts as unset; a relative path is taken from the working directory.
  if (env.MEDASSIST_HOME) return resolve(env.MEDASSIST_HOME);
  return platformDataDir('medassist', env);
}

/**
 * Where the cloud coordinator's embedded database lives by default: `MEDASSIST_CLOUD_HOME`,
 * else its own platform data folder, never inside a clinic's MEDASSIST_HOME (a cloud database
 * is not encrypted like the clinic's).
 */
export function cloudHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MEDASSIST_CLOUD_HOME) return resolve(env.MEDASSIST_CLOUD_HOME);
  return platformDataDir('medassist-cloud', env);
}

/** The clinic's record database. */
export const clinicDbPath = (home: string) => join(home, 'clinic.db');
/** The knowledge database installed in the clinic (falls back to the bundled one). */
export const knowledgeDbPath = (home: string) => join(home, 'knowledge.db');
