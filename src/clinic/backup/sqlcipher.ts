/**
 * Opening the clinic database the way the store does: SQLCipher 4 compatible pages
 * (better-sqlite3-multiple-ciphers, `cipher='sqlcipher'`, `legacy=4`) under the raw 32-byte
 * data key. Kept here so the snapshot check and the tests open it exactly alike.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { applyCipher } from '../store/database.js';

/** Opens an existing encrypted database; the key is checked by reading the schema. */
export function openEncryptedDb(path: string, dataKey: Buffer): Database.Database {
  if (dataKey.length !== 32) throw new Error(`data key must be 32 bytes, got [${dataKey.length}]`);
  const db = new Database(path, { fileMustExist: true });
  try {
    applyCipher(db, dataKey);
    // A running clinic node may briefly hold the WAL index lock (recovery, checkpoint).
    db.pragma('busy_timeout = 5000');
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    db.close();
    throw error;
  }

  return db;
}

/** The first 16 bytes of every plain SQLite file; an encrypted file must not start so. */
export const PLAIN_SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
