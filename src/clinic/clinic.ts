/**
 * A clinic: its folder, keys, encrypted database, knowledge base and configuration. Opening it
 * unlocks the data key, checks the database (quick check) and the knowledge DB, and recovers
 * an interrupted restore.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { MedAssistError } from '../shared/errors.js';
import { isSetUp, readConfig, writeConfig, type ClinicConfig } from './config.js';
import { createKeyring, unlockKeyring, type Keyring } from './keys/keyring.js';
import { keyringPath, readKeyFile, readKeyring, writeKeyring } from './keys/key-store.js';
import { nextKeyringPath } from './keys/rotate.js';
import { ensureKnowledge, installKnowledge, type KnowledgeCheck } from './knowledge-install.js';
import { checkModel, type ModelCheck } from './model-check.js';
import { clinicDbPath } from './paths.js';
import { createClinicStore, type ClinicStore } from './store/clinic-store.js';
import { checkIntegrity, openClinicDatabase } from './store/database.js';

export interface Secrets {
  passphrase?: string;
  keyFile?: string;
}

/** Secrets from the environment and flags: `MEDASSIST_PASSPHRASE`, `--key-file`, config. */
export function secretsFrom(flags: { keyFile?: string }, config?: ClinicConfig): Secrets {
  const passphrase = process.env.MEDASSIST_PASSPHRASE;
  const keyFile = flags.keyFile ?? process.env.MEDASSIST_KEY_FILE ?? config?.keyFile;
  return { ...(passphrase ? { passphrase } : {}), ...(keyFile ? { keyFile } : {}) };
}

export interface OpenClinic {
  home: string;
  config: ClinicConfig;
  dataKey: Buffer;
  store: ClinicStore;
  knowledge: KnowledgeCheck;
  model: ModelCheck;
  openedInMs: number;
  close(): void;
}

/** The key file unlocks when it is there; a missing one falls back to the passphrase. */
function unlock(home: string, secrets: Secrets): Buffer {
  const { keyFile, passphrase } = secrets;
  const useKeyFile = keyFile !== undefined && (existsSync(keyFile) || passphrase === undefined);
  return unlockKeyring(readKeyring(home), {
    ...(passphrase === undefined ? {} : { passphrase }),
    ...(useKeyFile ? { keyFileSecret: readKeyFile(keyFile) } : {}),
  });
}

/**
 * Opens the database; during a passphrase change cut by a crash the database may already be
 * under the new key of `keyring.next.json` (keys/rotate.ts): then that keyring completes it.
 */
function openWithKeyrings(home: string, secrets: Secrets) {
  try {
    const dataKey = unlock(home, secrets);
    const db = openClinicDatabase(clinicDbPath(home), dataKey);
    // The database is still under the current key: a change cut before re-encryption is void.
    rmSync(nextKeyringPath(home), { force: true });
    return { dataKey, db };
  } catch (error) {
    const next = nextKeyringPath(home);
    const code = error instanceof MedAssistError ? error.code : '';
    if (!['STORE_KEY_WRONG', 'KEY_WRONG'].includes(code) || !existsSync(next)) throw error;
    const keyring = JSON.parse(readFileSync(next, 'utf8')) as Keyring;
    const secret = secrets.passphrase === undefined ? {} : { passphrase: secrets.passphrase };
    const nextKey = unlockKeyring(keyring, secret);
    const db = openClinicDatabase(clinicDbPath(home), nextKey);
    renameSync(next, keyringPath(home));
    return { dataKey: nextKey, db };
  }
}

export interface OpenOptions {
  bundledKb: string;
  /** Hash the model file in full (the clinic node, doctor); else only check it is there. */
  verifyModel?: boolean;
  /** Hook run before the database is opened (recovery of an interrupted restore). */
  beforeOpen?: (home: string) => void;
}

/** Opens a set-up clinic. Throws `CLINIC_NOT_SET_UP`, `KEY_WRONG`, `STORE_CORRUPT`. */
export function openClinic(home: string, secrets: Secrets, options: OpenOptions): OpenClinic {
  const t0 = performance.now();
  if (!isSetUp(home))
    throw new MedAssistError('CLINIC_NOT_SET_UP', `no clinic here [${home}]: run medassist setup`);
  options.beforeOpen?.(home);
  const config = readConfig(home);
  const { dataKey, db } = openWithKeyrings(home, secrets);
  const integrity = checkIntegrity(db);
  if (integrity !== 'ok') {
    db.close();
    throw new MedAssistError(
      'STORE_CORRUPT',
      `the clinic database fails its integrity check: ${integrity}; restore the last backup`,
    );
  }
  const knowledge = ensureKnowledge(home, options.bundledKb, config.knowledge?.sha256);
  const model = checkModel(home, config, options.verifyModel !== false);
  const store = createClinicStore(db);
  return {
    home,
    config,
    dataKey,
    store,
    knowledge,
    model,
    openedInMs: performance.now() - t0,
    close: () => store.close(),
  };
}

export interface SetupOptions {
  secrets: Secrets;
  createKeyFile?: boolean;
  timeZone: string;
  name?: string;
  bundledKb: string;
}

/** Creates a clinic: keyring, encrypted database, knowledge DB, configuration. */
export function setupClinic(home: string, options: SetupOptions): OpenClinic {
  if (isSetUp(home))
    throw new MedAssistError('CLINIC_EXISTS', `a clinic is already set up here [${home}]`);
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const { secrets } = options;
  const keyFileSecret = secrets.keyFile
    ? readKeyFile(secrets.keyFile, options.createKeyFile === true)
    : undefined;
  const { keyring, dataKey } = createKeyring({
    ...(secrets.passphrase === undefined ? {} : { passphrase: secrets.passphrase }),
    ...(keyFileSecret === undefined ? {} : { keyFileSecret }),
  });
  writeKeyring(home, keyring);
  const db = openClinicDatabase(clinicDbPath(home), dataKey);
  db.close();
  const kb = installKnowledge(home, options.bundledKb);
  const config: ClinicConfig = {
    clinicId: randomUUID(),
    createdAt: new Date().toISOString(),
    timeZone: options.timeZone,
    knowledge: { sha256: kb.sha256, version: kb.sha256.slice(0, 12) },
    ...(options.name ? { name: options.name } : {}),
    ...(secrets.keyFile ? { keyFile: secrets.keyFile } : {}),
  };
  writeConfig(home, config);
  return openClinic(home, secrets, { bundledKb: options.bundledKb });
}
