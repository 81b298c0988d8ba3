export {
  compileKnowledgeBase,
  hashSources,
  type CompileOptions,
  type CompileResult,
} from './compile.js';
export {
  parseFrontMatter,
  type FrontMatterDocument,
  type FrontMatterValue,
} from './front-matter.js';
export {
  extractTerms,
  toAllTermsQuery,
  toAnyTermQuery,
  toQueryTiers,
  MAX_QUERY_TERMS,
} from './fts-query.js';
export {
  openKnowledgeBase,
  DEFAULT_LANG,
  DEFAULT_SEARCH_LIMIT,
  MAX_SEARCH_LIMIT,
  type KnowledgeBase,
  type KnowledgeBaseMeta,
  type SearchHit,
  type SearchOptions,
  type StoredPassage,
} from './knowledge-base.js';
export {
  parsePassages,
  readPassageSources,
  type PassageIssue,
  type PassageSource,
} from './load-passages.js';
export {
  EDITIONS,
  ID_PREFIX_BY_KIND,
  LANG_PATTERN,
  PASSAGE_KINDS,
  passageFrontMatterSchema,
  type Edition,
  type Passage,
  type PassageFrontMatter,
  type PassageKind,
} from './passage.js';
export { KB_SCHEMA_VERSION } from './schema.js';
