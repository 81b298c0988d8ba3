/**
 * Layout of the knowledge database. Bump `KB_SCHEMA_VERSION` on any change that an older
 * reader cannot handle; readers refuse other versions instead of guessing.
 */
export const KB_SCHEMA_VERSION = 1;

/**
 * `passages_fts` is an external-content FTS5 table over `passages` (title, body are stored once).
 * `unicode61 remove_diacritics 2` folds accents, so French and Swahili text match unaccented
 * queries (SQLite FTS5 docs, "Unicode61 Tokenizer").
 */
export const KB_SCHEMA_SQL = `
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE passages (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  lang TEXT NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  citation TEXT NOT NULL,
  editions TEXT NOT NULL,
  reviewed INTEGER NOT NULL CHECK (reviewed IN (0, 1)),
  UNIQUE (id, lang)
);

CREATE TABLE passage_refs (
  passage_id TEXT NOT NULL,
  lang TEXT NOT NULL,
  ref TEXT NOT NULL,
  PRIMARY KEY (passage_id, lang, ref)
) WITHOUT ROWID;

CREATE INDEX passage_refs_by_ref ON passage_refs (ref, lang);

CREATE VIRTUAL TABLE passages_fts USING fts5(
  title,
  body,
  content = 'passages',
  content_rowid = 'rowid',
  tokenize = 'unicode61 remove_diacritics 2'
);
`;

/** Keys of the `meta` table. */
export const META_KEYS = {
  schemaVersion: 'schema_version',
  contentHash: 'content_hash',
  builtAt: 'built_at',
  passageCount: 'passage_count',
  languages: 'languages',
} as const;
