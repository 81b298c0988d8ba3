/**
 * The `medassist` command as a whole process (the compiled bin, built by `npm test`).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/medassist.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'medassist-cli-'));
after(() => rmSync(home, { recursive: true, force: true }));

const PASSPHRASE = 'a test passphrase only';

function medassist(args: string[], input?: string, extraEnv: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      MEDASSIST_HOME: home,
      MEDASSIST_TZ: 'Africa/Nairobi',
      MEDASSIST_PASSPHRASE: PASSPHRASE,
      ...extraEnv,
    },
    input,
    encoding: 'utf8',
  });
}

/** Encounters in the clinic, read through `medassist doctor` (the database is encrypted). */
function encounters(): number {
  if (!existsSync(join(home, 'clinic.db'))) return 0;
  const r = medassist(['doctor', '--format', 'json']);
  const checks = (JSON.parse(r.stdout) as { checks: { name: string; detail: string }[] }).checks;
  return Number(
    /^(\d+) encounters/.exec(checks.find((c) => c.name === 'records')?.detail ?? '')?.[1] ?? NaN,
  );
}

before(() => {
  const setup = medassist([
    'setup',
    '--non-interactive',
    '--admin-name',
    'Admin',
    '--admin-pin',
    '2580',
  ]);
  assert.equal(setup.status, 0, setup.stderr);
  assert.equal(
    medassist(['login', '--user', 'Admin'], undefined, { MEDASSIST_PIN: '2580' }).status,
    0,
  );
  const added = medassist(['users', 'add', '--name', 'Nurse', '--role', 'nurse', '--pin', '3691']);
  assert.equal(added.status, 0, added.stderr);
  assert.equal(
    medassist(['login', '--user', 'Nurse'], undefined, { MEDASSIST_PIN: '3691' }).status,
    0,
  );
});

const child = (patient: Record<string, unknown>, findings: Record<string, unknown> = {}) =>
  JSON.stringify({
    patient: { age_months: 18, ...patient },
    findings: { cough_or_difficult_breathing: true, respiratory_rate: 45, ...findings },
  });

describe('medassist consult', () => {
  test('prints the JSON result with classifications, urgent referral and what to ask, and saves it once', () => {
    const first = medassist(['consult', '-', '--format', 'json'], child({ weight_kg: '12,5' }));
    assert.equal(first.status, 0, first.stderr);
    const r = JSON.parse(first.stdout) as {
      classifications: { name: string; severity: string }[];
      urgentReferral: boolean;
      unanswered: string[];
    };
    assert.ok(
      r.classifications.some((c) => c.name === 'PNEUMONIA' && c.severity === 'specific-treatment'),
    );
    assert.equal(r.urgentReferral, false);
    assert.ok(r.unanswered.includes('vomits_everything'));
    const again = JSON.parse(
      medassist(['consult', '-', '--format', 'json'], child({ weight_kg: '12,5' })).stdout,
    ) as { saved: { created: boolean } };
    assert.equal(again.saved.created, false);
    assert.equal(encounters(), 1);
  });

  test('runs the bundled example case as a text report', () => {
    const r = medassist(['consult', 'examples/child-cough-fever.json', '--no-save']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /PNEUMONIA/);
    assert.match(r.stdout, /FOLLOW-UP: in 3 days/);
  });

  const bad: [string, string, RegExp][] = [
    ['invalid JSON', '{"patient": {', /line 1/],
    ['an unknown finding key', child({}, { respiratory_rat: 40 }), /respiratory_rate/],
    ['a respiratory rate of 0', child({}, { respiratory_rate: 0 }), /findings\.respiratory_rate/],
    [
      'a respiratory rate of 300',
      child({}, { respiratory_rate: 300 }),
      /findings\.respiratory_rate/,
    ],
    ['a temperature of 20 °C', child({ temperature_c: 20 }), /patient\.temperature_c/],
    ['a temperature of 46 °C', child({ temperature_c: 46 }), /patient\.temperature_c/],
    ['a weight of 0 kg', child({ weight_kg: 0 }), /patient\.weight_kg/],
    ['a weight of 400 kg', child({ weight_kg: 400 }), /patient\.weight_kg/],
    ['a negative age', child({ age_months: -3 }), /age_months/],
    ['contradictory ages', child({ age_months: 18, age_days: 100 }), /age_days|age_months/],
    ['a thousands separator', child({ weight_kg: '1.250,5' }), /weight_kg/],
  ];
  for (const [what, input, field] of bad) {
    test(`refuses ${what} with exit code 2, naming the field, and saves nothing`, () => {
      const before = encounters();
      const r = medassist(['consult', '-'], input);
      assert.equal(r.status, 2, r.stdout);
      assert.match(r.stderr, field);
      assert.equal(encounters(), before);
    });
  }

  test('an unknown edition is refused with the known ones listed', () => {
    const r = medassist(['consult', '-', '--edition', 'imci-1999'], child({}));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /imci-2014/);
  });

  test('the 2005 edition is selectable and named in the result', () => {
    const r = medassist(
      ['consult', '-', '--edition', 'imci-2005', '--format', 'json', '--no-save'],
      child({}, { chest_indrawing: true }),
    );
    const result = JSON.parse(r.stdout) as {
      edition: { id: string };
      classifications: { name: string }[];
    };
    assert.equal(result.edition.id, 'imci-2005');
    assert.ok(
      result.classifications.some((c) => c.name === 'SEVERE PNEUMONIA OR VERY SEVERE DISEASE'),
    );
  });
});

describe('other commands', () => {
  test('schema prints a JSON Schema naming every finding', () => {
    const r = medassist(['schema']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /"respiratory_rate"/);
    assert.doesNotThrow(() => JSON.parse(r.stdout));
  });

  test('eval prints one line per case and the summary line', () => {
    const line = JSON.stringify({
      id: 't1',
      edition: 'IMCI 2014',
      patient: { age_months: 12 },
      assessed_boxes: ['cough_or_difficult_breathing'],
      findings: {
        cough_or_difficult_breathing: true,
        respiratory_rate: 40,
        chest_indrawing: false,
        stridor: false,
        wheeze: false,
      },
      expected: {
        classifications: ['PNEUMONIA'],
        classifications_exhaustive: false,
        urgent_referral: null,
      },
    });
    const r = medassist(['eval', '-'], `${line}\n`);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^PASS t1/m);
    assert.match(r.stdout, /^1 passed, 0 failed$/m);
  });

  test('search finds the guideline passage for an ORS question', () => {
    const r = medassist(['search', 'ORS plan B']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /plan-b|Plan B/i);
  });
});
