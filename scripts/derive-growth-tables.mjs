#!/usr/bin/env node
// Derives compact TypeScript modules from the WHO LMS growth tables in ../shared/data.
//
// Usage: node scripts/derive-growth-tables.mjs [shared-data-dir]
// Output: src/clinical/growth/data/*.ts (committed; the z-score code imports them).
//
// Encoding: every table is a regular grid (one row per day, per month or per 0.1 cm), so the
// index value is implicit (first + i * step) and checked here. Each L, M and S column is stored
// per sex as integers scaled by 10^decimals and delta-coded (each entry is the difference from
// the previous row), which keeps the modules small; a column that never changes is stored as
// one value. Decoding is exact: the script checks that every decoded value equals the source
// number. Values are never rounded.
//
// If the shared data folder is absent (a fresh clone), the script says so and exits 0.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolve(process.argv[2] ?? join(root, '..', 'shared', 'data'));
const outDir = join(root, 'src', 'clinical', 'growth', 'data');

const STANDARDS_0_5 = {
  folder: 'who_growth_standards_0_5y',
  origin:
    'WorldHealthOrganization/anthro\n//   commit b776d8a12b1c97369c748b561159fd2ec4f4db58, ' +
    'data-raw/growthstandards',
  licence: 'GPL-3 (WHO anthro R package; copyright World Health Organization)',
  standard: 'WHO Child Growth Standards 2006',
};
const REFERENCE_5_19 = {
  folder: 'who_growth_reference_5_19y',
  origin:
    'WorldHealthOrganization/anthroplus\n//   commit 799a7deaf7dff57f2abef5781f74b243f0aa6194, ' +
    'data-raw/growthstandards',
  licence: 'GPL (>= 3) (WHO anthroplus R package; copyright World Health Organization)',
  standard: 'WHO Growth Reference 2007',
};

const TABLES = [
  {
    file: 'weianthro.tsv',
    out: 'weight-for-age',
    name: 'WEIGHT_FOR_AGE',
    set: STANDARDS_0_5,
    what: 'weight-for-age (kg) by age in days',
    unit: 'day',
    step: 1,
  },
  {
    file: 'lenanthro.tsv',
    out: 'length-height-for-age',
    name: 'LENGTH_HEIGHT_FOR_AGE',
    set: STANDARDS_0_5,
    what:
      'length/height-for-age (cm) by age in days; recumbent length ' +
      'rows to 730 days, standing height rows from 731 days',
    unit: 'day',
    step: 1,
  },
  {
    file: 'bmianthro.tsv',
    out: 'bmi-for-age',
    name: 'BMI_FOR_AGE',
    set: STANDARDS_0_5,
    what:
      'BMI-for-age (kg/m2) by age in days; length-based rows to 730 days, height-based ' +
      'from 731 days',
    unit: 'day',
    step: 1,
  },
  {
    file: 'acanthro.tsv',
    out: 'arm-circumference-for-age',
    name: 'ARM_CIRCUMFERENCE_FOR_AGE',
    set: STANDARDS_0_5,
    what: 'arm circumference (MUAC)-for-age (cm) by age in days, from 91 days',
    unit: 'day',
    step: 1,
  },
  {
    file: 'wflanthro.tsv',
    out: 'weight-for-length',
    name: 'WEIGHT_FOR_LENGTH',
    set: STANDARDS_0_5,
    what: 'weight-for-length (kg) by recumbent length in cm',
    unit: 'cm',
    step: 0.1,
  },
  {
    file: 'wfhanthro.tsv',
    out: 'weight-for-height',
    name: 'WEIGHT_FOR_HEIGHT',
    set: STANDARDS_0_5,
    what: 'weight-for-height (kg) by standing height in cm',
    unit: 'cm',
    step: 0.1,
  },
  {
    file: 'bfawho2007.tsv',
    out: 'bmi-for-age-5-19',
    name: 'BMI_FOR_AGE_5_19',
    set: REFERENCE_5_19,
    what: 'BMI-for-age (kg/m2) by age in months',
    unit: 'month',
    step: 1,
  },
  {
    file: 'hfawho2007.tsv',
    out: 'height-for-age-5-19',
    name: 'HEIGHT_FOR_AGE_5_19',
    set: REFERENCE_5_19,
    what: 'height-for-age (cm) by age in months',
    unit: 'month',
    step: 1,
  },
  {
    file: 'wfawho2007.tsv',
    out: 'weight-for-age-5-10',
    name: 'WEIGHT_FOR_AGE_5_10',
    set: REFERENCE_5_19,
    what: 'weight-for-age (kg) by age in months (defined to 10 years)',
    unit: 'month',
    step: 1,
  },
];

