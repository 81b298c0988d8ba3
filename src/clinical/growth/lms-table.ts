/**
 * LMS tables as stored by the generated modules in `./data`, and their lazy decoding.
 *
 * The generated modules hold small delta-coded integer arrays, so importing them costs little;
 * a table is decoded into three Float64Arrays on its first lookup and kept for reuse. Every
 * WHO table is a regular grid (one row per day, per month or per 0.1 cm), so a lookup is an
 * index computation, not a search.
 */
import type { Sex } from './types.js';

/** One packed column: scaled integers, delta-coded, or a single value for the whole column. */
export type PackedColumn =
  | { readonly decimals: number; readonly deltas: readonly number[] }
  | { readonly decimals: number; readonly constant: number };

/** The rows of one sex: the index value of the first row, the row count and the columns. */
export interface PackedSexTable {
  readonly first: number;
  readonly count: number;
  readonly l: PackedColumn;
  readonly m: PackedColumn;
  readonly s: PackedColumn;
}

/** A generated LMS table: source file, index unit, grid step and the rows of each sex. */
export interface PackedLmsTable {
  readonly source: string;
  readonly unit: 'day' | 'month' | 'cm';
  readonly step: number;
  readonly male: PackedSexTable;
  readonly female: PackedSexTable;
}

/** Box-Cox power (L), median (M) and coefficient of variation (S) at one point. */
export interface Lms {
  readonly l: number;
  readonly m: number;
  readonly s: number;
}

interface DecodedTable {
  readonly first: number;
  readonly step: number;
  readonly l: Float64Array;
  readonly m: Float64Array;
  readonly s: Float64Array;
}

const decoded = new WeakMap<PackedSexTable, DecodedTable>();

function decodeColumn(column: PackedColumn, count: number): Float64Array {
  const scale = 10 ** column.decimals;
  if ('constant' in column) return new Float64Array(count).fill(column.constant / scale);

  const out = new Float64Array(count);
  let running = 0;
  for (let i = 0; i < count; i++) {
    running += column.deltas[i] ?? 0;
    out[i] = running / scale;
  }
  return out;
}

function decode(table: PackedLmsTable, sex: Sex): DecodedTable {
  const packed = sex === 'male' ? table.male : table.female;
  const cached = decoded.get(packed);
  if (cached) return cached;

  const result: DecodedTable = {
    first: packed.first,
    step: table.step,
    l: decodeColumn(packed.l, packed.count),
    m: decodeColumn(packed.m, packed.count),
    s: decodeColumn(packed.s, packed.count),
  };
  decoded.set(packed, result);
  return result;
}

/** The first and last index values of a table for one sex (e.g. 45 and 110 cm). */
export function tableRange(table: PackedLmsTable, sex: Sex): { min: number; max: number } {
  const packed = sex === 'male' ? table.male : table.female;
  const max = packed.first + (packed.count - 1) * table.step;
  return { min: packed.first, max: Math.round(max * 10) / 10 };
}

function rowAt(t: DecodedTable, i: number): Lms {
  return { l: t.l[i] ?? NaN, m: t.m[i] ?? NaN, s: t.s[i] ?? NaN };
}

/**
 * L, M and S at `x`, interpolated linearly between the two neighbouring rows when `x` falls
 * between grid points (WHO anthro `z-score-weight-for-lenhei.R` does this for the 0.1 cm
 * tables; anthroplus does it between whole months; imci-facts E.4, V). Returns undefined when
 * `x` is outside the table; the caller checks ranges first and reports them.
 */
export function lmsAt(table: PackedLmsTable, sex: Sex, x: number): Lms | undefined {
  const t = decode(table, sex);
  // Snap to the grid first: 79.3 + 0.7 is 80.00000000000001 in binary floating point.
  const raw = (x - t.first) / t.step;
  const pos = Math.abs(raw - Math.round(raw)) < 1e-6 ? Math.round(raw) : raw;
  const i = Math.floor(pos);
  if (i < 0 || i >= t.m.length) return undefined;

  const frac = pos - i;
  const low = rowAt(t, i);
  if (frac === 0) return low;
  if (i + 1 >= t.m.length) return undefined;

  const high = rowAt(t, i + 1);
  return {
    l: low.l + frac * (high.l - low.l),
    m: low.m + frac * (high.m - low.m),
    s: low.s + frac * (high.s - low.s),
  };
}
