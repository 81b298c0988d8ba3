/**
 * Turns a verified blob into the clinic's knowledge DB: a delta is applied to a copy of the
 * installed DB in one transaction, a bundle is unpacked; either way the new file is checked
 * (content hash, health) and renamed over the old one, so a reader sees the old or the new DB,
 * never a mix. The clinic config records the new version the way knowledge-install.ts does.
 */
import { copyFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

import { applyDelta, contentHashOfFile } from '../../knowledge/release/index.js';
import type { ReleaseManifest } from '../../protocol/v1.js';
import { MedAssistError } from '../../shared/errors.js';
import type { OpenClinic } from '../clinic.js';
import { readConfig, writeConfig } from '../config.js';
import { isHealthyKnowledgeDb, lastGoodPath, sha256File } from '../knowledge-install.js';
import { knowledgeDbPath } from '../paths.js';

/** A knowledge DB is a few MB; a bundle that unpacks past this is refused, not written. */
const MAX_UNPACKED_BYTES = 512 * 1024 * 1024;

const stagingPath = (home: string) => `${knowledgeDbPath(home)}.update.tmp`;

/** Applies a delta to a copy of the installed DB; throws `KB_DELTA_*` with nothing changed. */
export function stageDelta(clinic: OpenClinic, delta: Buffer): string {
  const staging = stagingPath(clinic.home);
  copyFileSync(knowledgeDbPath(clinic.home), staging);
  try {
    applyDelta(staging, delta);
  } catch (error) {
    rmSync(staging, { force: true });
    throw error;
  }
  return staging;
}

/** Unpacks a gzip bundle beside the installed DB. */
export function stageBundle(clinic: OpenClinic, bundle: Buffer): string {
  const staging = stagingPath(clinic.home);
  let bytes: Buffer;
  try {
    bytes = gunzipSync(bundle, { maxOutputLength: MAX_UNPACKED_BYTES });
  } catch (cause) {
    throw new MedAssistError('KB_BUNDLE_INVALID', 'knowledge bundle does not unpack', { cause });
  }
  writeFileSync(staging, bytes);
  return staging;
}

/** Checks the staged DB against the manifest, swaps it in, records the version. */
export function swapIn(clinic: OpenClinic, staging: string, manifest: ReleaseManifest): void {
  try {
    const actual = contentHashOfFile(staging);
    if (actual !== manifest.contentHash)
      throw new MedAssistError(
        'KB_CONTENT_MISMATCH',
        `knowledge DB content is [${actual.slice(0, 12)}], release [${manifest.version}] says [${manifest.contentHash.slice(0, 12)}]`,
      );
    if (!isHealthyKnowledgeDb(staging))
      throw new MedAssistError(
        'KB_INVALID',
        `release [${manifest.version}] is not a working knowledge DB`,
      );
  } catch (error) {
    rmSync(staging, { force: true });
    throw error;
  }

  const path = knowledgeDbPath(clinic.home);
  const sha256 = sha256File(staging);
  // A crash between the rename and the config write leaves a file the config does not name:
  // the next start (ensureKnowledge) restores the last good copy, the old version.
  rmSync(`${path}-wal`, { force: true });
  rmSync(`${path}-shm`, { force: true });
  renameSync(staging, path);
  const knowledge = { sha256, version: manifest.version };
  writeConfig(clinic.home, { ...readConfig(clinic.home), knowledge });
  clinic.config.knowledge = knowledge;
  const lastGood = `${lastGoodPath(clinic.home)}.tmp`;
  copyFileSync(path, lastGood);
  renameSync(lastGood, lastGoodPath(clinic.home));
}
