/**
 * The delta file: gzip of JSON lines. The first line is the header; every other line is one
 * change `[table, "put", row]` (insert or replace, row in `ReleaseTable.columns` order) or
 * `[table, "del", key]`. Compact arrays keep a delta of a few passages to a few kilobytes.
 */
import { gunzipSync } from 'node:zlib';

import { z } from 'zod';

import { MedAssistError } from '../../shared/errors.js';
import { RELEASE_TABLES, type ReleaseTable, type RowValues } from './tables.js';

export const DELTA_FORMAT = 'medassist-kb-delta';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const DeltaHeader = z.strictObject({
  format: z.literal(DELTA_FORMAT),
  formatVersion: z.literal(1),
  schemaVersion: z.number().int(),
  fromVersion: z.string().min(1),
  toVersion: z.string().min(1),
  /** Content hash of the only base this delta applies to. */
  baseContentHash: sha256Hex,
  /** Content hash the base has once the delta is applied. */
  contentHash: sha256Hex,
});
export type DeltaHeader = z.infer<typeof DeltaHeader>;

const value = z.union([z.string(), z.number(), z.null()]);
const ChangeLine = z.tuple([z.string(), z.enum(['put', 'del']), z.array(value)]);

export interface DeltaChange {
  readonly table: ReleaseTable;
  readonly op: 'put' | 'del';
  readonly values: RowValues;
}

export interface ParsedDelta {
  readonly header: DeltaHeader;
  readonly changes: readonly DeltaChange[];
}

/** Parses a gzip delta file; any malformed line refuses the whole delta. */
export function parseDelta(gz: Buffer): ParsedDelta {
  let lines: string[];
  try {
    lines = gunzipSync(gz)
      .toString('utf8')
      .split('\n')
      .filter((line) => line.length > 0);
  } catch (cause) {
    throw invalid('not a gzip file', cause);
  }
  const header = DeltaHeader.safeParse(parseJson(lines[0] ?? ''));
  if (!header.success) throw invalid(`header: ${header.error.issues[0]?.message ?? ''}`);

  const changes = lines.slice(1).map((line, i) => parseChange(line, i + 2));

  return { header: header.data, changes };
}

function parseChange(line: string, lineNo: number): DeltaChange {
  const parsed = ChangeLine.safeParse(parseJson(line));
  if (!parsed.success) throw invalid(`line ${lineNo} is not a change`);
  const [name, op, values] = parsed.data;
  const table = RELEASE_TABLES.find((t) => t.name === name);
  if (!table) throw invalid(`line ${lineNo}: unknown table [${name}]`);
  const expected = op === 'put' ? table.columns.length : table.key.length;
  if (values.length !== expected) throw invalid(`line ${lineNo}: [${values.length}] values`);

  return { table, op, values };
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

function invalid(why: string, cause?: unknown): MedAssistError {
  return new MedAssistError('KB_DELTA_INVALID', `knowledge delta is not valid: ${why}`, {
    details: { why },
    ...(cause === undefined ? {} : { cause }),
  });
}
