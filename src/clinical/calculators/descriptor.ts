/**
 * The shape every calculator exposes to adapters (CLI, HTTP): a name, a summary, a citation,
 * a zod schema of its parameters, and a thin `run` that calls the pure function and returns
 * the JSON-serialisable result with human-readable report lines.
 */
import type { z } from 'zod';

import type { InsufficientData, OutOfRange } from './result.js';

/** What a calculator returns to an adapter. */
export interface CalculatorOutput {
  /** The pure function's result, JSON-serialisable. */
  readonly result: unknown;
  /** Report lines for people, one fact a line. */
  readonly lines: readonly string[];
}

/** One registered calculator. `params` is a zod object with `.describe()` on each field. */
export interface CalculatorDescriptor<S extends z.ZodObject = z.ZodObject> {
  readonly name: string;
  readonly summary: string;
  readonly citation: string;
  readonly params: S;
  run(params: z.output<S>): CalculatorOutput;
}

/** camelCase field name to the kebab-case used by CLI flags (`weightKg` → `weight-kg`). */
export function toKebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** Report line for an out-of-range or insufficient-data result, with kebab-case names. */
export function problemLines(result: OutOfRange | InsufficientData): string[] {
  if (result.kind === 'insufficient-data') {
    return [`not computed: missing ${result.missing.map(kebabWords).join(', ')}`];
  }
  const message = result.message.replace(result.field, toKebabCase(result.field));
  return [`not computed: ${message}`];
}

function kebabWords(text: string): string {
  return text.replace(/[a-z][A-Za-z]*/g, (w) => toKebabCase(w));
}

/** Builds a descriptor; the type parameter keeps `run` checked against its own schema. */
export function defineCalculator<S extends z.ZodObject>(
  d: CalculatorDescriptor<S>,
): CalculatorDescriptor {
  return d;
}

/** Runs `okLines` for an ok result, or reports the problem. */
export function output<R extends { kind: string }>(
  result: R,
  okLines: (ok: Extract<R, { kind: 'ok' }>) => string[],
): CalculatorOutput {
  if (result.kind === 'ok') return { result, lines: okLines(result as Extract<R, { kind: 'ok' }>) };
  if (result.kind === 'out-of-range' || result.kind === 'insufficient-data') {
    return { result, lines: problemLines(result as unknown as OutOfRange | InsufficientData) };
  }
  const message = (result as { message?: unknown }).message;
  return {
    result,
    lines: [`not computed: ${typeof message === 'string' ? message : result.kind}`],
  };
}
