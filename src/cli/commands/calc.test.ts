import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Command, CommanderError } from 'commander';

import { InputError } from '../../shared/errors.js';
import { parseDecimal, registerCalcCommand } from './calc.js';

interface Run {
  readonly out: string;
  readonly err: string;
}

function program(): { cli: Command; captured: { out: string; err: string } } {
  const captured = { out: '', err: '' };
  const cli = new Command('medassist');
  cli.exitOverride().configureOutput({
    writeOut: (s) => (captured.out += s),
    writeErr: (s) => (captured.err += s),
  });
  registerCalcCommand(cli);
  return { cli, captured };
}

async function run(args: readonly string[]): Promise<Run> {
  const { cli, captured } = program();
  await cli.parseAsync([...args], { from: 'user' });
  return captured;
}

async function inputError(args: readonly string[]): Promise<InputError> {
  try {
    await run(args);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  assert.fail(`expected InputError for ${args.join(' ')}`);
}

void test('lists every calculator when run without a name', async () => {
  const { out } = await run(['calc']);
  for (const name of [
    'weight-for-height',
    'bmi',
    'egfr',
    'gcs',
    'qsofa',
    'crb-65',
    'pregnancy-dates',
  ]) {
    assert.match(out, new RegExp(`^  ${name} `, 'm'));
  }
});

void test('runs bmi from kebab-case flags and prints text with the source', async () => {
  const { out } = await run(['calc', 'bmi', '--weight-kg', '70', '--height-cm', '170']);
  assert.match(out, /BMI: 24\.2 kg\/m²/);
  assert.match(out, /WHO adult class: normal/);
  assert.match(out, /source: imci-facts E\.1/);
});

void test('reads a decimal comma and a decimal point alike', async () => {
  const comma = await run([
    'calc',
    'bsa',
    '--weight-kg',
    '12,5',
    '--height-cm',
    '90',
    '--format',
    'json',
  ]);
  const point = await run([
    'calc',
    'bsa',
    '--weight-kg',
    '12.5',
    '--height-cm',
    '90',
    '--format',
    'json',
  ]);
  assert.equal(comma.out, point.out);
  const parsed = JSON.parse(comma.out) as { calculator: string; result: { bsaM2: number } };
  assert.equal(parsed.calculator, 'bsa');
  assert.equal(parsed.result.bsaM2, Math.round(Math.sqrt((90 * 12.5) / 3600) * 1000) / 1000);
});

void test('refuses a number with a thousands separator, naming the flag and the value', async () => {
  const error = await inputError(['calc', 'bmi', '--weight-kg', '1.250,5', '--height-cm', '170']);
  assert.equal(error.issues[0]?.field, '--weight-kg');
  assert.match(error.message, /\[1\.250,5\]/);
  assert.throws(() => parseDecimal('--x', '1,250.5'), InputError);
  assert.equal(parseDecimal('--x', ' 0,5 '), 0.5);
});

void test('reports a missing required parameter as an InputError naming it', async () => {
  const error = await inputError(['calc', 'bmi', '--weight-kg', '70']);
  assert.equal(error.issues[0]?.field, '--height-cm');
  assert.equal(error.issues[0]?.message, 'required');
});

void test('refuses an enum value outside its choices and a non-integer GCS score', async () => {
  const sex = await inputError([
    'calc',
    'weight-for-age',
    '--sex',
    'x',
    '--weight-kg',
    '9',
    '--age-months',
    '12',
  ]);
  assert.equal(sex.issues[0]?.field, '--sex');
  assert.match(sex.message, /\[x\]/);
  const gcs = await inputError(['calc', 'gcs', '--eye', '3,5', '--verbal', '5', '--motor', '6']);
  assert.equal(gcs.issues[0]?.field, '--eye');
});

void test('reads yes/no booleans and refuses other words', async () => {
  const ok = await run([
    'calc',
    'qsofa',
    '--respiratory-rate',
    '22',
    '--systolic-bp',
    '100',
    '--altered-mentation',
    'no',
  ]);
  assert.match(ok.out, /qSOFA 2\/3: high risk/);
  const bad = await inputError([
    'calc',
    'qsofa',
    '--respiratory-rate',
    '22',
    '--systolic-bp',
    '100',
    '--altered-mentation',
    'maybe',
  ]);
  assert.equal(bad.issues[0]?.field, '--altered-mentation');
});

void test('prints a z-score with its table and an out-of-range value as a result', async () => {
  const args = [
    'calc',
    'weight-for-height',
    '--sex',
    'male',
    '--weight-kg',
    '9',
    '--length-or-height-cm',
    '80',
  ];
  const { out } = await run([...args, '--age-months', '30']);
  assert.match(out, /weight-for-length-height z-score: -2\.00/);
  assert.match(out, /table: height/);
  const refused = await run([...args, '--age-months', '30', '--oedema', 'yes', '--format', 'json']);
  assert.equal(
    (JSON.parse(refused.out) as { result: { kind: string } }).result.kind,
    'not-applicable',
  );
  const far = await run(['calc', 'bmi', '--weight-kg', '700', '--height-cm', '170']);
  assert.match(far.out, /not computed: weight-kg \[700\]/);
  // Bad input: the process will exit with code 2 (reset here so the test runner passes).
  assert.equal(process.exitCode, 2);
  process.exitCode = undefined;
});

void test('refuses an unknown calculator and an unknown format', async () => {
  const unknown = await inputError(['calc', 'nope']);
  assert.equal(unknown.issues[0]?.field, 'name');
  const format = await inputError([
    'calc',
    'gcs',
    '--eye',
    '4',
    '--verbal',
    '5',
    '--motor',
    '6',
    '--format',
    'xml',
  ]);
  assert.equal(format.issues[0]?.field, '--format');
});

void test('shows the parameters and the source with --help', async () => {
  const { cli, captured } = program();
  await assert.rejects(
    cli.parseAsync(['calc', 'egfr', '--help'], { from: 'user' }),
    CommanderError,
  );
  assert.match(captured.out, /--creatinine <number>/);
  assert.match(captured.out, /--unit <mg\/dL\|umol\/L>/);
  assert.match(captured.out, /Source: imci-facts E\.9/);
});
