import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';

import { MedAssistError } from '../shared/errors.js';
import { parseFrontMatter } from './front-matter.js';
import { type Passage, passageFrontMatterSchema } from './passage.js';

/** One passage source file as read from disk. */
export interface PassageSource {
  /** Path relative to the content folder, `/`-separated, e.g. `en/cls-pneumonia.md`. */
  readonly file: string;
  readonly text: string;
}

/** One problem in one passage file; `field` is a front-matter key or `front-matter`/`body`. */
export interface PassageIssue {
  readonly file: string;
  readonly field: string;
  readonly message: string;
}

/** Reads every `*.md` under `dir` (recursively), sorted by relative path for stable hashing. */
export function readPassageSources(dir: string): PassageSource[] {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch (cause) {
    throw new MedAssistError('KB_CONTENT_NOT_FOUND', `content folder not readable [${dir}]`, {
      details: { dir },
      cause,
    });
  }

  return entries
    .filter((entry) => entry.endsWith('.md'))
    .map((entry) => entry.split(sep).join('/'))
    .sort()
    .map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8') }));
}

/**
 * Parses and validates every source. All problems in all files are collected and thrown
 * together as one `KB_PASSAGE_INVALID` error, so an author fixes a batch in one pass.
 */
export function parsePassages(sources: readonly PassageSource[]): Passage[] {
  const issues: PassageIssue[] = [];
  const passages: Passage[] = [];

  for (const source of sources) {
    const passage = parseOne(source, issues);
    if (passage) passages.push(passage);
  }
  issues.push(...findDuplicates(passages));

  if (issues.length > 0) throw invalidPassagesError(issues);

  return passages;
}

function parseOne(source: PassageSource, issues: PassageIssue[]): Passage | undefined {
  let document;
  try {
    document = parseFrontMatter(source.text, source.file);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    issues.push({ file: source.file, field: 'front-matter', message });
    return undefined;
  }

  const parsed = passageFrontMatterSchema.safeParse(document.data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.length > 0 ? issue.path.join('.') : 'front-matter';
      const value = valueAt(document.data, issue.path);
      issues.push({ file: source.file, field, message: `${issue.message}, got [${value}]` });
    }
    return undefined;
  }

  const folder = source.file.includes('/') ? source.file.split('/')[0] : undefined;
  if (folder !== parsed.data.lang) {
    const message = `lang [${parsed.data.lang}] must match the language folder [${folder ?? ''}]`;
    issues.push({ file: source.file, field: 'lang', message });
  }
  if (document.body === '') issues.push({ file: source.file, field: 'body', message: 'empty' });

  return { ...parsed.data, body: document.body, file: source.file };
}

function valueAt(data: Readonly<Record<string, unknown>>, path: readonly PropertyKey[]): string {
  let value: unknown = data;
  for (const key of path) {
    value = typeof value === 'object' && value !== null ? (value as never)[key] : undefined;
  }

  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** Duplicate ids are an error within one language; the same id in two languages is a translation. */
function findDuplicates(passages: readonly Passage[]): PassageIssue[] {
  const firstFile = new Map<string, string>();
  const issues: PassageIssue[] = [];
  for (const passage of passages) {
    const key = `${passage.lang}\u0000${passage.id}`;
    const earlier = firstFile.get(key);
    if (earlier === undefined) {
      firstFile.set(key, passage.file);
      continue;
    }
    const message = `duplicate id [${passage.id}] for lang [${passage.lang}], first in [${earlier}]`;
    issues.push({ file: passage.file, field: 'id', message });
  }

  return issues;
}

function invalidPassagesError(issues: readonly PassageIssue[]): MedAssistError {
  const lines = issues.map((issue) => `${issue.file}: ${issue.field}: ${issue.message}`);
  const header = `${issues.length} problem(s) in passage files`;

  return new MedAssistError('KB_PASSAGE_INVALID', [header, ...lines].join('\n'), {
    details: { issues },
  });
}
