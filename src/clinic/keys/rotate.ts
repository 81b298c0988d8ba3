/**
 * Passphrase change with a new data key ("rekey"): the old passphrase, and any copy of the old
 * keyring, no longer opens the current data. Crash-safe order: the new keyring is written first
 * as `keyring.next.json`, then the database is re-encrypted (SQLCipher rekey, which needs a
 * rollback journal, so WAL is switched off for it), then the new keyring replaces the
 * old one. A clinic opened between the two steps tries both keyrings (see clinic.ts).
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenClinic } from '../clinic.js';
import { createKeyring } from './keyring.js';
import { keyringPath, readKeyFile, writeFileAtomic } from './key-store.js';

export const nextKeyringPath = (home: string) => join(home, 'keyring.next.json');

export function rotateDataKey(clinic: OpenClinic, newPassphrase: string): void {
  // A clinic that also starts from a key file keeps that way in.
  const keyFile = clinic.config.keyFile;
  const keyFileSecret = keyFile && existsSync(keyFile) ? readKeyFile(keyFile) : undefined;
  const { keyring, dataKey } = createKeyring({
    passphrase: newPassphrase,
    ...(keyFileSecret ? { keyFileSecret } : {}),
  });
  const next = nextKeyringPath(clinic.home);
  writeFileAtomic(next, `${JSON.stringify(keyring, null, 2)}\n`);
  const db = clinic.store.db;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.pragma(`rekey="x'${dataKey.toString('hex')}'"`);
  // This connection stays in rollback-journal mode; the next open turns WAL on again.
  renameSync(next, keyringPath(clinic.home));
  if (existsSync(next)) rmSync(next);
}
