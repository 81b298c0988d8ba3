/**
 * `medassist calc`: lists the clinical calculators, and runs one with its parameters as
 * kebab-case flags (`medassist calc bmi --weight-kg 12,5 --height-cm 90`). Flags come from
 * each calculator's zod schema; values are parsed here and checked by the schema, and bad
 * input throws InputError naming the flag and showing the value (main maps it to exit 2).
 * Out-of-range measurements are results, not errors: they are printed as such.
 */
import { Command } from 'commander';
import { z } from 'zod';

import { CALCULATORS, findCalculator, toKebabCase } from '../../clinical/calculators/index.js';
import type { CalculatorDescriptor } from '../../clinical/calculators/index.js';
import { InputError } from '../../shared/errors.js';

type FieldKind = 'number' | 'boolean' | 'enum' | 'string';

interface FieldInfo {
  readonly kind: FieldKind;
  readonly optional: boolean;
  readonly description: string;
  readonly choices: readonly string[];
}

// One decimal separator at most, point or comma: "12,5" and "12.5" are 12.5; "1.250,5" and
// "1,250.5" are refused, because a thousands separator cannot be told from a decimal one.
const DECIMAL = /^[+-]?\d+(?:[.,]\d+)?$/;
const YES = new Set(['yes', 'y', 'true']);
const NO = new Set(['no', 'n', 'false']);

function fieldInfo(schema: z.ZodType): FieldInfo {
  let inner: z.ZodType = schema;
  let description = schema.description;
  const optional = schema instanceof z.ZodOptional;
  if (schema instanceof z.ZodOptional) inner = schema.unwrap() as z.ZodType;
  description ??= inner.description ?? '';
  if (inner instanceof z.ZodNumber) return { kind: 'number', optional, description, choices: [] };
  if (inner instanceof z.ZodBoolean) return { kind: 'boolean', optional, description, choices: [] };
  if (inner instanceof z.ZodEnum) {
    const choices = inner.options.map(String);
    return { kind: 'enum', optional, description, choices };
  }
  return { kind: 'string', optional, description, choices: [] };
}

function fields(d: CalculatorDescriptor): [string, FieldInfo][] {
  const shape = d.params.shape as Record<string, z.ZodType>;
  return Object.entries(shape).map(([key, schema]) => [key, fieldInfo(schema)]);
}

/** Parses a number written with a decimal point or a decimal comma. */
export function parseDecimal(flag: string, raw: string): number {
  const text = raw.trim();
  if (!DECIMAL.test(text)) {
    const message = `not a number [${raw}]; write it like 12.5 or 12,5, without thousands separators`;
    throw new InputError([{ field: flag, message }]);
  }
  return Number(text.replace(',', '.'));
}

function parseValue(flag: string, info: FieldInfo, raw: string): unknown {
  if (info.kind === 'number') return parseDecimal(flag, raw);
  if (info.kind !== 'boolean') return raw.trim();
  const word = raw.trim().toLowerCase();
  if (YES.has(word)) return true;
  if (NO.has(word)) return false;
  throw new InputError([{ field: flag, message: `must be yes or no [${raw}]` }]);
}

function parseParams(
  d: CalculatorDescriptor,
  opts: Record<string, unknown>,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, info] of fields(d)) {
    const raw = opts[key];
    if (typeof raw === 'string') values[key] = parseValue(`--${toKebabCase(key)}`, info, raw);
  }
  const parsed = d.params.safeParse(values);
  if (parsed.success) return parsed.data;

  const issues = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? 'params');
    const value = values[key];
    const message = value === undefined ? 'required' : `${issue.message} [${String(opts[key])}]`;
    return { field: `--${toKebabCase(key)}`, message };
  });
  throw new InputError(issues);
}

function writer(command: Command): (text: string) => void {
  let root = command;
  while (root.parent) root = root.parent;
  const config = root.configureOutput();
  return (text) => {
    if (config.writeOut) config.writeOut(text);
    else process.stdout.write(text);
  };
}

function parseFormat(raw: unknown): 'json' | 'text' {
  if (raw === 'json' || raw === 'text') return raw;
  throw new InputError([{ field: '--format', message: `must be json or text [${String(raw)}]` }]);
}

function runCalculator(d: CalculatorDescriptor, command: Command): void {
  const opts = command.opts<Record<string, unknown>>();
  const format = parseFormat(opts['format']);
  const params = parseParams(d, opts);
  const out = d.run(params);
  // An input outside its plausible range is bad input: shown as a result, exit code 2.
  const kind = (out.result as { kind?: unknown } | null)?.kind;
  if (kind === 'out-of-range' || kind === 'insufficient-data') process.exitCode = 2;
  const write = writer(command);
  if (format === 'json') {
    write(
      `${JSON.stringify({ calculator: d.name, result: out.result, lines: out.lines }, null, 2)}\n`,
    );
    return;
  }
  write(`${[...out.lines, `source: ${d.citation}`].join('\n')}\n`);
}

function placeholder(info: FieldInfo): string {
  if (info.kind === 'enum') return info.choices.join('|');
  if (info.kind === 'boolean') return 'yes|no';
  return info.kind === 'number' ? 'number' : 'text';
}

function addCalculator(calc: Command, d: CalculatorDescriptor): void {
  const cmd = calc.command(d.name).description(d.summary);
  for (const [key, info] of fields(d)) {
    const required = info.optional ? '' : ' (required)';
    cmd.option(`--${toKebabCase(key)} <${placeholder(info)}>`, `${info.description}${required}`);
  }
  cmd.option('--format <json|text>', 'output format', 'text');
  cmd.addHelpText('after', `\nSource: ${d.citation}\n`);
  cmd.action((_opts: unknown, command: Command) => runCalculator(d, command));
}

function listing(): string {
  const width = Math.max(...CALCULATORS.map((c) => c.name.length));
  const rows = CALCULATORS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return ['Calculators (medassist calc NAME --help for parameters):', ...rows].join('\n');
}

/** Registers `calc` (list) and one `calc NAME` subcommand per registered calculator. */
export function registerCalcCommand(program: Command): void {
  const calc = program
    .command('calc')
    .description('clinical calculators: growth z-scores, BMI, fluids, coma scales, eGFR, scores')
    .argument('[name]', 'calculator to run; omit to list them');
  calc.action((name: string | undefined, _opts: unknown, command: Command) => {
    if (name !== undefined && findCalculator(name) === undefined) {
      const message = `unknown calculator [${name}]; run "medassist calc" for the list`;
      throw new InputError([{ field: 'name', message }]);
    }
    writer(command)(`${listing()}\n`);
  });
  for (const d of CALCULATORS) addCalculator(calc, d);
}
