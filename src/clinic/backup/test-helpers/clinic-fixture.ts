/**
 * Small real clinics for the backup tests: an encrypted clinic.db (same cipher settings as the
 * store), a plain knowledge.db, config.json and keyring.json. Rows carry only ids and marker
 * strings, never anything resembling personal data.
 */
import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { applyCipher } from '../../store/database.js';
import type { KdfParams } from '../format.js';
import { openEncryptedDb } from '../sqlcipher.js';

/** scrypt at N=2^10 keeps each test derivation near 1 ms; one test runs the real default. */
export const TEST_KDF: KdfParams = { N: 2 ** 10, r: 8, p: 1 };
export const PASSPHRASE = 'correct horse battery staple';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `medassist-${prefix}-`));
}

export interface ClinicSpec {
  dataKey: Buffer;
  rows: readonly string[];
  /** Written into config.json and knowledge.db so a test can tell which clinic it sees. */
  generation: string;
  clinicId?: string;
  /** Bytes of filler per row, to make the database span several backup chunks. */
  padding?: number;
}

/** Creates a closed, checkpointed clinic in `home`. */
export function makeClinic(home: string, spec: ClinicSpec): void {
  mkdirSync(home, { recursive: true });
  const db = createEncryptedDb(join(home, 'clinic.db'), spec.dataKey);
  db.exec('CREATE TABLE encounters (id TEXT PRIMARY KEY, note TEXT NOT NULL, filler BLOB)');
  insertRows(db, spec.rows, spec.padding ?? 0);
  db.close();
  writeKnowledge(join(home, 'knowledge.db'), spec.generation);
  writeFileSync(
    join(home, 'config.json'),
    JSON.stringify({ clinicId: spec.clinicId ?? 'hp-test-01', generation: spec.generation }),
  );
  writeFileSync(
    join(home, 'keyring.json'),
    JSON.stringify({ wrapped: `keyring-${spec.generation}` }),
  );
}

/** New, WAL-mode, encrypted database opened with the store's cipher settings. */
export function createEncryptedDb(path: string, dataKey: Buffer): Database.Database {
  const db = new Database(path);
  applyCipher(db, dataKey);
  db.pragma('journal_mode = WAL');

  return db;
}

export function insertRows(db: Database.Database, rows: readonly string[], padding = 0): void {
  const insert = db.prepare('INSERT INTO encounters (id, note, filler) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (const id of rows) insert.run(id, `MARKER-NOTE-${id}`, randomBytes(padding));
  })();
}

/**
 * Adds rows to the clinic in `home` and leaves them in `clinic.db-wal`, uncheckpointed, the
 * way a clinic node that lost power leaves its database.
 */
export function addRowsInWal(home: string, dataKey: Buffer, rows: readonly string[]): void {
  const scratch = tempDir('wal');
  copyFileSync(join(home, 'clinic.db'), join(scratch, 'clinic.db'));
  // A second open connection stops the writer's close from checkpointing and deleting the WAL.
  const holder = openEncryptedDb(join(scratch, 'clinic.db'), dataKey);
  const writer = openEncryptedDb(join(scratch, 'clinic.db'), dataKey);
  writer.pragma('wal_autocheckpoint = 0');
  insertRows(writer, rows);
  writer.close();
  copyFileSync(join(scratch, 'clinic.db'), join(home, 'clinic.db'));
  copyFileSync(join(scratch, 'clinic.db-wal'), join(home, 'clinic.db-wal'));
  holder.close();
  rmSync(scratch, { recursive: true, force: true });
}

function writeKnowledge(path: string, generation: string): void {
  rmSync(path, { force: true });
  const db = new Database(path);
  db.exec('CREATE TABLE passages (id TEXT PRIMARY KEY, body TEXT NOT NULL)');
  db.prepare('INSERT INTO passages VALUES (?, ?)').run('p1', `MARKER-KB-${generation}`);
  db.close();
}

export interface ClinicView {
  rows: string[];
  generation: string | undefined;
  knowledge: string | undefined;
  keyring: string | undefined;
  integrity: string;
}

/** What a clinic folder holds, read the way the clinic would read it. */
export function readClinic(home: string, dataKey: Buffer): ClinicView {
  const db = openEncryptedDb(join(home, 'clinic.db'), dataKey);
  const rows = db.prepare('SELECT id FROM encounters ORDER BY id').pluck().all() as string[];
  const integrity = String(db.pragma('integrity_check', { simple: true }));
  db.close();

  return { rows, integrity, ...readSideFiles(home) };
}

function readSideFiles(home: string): Pick<ClinicView, 'generation' | 'knowledge' | 'keyring'> {
  const json = (name: string) =>
    existsSync(join(home, name))
      ? (JSON.parse(readFileSync(join(home, name), 'utf8')) as Record<string, string>)
      : undefined;
  let knowledge: string | undefined;
  if (existsSync(join(home, 'knowledge.db'))) {
    const kb = new Database(join(home, 'knowledge.db'), { readonly: true });
    knowledge = kb.prepare('SELECT body FROM passages').pluck().get() as string;
    kb.close();
  }

  return {
    generation: json('config.json')?.generation,
    knowledge,
    keyring: json('keyring.json')?.wrapped,
  };
}

/** Ids `prefix-000`…: stable, sortable, and free of anything personal. */
export function ids(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);
}

/** Copies every regular file of `from` into a new folder `to`. */
export function copyFolder(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of [
    'clinic.db',
    'clinic.db-wal',
    'clinic.db-shm',
    'knowledge.db',
    'config.json',
    'keyring.json',
  ])
    if (existsSync(join(from, name))) copyFileSync(join(from, name), join(to, name));
}
