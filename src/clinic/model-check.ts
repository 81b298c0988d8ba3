/**
 * The optional local model file is checked by SHA-256. A damaged file is restored from the
 * clinic's backup copy when there is one; otherwise the model is disabled with a clear message
 * and consults go on with the guideline engine alone.
 */
import { copyFileSync, existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { ClinicConfig } from './config.js';
import { sha256File } from './knowledge-install.js';

export const modelBackupPath = (home: string, sha256: string) =>
  join(home, 'models', 'backup', `${sha256}.gguf`);

export type ModelCheck =
  | { status: 'none' }
  | { status: 'ok'; path: string }
  | { status: 'restored'; path: string }
  | { status: 'disabled'; message: string };

/**
 * `full`: hash the whole file (a 2 GB model takes seconds). The clinic node and `doctor` check
 * in full; a one-shot command only checks that the file is there, since it does not load it.
 */
export function checkModel(home: string, config: ClinicConfig, full = true): ModelCheck {
  const model = config.model;
  // A section with only a tier (or cloud settings) names no local file to check.
  if (!model?.path || !model.sha256) return { status: 'none' };
  if (!full && existsSync(model.path)) return { status: 'ok', path: model.path };
  if (existsSync(model.path) && sha256File(model.path) === model.sha256)
    return { status: 'ok', path: model.path };
  const backup = modelBackupPath(home, model.sha256);
  if (existsSync(backup) && sha256File(backup) === model.sha256) {
    const tmp = `${model.path}.${process.pid}.tmp`;
    copyFileSync(backup, tmp);
    renameSync(tmp, model.path);
    return { status: 'restored', path: model.path };
  }
  return {
    status: 'disabled',
    message: `the model file is missing or damaged (SHA-256 differs) [${model.path}]: the model is disabled; consults go on with the guidelines alone`,
  };
}
