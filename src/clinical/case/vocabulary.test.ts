import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  CHART_BOXES,
  FINDINGS,
  FINDING_KEYS,
  isFindingKey,
  type FindingKey,
  type Findings,
} from './vocabulary.js';

const VOCABULARY_URL = new URL('../../../../shared/cases/VOCABULARY.md', import.meta.url);
const SHARED_ABSENT = existsSync(VOCABULARY_URL)
  ? false
  : '../shared/cases/VOCABULARY.md is absent (the shared folder sits beside the repo only on the team machine)';

const TYPE_LETTERS = { b: 'boolean', n: 'number', e: 'enum', s: 'string' } as const;

test('lists all 86 finding keys of the vocabulary, young-infant and future keys included', () => {
  assert.equal(FINDING_KEYS.length, 86);
  for (const key of [
    'jaundice',
    'able_to_finish_rutf',
    'breastfeeding_problem',
    'hiv_status',
    'weakness_reported',
    'muac_mm',
    'muac_colour',
    'wfh_z',
    'yellow_palms_and_soles',
    'post_bronchodilator_rr_counted_full_minute',
  ]) {
    assert.ok(isFindingKey(key), key);
  }
  assert.equal(isFindingKey('toString'), false);
});

test('types each finding value from its spec: boolean, number, enum value or text', () => {
  const findings: Findings = {
    stridor: true,
    respiratory_rate: 52,
    drinking: 'eagerly_thirsty',
    other_foods_or_drinks: 'water',
  };
  // @ts-expect-error an enum finding takes only its listed values
  const wrongEnum: Findings = { drinking: 'sometimes' };
  // @ts-expect-error a boolean finding is not text
  const wrongBoolean: Findings = { stridor: 'yes' };
  // @ts-expect-error an unknown key is not a finding
  const unknownKey: Findings = { respiratory_rat: 40 };
  assert.equal(
    Object.keys({ ...findings, ...wrongEnum, ...wrongBoolean, ...unknownKey }).length,
    5,
  );
});

test('gives every number a unit and a range, and only numbers a range', () => {
  for (const key of FINDING_KEYS) {
    const spec = FINDINGS[key];
    if (spec.type === 'number') {
      assert.ok(spec.unit, `${key} unit`);
      assert.ok(spec.range && spec.range.min < spec.range.max, `${key} range`);
    } else {
      assert.equal(spec.range, undefined, `${key} has a range but is not a number`);
    }
    if (spec.type === 'enum') assert.ok((spec.values?.length ?? 0) >= 2, `${key} values`);
    else assert.equal(spec.values, undefined, `${key} has values but is not an enum`);
  }
});

test('gives every finding a known box, a description and a question', () => {
  for (const key of FINDING_KEYS) {
    const spec = FINDINGS[key];
    assert.ok(CHART_BOXES.includes(spec.box), `${key} box ${spec.box}`);
    assert.ok(spec.description.length > 3, `${key} description`);
    assert.match(spec.question, /\?$/, `${key} question must be a question`);
  }
});

test('uses the plausibility ranges agreed for the numeric findings', () => {
  const expected: Partial<Record<FindingKey, [number, number]>> = {
    respiratory_rate: [5, 150],
    post_bronchodilator_respiratory_rate: [5, 150],
    oxygen_saturation: [50, 100],
    cough_days: [0, 365],
    diarrhoea_days: [0, 365],
    fever_days: [0, 365],
    ear_discharge_days: [0, 365],
    muac_mm: [60, 300],
    wfh_z: [-8, 8],
    breastfeeds_per_24h: [0, 40],
  };
  const numeric = FINDING_KEYS.filter((key) => FINDINGS[key].type === 'number');
  assert.deepEqual([...numeric].sort(), Object.keys(expected).sort());
  for (const key of numeric) {
    const range = FINDINGS[key].range;
    assert.deepEqual([range?.min, range?.max], expected[key], key);
  }
});

test(
  'matches VOCABULARY.md section 3 key for key, with types, units and enum values',
  { skip: SHARED_ABSENT },
  () => {
    const text = readFileSync(VOCABULARY_URL, 'utf8');
    const section = text.slice(text.indexOf('## 3.'), text.indexOf('## 4.'));
    const rows = [...section.matchAll(/^\| `([a-z0-9_]+)` \| ((?:[^|\\]|\\\|)*) \|/gm)];
    assert.deepEqual(rows.map((row) => row[1]).sort(), [...FINDING_KEYS].sort());

    for (const [, key = '', typeCell = ''] of rows) {
      assert.ok(isFindingKey(key));
      const spec = FINDINGS[key];
      const letter = typeCell.trim().charAt(0) as keyof typeof TYPE_LETTERS;
      assert.equal(spec.type, TYPE_LETTERS[letter], `${key} type`);
      if (spec.type === 'enum') {
        const values = [...typeCell.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]);
        assert.deepEqual(spec.values, values, `${key} values`);
      }
      const unit = /^n, (.+)$/.exec(typeCell.trim())?.[1];
      if (unit !== undefined) assert.equal(spec.unit, unit, `${key} unit`);
    }
  },
);
