import { MedAssistError } from '../shared/errors.js';

/** A front-matter value: our passages only need text, booleans and lists of text. */
export type FrontMatterValue = string | boolean | readonly string[];

/** A Markdown source split into its front-matter fields and its body. */
export interface FrontMatterDocument {
  readonly data: Readonly<Record<string, FrontMatterValue>>;
  readonly body: string;
}

const FENCE = '---';
const KEY_LINE = /^([A-Za-z][A-Za-z0-9_-]*):(?:\s+(.*))?$/;
const ITEM_LINE = /^\s+-\s+(.*)$/;

/**
 * Splits `---`-fenced front matter from a Markdown body. This is a deliberately tiny subset of
 * YAML (scalars, `true`/`false`, `[a, b]` and `- item` lists), enough for passage metadata
 * without a YAML dependency. Anything outside the subset is an error naming file and line.
 */
export function parseFrontMatter(text: string, file: string): FrontMatterDocument {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== FENCE) {
    throw frontMatterError(file, 1, 'the file must start with a front-matter fence [---]');
  }
  const close = lines.findIndex((line, index) => index > 0 && line.trim() === FENCE);
  if (close < 0) throw frontMatterError(file, 1, 'the front matter has no closing fence [---]');

  const data = parseFields(lines.slice(1, close), file);
  const body = lines
    .slice(close + 1)
    .join('\n')
    .trim();

  return { data, body };
}

function parseFields(lines: readonly string[], file: string): Record<string, FrontMatterValue> {
  const data: Record<string, FrontMatterValue> = {};
  let listKey: string | undefined;

  lines.forEach((line, index) => {
    const lineNo = index + 2;
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;

    const item = ITEM_LINE.exec(line);
    if (item) {
      const current = listKey === undefined ? undefined : data[listKey];
      if (listKey === undefined || !Array.isArray(current)) {
        throw frontMatterError(file, lineNo, `list item without a list key [${line.trim()}]`);
      }
      data[listKey] = [...(current as readonly string[]), unquote(item[1] ?? '')];
      return;
    }

    const field = KEY_LINE.exec(line);
    if (!field) throw frontMatterError(file, lineNo, `expected "key: value", got [${line}]`);
    const key = field[1] as string;
    if (Object.hasOwn(data, key)) throw frontMatterError(file, lineNo, `duplicate key [${key}]`);

    const raw = (field[2] ?? '').trim();
    data[key] = raw === '' ? [] : parseScalarOrList(raw, file, lineNo);
    listKey = raw === '' ? key : undefined;
  });

  return data;
}

function parseScalarOrList(raw: string, file: string, lineNo: number): FrontMatterValue {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (!raw.startsWith('[')) return unquote(raw);
  if (!raw.endsWith(']')) throw frontMatterError(file, lineNo, `unclosed list [${raw}]`);

  const inner = raw.slice(1, -1).trim();
  return inner === '' ? [] : splitListItems(inner).map(unquote);
}

/** Splits `a, "b, c", d` on commas that are not inside quotes. */
function splitListItems(inner: string): string[] {
  const items: string[] = [];
  let quote: string | undefined;
  let current = '';
  for (const char of inner) {
    if (quote === undefined && char === ',') {
      items.push(current);
      current = '';
      continue;
    }
    if (char === '"' || char === "'") quote = quote === char ? undefined : (quote ?? char);
    current += char;
  }
  items.push(current);

  return items.map((item) => item.trim());
}

function unquote(value: string): string {
  const trimmed = value.trim();
  const first = trimmed[0];
  if (trimmed.length >= 2 && (first === '"' || first === "'") && trimmed.endsWith(first)) {
    return trimmed.slice(1, -1);
  }

  return trimmed;
}

function frontMatterError(file: string, line: number, message: string): MedAssistError {
  return new MedAssistError('KB_FRONT_MATTER_INVALID', `${file}:${line}: ${message}`, {
    details: { file, line },
  });
}
