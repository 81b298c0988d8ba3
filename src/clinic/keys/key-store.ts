/**
 * Files of the keyring and the key file, written atomically (temp file, fsync, rename).
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { KeyError, type Keyring } from './keyring.js';

export const keyringPath = (home: string) => join(home, 'keyring.json');

/** Writes a file so that a crash leaves the old or the new content, never a mix. */
export function writeFileAtomic(path: string, data: string | Buffer, mode = 0o600): void {
  const tmp = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'w', mode);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  const dir = openSync(dirname(path), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

export function readKeyring(home: string): Keyring {
  const path = keyringPath(home);
  if (!existsSync(path))
    throw new KeyError('CLINIC_NOT_SET_UP', `no clinic here [${home}]: run medassist setup`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Keyring;
  } catch (cause) {
    throw new KeyError('KEYRING_INVALID', `the keyring cannot be read [${path}]`, { cause });
  }
}

export function writeKeyring(home: string, keyring: Keyring): void {
  writeFileAtomic(keyringPath(home), `${JSON.stringify(keyring, null, 2)}\n`);
}

/** Reads a key file (64 hex characters); creates it with a fresh secret when asked. */
export function readKeyFile(path: string, create = false): Buffer {
  if (!existsSync(path)) {
    if (!create) throw new KeyError('KEY_FILE_MISSING', `key file not found [${path}]`);
    const secret = randomBytes(32);
    writeFileAtomic(path, `${secret.toString('hex')}\n`, 0o600);
    return secret;
  }
  const text = readFileSync(path, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/i.test(text))
    throw new KeyError('KEY_FILE_INVALID', `the key file must hold 64 hex characters [${path}]`);
  return Buffer.from(text, 'hex');
}
