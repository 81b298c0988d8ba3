/**
 * The content hash of a knowledge DB: SHA-256 over its records, not over the file. Two files
 * with the same records (a full bundle, or an older one with a delta applied) have the same
 * content hash although SQLite lays their pages out differently, so it is what a release
 * names (`ReleaseManifest.contentHash`) and what a delta's base and result are checked against.
 *
 * Not the same value as the `content_hash` meta key, which hashes the passage source files.
 */
import { createHash } from 'node:crypto';

import Database from 'better-sqlite3-multiple-ciphers';

import { RELEASE_TABLES, readRows } from './tables.js';

/** Content hash of an open database (also inside a transaction, before it commits). */
export function contentHashOf(db: Database.Database): string {
  const hash = createHash('sha256');
  for (const table of RELEASE_TABLES) {
    // Table name and every row as a JSON array, one per line: no two inputs share a stream.
    hash.update(`table ${table.name}\n`);
    for (const row of readRows(db, table)) hash.update(`${JSON.stringify(row)}\n`);
  }

  return hash.digest('hex');
}

/** Content hash of a knowledge DB file, opened read-only. */
export function contentHashOfFile(path: string): string {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return contentHashOf(db);
  } finally {
    db.close();
  }
}
