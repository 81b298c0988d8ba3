/**
 * Finds where JSON text goes wrong, as a line and column. `JSON.parse` on Node 20 gives no
 * position for some errors and quotes the input in its message, which may hold patient data;
 * so its message is never shown, and this small scanner (RFC 8259 grammar) locates the error.
 */

/** The first syntax error of a JSON text. */
export interface JsonSyntaxError {
  /** 1-based line and column of the first character that does not fit the grammar. */
  readonly line: number;
  readonly column: number;
  /** What the grammar expected there, e.g. `a value` or `"," or "}"`. */
  readonly expected: string;
  /** True when the text ended before the JSON was complete. */
  readonly atEnd: boolean;
}

class SyntaxStop extends Error {
  constructor(
    readonly offset: number,
    readonly expected: string,
  ) {
    super(`JSON syntax: expected ${expected}`);
  }
}

const MAX_DEPTH = 512;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const SIMPLE_ESCAPES = '"\\/bfnrt';

/** A recursive-descent reader that only checks the grammar and stops at the first error. */
class Scanner {
  private pos = 0;

  constructor(private readonly text: string) {}

  document(): void {
    this.value(0);
    this.skipSpace();
    if (this.pos < this.text.length) this.stop('the end of the JSON');
  }

  private value(depth: number): void {
    if (depth > MAX_DEPTH) this.stop('less deeply nested data');
    this.skipSpace();
    const char = this.peek();
    if (char === '{') this.members('}', depth, () => this.member(depth));
    else if (char === '[') this.members(']', depth, () => this.value(depth + 1));
    else if (char === '"') this.string();
    else if (char === '-' || (char >= '0' && char <= '9')) this.number();
    else this.literal();
  }

  private members(close: string, depth: number, item: () => void): void {
    this.pos++;
    this.skipSpace();
    if (this.peek() === close) {
      this.pos++;
      return;
    }
    for (;;) {
      item();
      this.skipSpace();
      if (this.peek() === close) break;
      this.expect(',', `"," or "${close}"`);
      this.skipSpace();
    }
    this.pos++;
  }

  private member(depth: number): void {
    if (this.peek() !== '"') this.stop('a property name in double quotes');
    this.string();
    this.skipSpace();
    this.expect(':', '":"');
    this.value(depth + 1);
  }

  private string(): void {
    this.pos++;
    while (this.pos < this.text.length) {
      const code = this.text.charCodeAt(this.pos);
      if (code === 0x22) {
        this.pos++;
        return;
      }
      if (code < 0x20) this.stop('an escape instead of a control character in a string');
      if (code === 0x5c) this.escape();
      else this.pos++;
    }
    this.stop('the closing " of a string');
  }

  private escape(): void {
    const next = this.text.charAt(this.pos + 1);
    if (next !== '' && SIMPLE_ESCAPES.includes(next)) this.pos += 2;
    else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6)))
      this.pos += 6;
    else this.stop('an escape such as \\n or \\u00e9');
  }

  private number(): void {
    NUMBER.lastIndex = this.pos;
    if (!NUMBER.test(this.text)) this.stop('a number');
    this.pos = NUMBER.lastIndex;
  }

  private literal(): void {
    const word = ['true', 'false', 'null'].find((w) => this.text.startsWith(w, this.pos));
    if (word === undefined) this.stop('a value');
    else this.pos += word.length;
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.peek())) this.pos++;
  }

  private peek(): string {
    return this.text.charAt(this.pos);
  }

  private expect(char: string, expected: string): void {
    if (this.peek() !== char) this.stop(expected);
    this.pos++;
  }

  private stop(expected: string): never {
    throw new SyntaxStop(this.pos, expected);
  }
}

/** The first syntax error in `text`, or `undefined` when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  try {
    new Scanner(text).document();
    return undefined;
  } catch (error) {
    if (!(error instanceof SyntaxStop)) throw error;
    return locate(text, error);
  }
}

function locate(text: string, error: SyntaxStop): JsonSyntaxError {
  const before = text.slice(0, error.offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.split('\n').length;

  return {
    line,
    column: error.offset - lineStart + 1,
    expected: error.expected,
    atEnd: error.offset >= text.length,
  };
}