function readRows(path) {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const cols = header.split('\t');
  const at = (name) => {
    const i = cols.indexOf(name);
    if (i < 0) throw new Error(`${path}: no column [${name}]`);
    return i;
  };
  const idx = { sex: at('sex'), x: 1, l: at('l'), m: at('m'), s: at('s') };
  return lines.map((line) => {
    const f = line.split('\t');
    return { sex: f[idx.sex], x: Number(f[idx.x]), l: f[idx.l], m: f[idx.m], s: f[idx.s] };
  });
}

function decimalsOf(texts) {
  return Math.max(...texts.map((t) => (t.split('.')[1] ?? '').length));
}

/** Scaled-integer, delta-coded column; verified to decode to the exact source numbers. */
function packColumn(texts, label) {
  const decimals = decimalsOf(texts);
  const scale = 10 ** decimals;
  const ints = texts.map((t) => Math.round(Number(t) * scale));
  ints.forEach((v, i) => {
    if (v / scale !== Number(texts[i])) throw new Error(`${label}: inexact at row ${i}`);
  });
  if (ints.every((v) => v === ints[0])) return { decimals, constant: ints[0] };
  let previous = 0;
  const deltas = ints.map((v) => {
    const d = v - previous;
    previous = v;
    return d;
  });
  return { decimals, deltas };
}

function packSex(rows, table, sex) {
  const own = rows.filter((r) => r.sex === sex);
  const first = own[0].x;
  own.forEach((r, i) => {
    const expected = Math.round((first + i * table.step) * 10) / 10;
    if (Math.abs(r.x - expected) > 1e-9) {
      throw new Error(`${table.file}: sex ${sex} row ${i} is [${r.x}], expected [${expected}]`);
    }
  });
  const label = `${table.file} sex ${sex}`;
  return {
    first,
    count: own.length,
    l: packColumn(
      own.map((r) => r.l),
      `${label} l`,
    ),
    m: packColumn(
      own.map((r) => r.m),
      `${label} m`,
    ),
    s: packColumn(
      own.map((r) => r.s),
      `${label} s`,
    ),
  };
}

function renderColumn(col) {
  return 'constant' in col
    ? `{ decimals: ${col.decimals}, constant: ${col.constant} }`
    : `{ decimals: ${col.decimals}, deltas: [${col.deltas.join(', ')}] }`;
}

function renderSex(p) {
  return `{ first: ${p.first}, count: ${p.count}, l: ${renderColumn(p.l)}, m: ${renderColumn(
    p.m,
  )}, s: ${renderColumn(p.s)} }`;
}

function jsdoc(text) {
  const lines = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > 94) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.length === 1
    ? `/** ${line} */`
    : `/**\n${lines.map((l) => ` * ${l}`).join('\n')}\n */`;
}

function render(table, male, female) {
  const { set } = table;
  return `// Generated by scripts/derive-growth-tables.mjs; do not edit by hand.
// Source file: ${set.folder}/${table.file} (${set.standard}).
// Origin: ${set.origin}/${table.file.replace('.tsv', '.txt')}.
// Licence: ${set.licence}.
// Encoding: L, M and S per sex, as integers scaled by 10^decimals and delta-coded from row to
// row; the index value is first + i * step, in ${table.unit === 'cm' ? 'cm' : table.unit + 's'}. Decoded values equal the source exactly.
import type { PackedLmsTable } from '../lms-table.js';

${jsdoc(`${set.standard}: ${table.what}.`)}
export const ${table.name}: PackedLmsTable = {
  source: '${set.folder}/${table.file}',
  unit: '${table.unit}',
  step: ${table.step},
  male: ${renderSex(male)},
  female: ${renderSex(female)},
};
`;
}

async function loadPrettier() {
  try {
    const prettier = await import('prettier');
    return prettier.default ?? prettier;
  } catch {
    return null;
  }
}

async function main() {
  if (!existsSync(join(dataDir, STANDARDS_0_5.folder))) {
    console.log(`derive-growth-tables: ${dataDir} not found; nothing to do (skipped).`);
    return;
  }
  const prettier = await loadPrettier();
  mkdirSync(outDir, { recursive: true });
  let total = 0;
  for (const table of TABLES) {
    const rows = readRows(join(dataDir, table.set.folder, table.file));
    let text = render(table, packSex(rows, table, '1'), packSex(rows, table, '2'));
    const outPath = join(outDir, `${table.out}.ts`);
    if (prettier) {
      const options = (await prettier.resolveConfig(outPath)) ?? {};
      text = await prettier.format(text, { ...options, filepath: outPath });
    }
    writeFileSync(outPath, text);
    total += Buffer.byteLength(text);
    console.log(`wrote ${table.out}.ts (${Buffer.byteLength(text)} bytes, ${rows.length} rows)`);
  }
  console.log(`total ${total} bytes${prettier ? '' : ' (prettier not found: unformatted)'}`);
}

await main();
