import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

import Database from 'better-sqlite3-multiple-ciphers';

import { MedAssistError } from '../shared/errors.js';
import { type PassageSource, parsePassages, readPassageSources } from './load-passages.js';
import type { Passage } from './passage.js';
import { KB_SCHEMA_SQL, KB_SCHEMA_VERSION, META_KEYS } from './schema.js';

export interface CompileOptions {
  /** Folder holding `<lang>/**\/*.md` passage files, e.g. `content/passages`. */
  readonly contentDir: string;
  /** Database file to (re)place. */
  readonly outFile: string;
  /** Clock for `built_at`; tests pin it. */
  readonly now?: () => Date;
}

export interface CompileResult {
  readonly outFile: string;
  readonly schemaVersion: number;
  readonly passageCount: number;
  readonly languages: readonly string[];
  /** SHA-256 (hex) over the sorted source files: same sources, same hash. */
  readonly contentHash: string;
  readonly builtAt: string;
}

/**
 * Compiles passage files into one SQLite knowledge database. The database is written to a
 * temporary file beside `outFile` and renamed over it only when complete, so a reader never
 * sees a half-built file and a failed build leaves the previous one in place.
 */
export function compileKnowledgeBase(options: CompileOptions): CompileResult {
  const sources = readPassageSources(options.contentDir);
  const passages = parsePassages(sources);
  if (passages.length === 0) {
    throw new MedAssistError('KB_CONTENT_EMPTY', `no passages found in [${options.contentDir}]`, {
      details: { contentDir: options.contentDir },
    });
  }

  const result: CompileResult = {
    outFile: options.outFile,
    schemaVersion: KB_SCHEMA_VERSION,
    passageCount: passages.length,
    languages: [...new Set(passages.map((p) => p.lang))].sort(),
    contentHash: hashSources(sources),
    builtAt: (options.now ?? (() => new Date()))().toISOString(),
  };

  mkdirSync(dirname(options.outFile), { recursive: true });
  const tempFile = `${options.outFile}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeDatabase(tempFile, passages, result);
    renameSync(tempFile, options.outFile);
  } catch (cause) {
    rmSync(tempFile, { force: true });
    throw new MedAssistError('KB_BUILD_FAILED', `knowledge build failed [${options.outFile}]`, {
      details: { outFile: options.outFile },
      cause,
    });
  }

  return result;
}

/** Path and text of every source, in sorted order, separated by NUL so no two inputs collide. */
export function hashSources(sources: readonly PassageSource[]): string {
  const hash = createHash('sha256');
  const sorted = [...sources].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const source of sorted) hash.update(`${source.file}\u0000${source.text}\u0000`);

  return hash.digest('hex');
}

function writeDatabase(file: string, passages: readonly Passage[], result: CompileResult): void {
  const db = new Database(file);
  try {
    // The file is private until the rename, so durability pragmas buy nothing here.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.exec(KB_SCHEMA_SQL);
    db.transaction(() => {
      insertPassages(db, passages);
      insertMeta(db, result);
      db.exec("INSERT INTO passages_fts (passages_fts) VALUES ('rebuild')");
      db.exec("INSERT INTO passages_fts (passages_fts) VALUES ('optimize')");
    })();
  } finally {
    db.close();
  }
}

function insertPassages(db: Database.Database, passages: readonly Passage[]): void {
  const insertPassage = db.prepare(
    `INSERT INTO passages (id, lang, kind, title, body, citation, editions, reviewed)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertRef = db.prepare('INSERT OR IGNORE INTO passage_refs VALUES (?, ?, ?)');
  for (const p of passages) {
    const editions = JSON.stringify(p.editions);
    insertPassage.run(p.id, p.lang, p.kind, p.title, p.body, p.citation, editions, +p.reviewed);
    for (const ref of p.refs) insertRef.run(p.id, p.lang, ref);
  }
}

function insertMeta(db: Database.Database, result: CompileResult): void {
  const insert = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
  insert.run(META_KEYS.schemaVersion, String(result.schemaVersion));
  insert.run(META_KEYS.contentHash, result.contentHash);
  insert.run(META_KEYS.builtAt, result.builtAt);
  insert.run(META_KEYS.passageCount, String(result.passageCount));
  insert.run(META_KEYS.languages, JSON.stringify(result.languages));
}
