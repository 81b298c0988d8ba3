/**
 * Deltas between two knowledge DBs: the records added, changed or deleted, table by table.
 * Applying one checks the base's content hash first (a delta to any other base is refused)
 * and the result's content hash before it commits, all in one SQLite transaction.
 */
import { gzipSync } from 'node:zlib';

import Database from 'better-sqlite3-multiple-ciphers';

import { readMeta } from '../kb-meta.js';
import { MedAssistError } from '../../shared/errors.js';
import { contentHashOf } from './content-hash.js';
import { DELTA_FORMAT, parseDelta, type DeltaChange, type DeltaHeader } from './delta-format.js';
import { RELEASE_TABLES, keyOf, readRows, type ReleaseTable, type RowValues } from './tables.js';

export interface DeltaVersions {
  readonly fromVersion: string;
  readonly toVersion: string;
}

/** Builds the gzip delta that turns the DB at `basePath` into the one at `targetPath`. */
export function createDelta(basePath: string, targetPath: string, versions: DeltaVersions): Buffer {
  const base = new Database(basePath, { readonly: true, fileMustExist: true });
  const target = new Database(targetPath, { readonly: true, fileMustExist: true });
  try {
    const schemaVersion = readMeta(target, targetPath).schemaVersion;
    if (readMeta(base, basePath).schemaVersion !== schemaVersion)
      throw new MedAssistError('KB_DELTA_SCHEMA', 'no delta across schema versions', {
        details: { basePath, targetPath },
      });
    const header: DeltaHeader = {
      format: DELTA_FORMAT,
      formatVersion: 1,
      schemaVersion,
      ...versions,
      baseContentHash: contentHashOf(base),
      contentHash: contentHashOf(target),
    };
    const lines = [JSON.stringify(header)];
    for (const table of RELEASE_TABLES) lines.push(...diffTable(table, base, target));

    return gzipSync(`${lines.join('\n')}\n`, { level: 9 });
  } finally {
    base.close();
    target.close();
  }
}

function diffTable(table: ReleaseTable, base: Database.Database, target: Database.Database) {
  const before = new Map(readRows(base, table).map((row) => [keyOf(table, row), row]));
  const lines: string[] = [];
  for (const row of readRows(target, table)) {
    const key = keyOf(table, row);
    const old = before.get(key);
    before.delete(key);
    if (old === undefined || JSON.stringify(old) !== JSON.stringify(row))
      lines.push(JSON.stringify([table.name, 'put', row]));
  }
  for (const old of before.values())
    lines.push(JSON.stringify([table.name, 'del', old.slice(0, table.key.length)]));

  return lines;
}

export interface AppliedDelta {
  readonly header: DeltaHeader;
  readonly changes: number;
}

/**
 * Applies a gzip delta to the knowledge DB file at `path` in place, in one transaction: on
 * any refusal the file is unchanged. Callers apply it to a copy and swap the copy in.
 */
export function applyDelta(path: string, gz: Buffer): AppliedDelta {
  const { header, changes } = parseDelta(gz);
  const db = new Database(path, { fileMustExist: true });
  try {
    db.transaction(() => {
      const base = contentHashOf(db);
      if (base !== header.baseContentHash)
        throw new MedAssistError(
          'KB_DELTA_BASE_MISMATCH',
          `delta from [${header.fromVersion}] needs base content [${header.baseContentHash.slice(0, 12)}], this knowledge DB has [${base.slice(0, 12)}]`,
          { details: { expected: header.baseContentHash, actual: base } },
        );
      for (const change of changes) applyChange(db, change);
      db.exec("INSERT INTO passages_fts (passages_fts) VALUES ('rebuild')");
      const result = contentHashOf(db);
      if (result !== header.contentHash)
        throw new MedAssistError(
          'KB_DELTA_RESULT_MISMATCH',
          `delta to [${header.toVersion}] gave content [${result.slice(0, 12)}], not [${header.contentHash.slice(0, 12)}]`,
          { details: { expected: header.contentHash, actual: result } },
        );
    })();
  } finally {
    db.close();
  }

  return { header, changes: changes.length };
}

function applyChange(db: Database.Database, change: DeltaChange): void {
  const { table, op, values } = change;
  if (op === 'put') {
    // Replace by natural key: delete then insert, so `rowid` stays an internal detail.
    deleteByKey(db, table, values.slice(0, table.key.length));
    const marks = table.columns.map(() => '?').join(', ');
    db.prepare(`INSERT INTO ${table.name} (${table.columns.join(', ')}) VALUES (${marks})`).run(
      ...values,
    );
    return;
  }
  deleteByKey(db, table, values);
}

function deleteByKey(db: Database.Database, table: ReleaseTable, key: RowValues): void {
  const where = table.key.map((column) => `${column} = ?`).join(' AND ');
  db.prepare(`DELETE FROM ${table.name} WHERE ${where}`).run(...key);
}
