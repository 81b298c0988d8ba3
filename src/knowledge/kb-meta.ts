import type Database from 'better-sqlite3-multiple-ciphers';

import { MedAssistError } from '../shared/errors.js';
import { KB_SCHEMA_VERSION, META_KEYS } from './schema.js';

/** What the `meta` table says about a compiled knowledge base. */
export interface KnowledgeBaseMeta {
  readonly schemaVersion: number;
  readonly contentHash: string;
  readonly builtAt: string;
  readonly passageCount: number;
  readonly languages: readonly string[];
}

/**
 * Reads the meta table once (the database is immutable after the build, so callers cache it)
 * and refuses a schema version this reader does not know.
 */
export function readMeta(db: Database.Database, path: string): KnowledgeBaseMeta {
  let rows: { key: string; value: string }[];
  try {
    rows = db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[];
  } catch (cause) {
    throw notAKnowledgeBase(path, cause);
  }
  const values = new Map(rows.map((row) => [row.key, row.value]));
  const get = (key: string): string => {
    const value = values.get(key);
    if (value === undefined) throw notAKnowledgeBase(path, new Error(`meta key missing [${key}]`));
    return value;
  };

  const schemaVersion = Number(get(META_KEYS.schemaVersion));
  if (schemaVersion !== KB_SCHEMA_VERSION) {
    throw new MedAssistError(
      'KB_SCHEMA_UNSUPPORTED',
      `knowledge base schema [${schemaVersion}] is not [${KB_SCHEMA_VERSION}] [${path}]; rebuild it with "medassist kb build"`,
      { details: { path, schemaVersion } },
    );
  }

  return {
    schemaVersion,
    contentHash: get(META_KEYS.contentHash),
    builtAt: get(META_KEYS.builtAt),
    passageCount: Number(get(META_KEYS.passageCount)),
    languages: JSON.parse(get(META_KEYS.languages)) as string[],
  };
}

function notAKnowledgeBase(path: string, cause: unknown): MedAssistError {
  return new MedAssistError(
    'KB_INVALID',
    `not a MedAssist knowledge base [${path}]; rebuild it with "medassist kb build"`,
    { details: { path }, cause },
  );
}
