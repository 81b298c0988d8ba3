#!/usr/bin/env node
// Derives src/clinical/interactions/data/interactions.ts from the shared drug-interaction data
// (../shared/data/drug_interactions; licences and columns in ../shared/data/SOURCES.md §4):
//   - ansm_thesaurus_en_2016_interactions.tsv + ansm_thesaurus_en_2016_class_members.tsv
//     (ANSM thesaurus, English translation by WorldVistA/Pitt, Sept 2016)
//   - onc_high_priority_ddi_2012.csv (Phansalkar et al., JAMIA 2012;19:735-43)
// Only pairs where both sides are medicines of our catalogue are kept (classes expanded through
// the class-members file), mirrored ANSM rows (A+B and B+A) are merged, and the size is capped.
// Usage: node scripts/derive-interactions.mjs   (skips cleanly when ../shared is absent)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(root, '..', 'shared', 'data', 'drug_interactions');
const outFile = join(root, 'src', 'clinical', 'interactions', 'data', 'interactions.ts');
const ANSM = 'ansm_thesaurus_en_2016_interactions.tsv';
const MEMBERS = 'ansm_thesaurus_en_2016_class_members.tsv';
const ONC = 'onc_high_priority_ddi_2012.csv';
const MAX_ROWS = 600;

// ANSM levels -> ours. "Association déconseillée" (not recommended) is major; "précaution
// d'emploi" moderate; "à prendre en compte" minor. Rows with a conditional note ('other') are
// major; the one 'mixed' row takes its most severe level; a blank level is moderate.
const SEVERITY = {
  contraindicated: 'contraindicated',
  not_recommended: 'major',
  precaution_for_use: 'moderate',
  take_into_account: 'minor',
  other: 'major',
  mixed: 'contraindicated',
  '': 'moderate',
};
const RANK = { contraindicated: 0, major: 1, moderate: 2, minor: 3 };

if (!existsSync(dataDir)) {
  console.log(`derive-interactions: ${dataDir} not found; nothing derived (skipped)`);
  process.exit(0);
}

const { register } = await import('tsx/esm/api');
register();
const { MEDICINES } = await import('../src/clinical/interactions/medicines.ts');

function readTsv(file) {
  const [head, ...lines] = readFileSync(join(dataDir, file), 'utf8').trimEnd().split('\n');
  const cols = head.split('\t');
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i], v])));
}

function readCsv(file) {
  const [head, ...lines] = readFileSync(join(dataDir, file), 'utf8').trimEnd().split('\n');
  const split = (l) =>
    l.match(/("([^"]|"")*"|[^,]*)(,|$)/g).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
  const cols = split(head);
  return lines.map((l) => Object.fromEntries(split(l).map((v, i) => [cols[i], v])));
}

const norm = (s) =>
  s
    .toUpperCase()
    .replace(/^OTHER\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
const systemic = MEDICINES.filter((m) => !m.topical);

// Substance name -> our ids.
const byName = new Map();
for (const m of systemic) {
  for (const n of m.sourceNames ?? []) byName.set(norm(n), [...(byName.get(norm(n)) ?? []), m.id]);
}

// Class code and class name -> our ids, from the members file and our explicit class codes.
const byClassCode = new Map();
const byClassName = new Map();
const add = (map, key, ids) => map.set(key, [...new Set([...(map.get(key) ?? []), ...ids])]);
for (const row of readTsv(MEMBERS)) {
  const ids = byName.get(norm(row.drug_name)) ?? [];
  add(byClassCode, row.class_code, ids);
  add(byClassName, norm(row.class_name), ids);
}
for (const m of systemic) for (const code of m.sourceClasses ?? []) add(byClassCode, code, [m.id]);

function expand(type, name, code) {
  if (type === 'drug') return byName.get(norm(name)) ?? [];
  return [
    ...new Set([...(byClassCode.get(code) ?? []), ...(byClassName.get(norm(name)) ?? [])]),
  ].sort();
}

const clean = (s) => s.replace(/\s+/g, ' ').trim();

function ansmRows() {
  const kept = new Map();
  for (const r of readTsv(ANSM)) {
    const a = expand(r.party1_type, r.party1_name, r.party1_class_code);
    const b = expand(r.party2_type, r.party2_name, r.party2_class_code);
    if (a.length === 0 || b.length === 0) continue;
    if (a.length === 1 && b.length === 1 && a[0] === b[0]) continue;
    const severity = SEVERITY[r.severity_level] ?? 'moderate';
    const sides = [
      [a, r.party1_name],
      [b, r.party2_name],
    ].sort((x, y) => (x[0].join() < y[0].join() ? -1 : 1));
    // Mirrored rows repeat the pair with slightly different wording; one row per pair and level.
    const key = `${sides[0][0].join()}|${sides[1][0].join()}|${severity}`;
    const prior = kept.get(key);
    if (prior) {
      prior.mirrors.push(r.interaction_id);
      continue;
    }
    kept.set(key, {
      id: `ansm-${r.interaction_id}`,
      a: sides[0][0],
      b: sides[1][0],
      aName: clean(sides[0][1]),
      bName: clean(sides[1][1]),
      severity,
      effect: clean(r.description) || 'Interaction listed by ANSM without a description.',
      action: clean(r.management_comment) || actionFor(severity),
      rowId: r.interaction_id,
      mirrors: [],
    });
  }
  return [...kept.values()].map(({ rowId, mirrors, ...row }) => ({
    ...row,
    source: `${ANSM} interaction_id ${rowId}${mirrors.length ? ` (mirror ${mirrors.join(', ')})` : ''}`,
  }));
}

function actionFor(severity) {
  if (severity === 'contraindicated') return 'Do not combine (ANSM: contraindication).';
  if (severity === 'major')
    return 'Avoid the combination unless there is no alternative (ANSM: not recommended).';
  if (severity === 'moderate')
    return 'Combine only with the precautions of use and monitoring (ANSM).';
  return 'Take the interaction into account (ANSM).';
}

// ONC item 23 lists "NSAID" among the protease inhibitors: an error in the source (SOURCES.md
// §4c), so that object is not matched.
const ONC_SKIP = new Set(['23|NSAID']);

function oncRows() {
  const groups = new Map();
  for (const r of readCsv(ONC)) {
    if (ONC_SKIP.has(`${r.onc_item}|${r.object_drug}`)) continue;
    const key = `${r.onc_item}|${r.object_class}|${r.precipitant_class}`;
    const g = groups.get(key) ?? {
      item: r.onc_item,
      oc: r.object_class,
      pc: r.precipitant_class,
      a: new Set(),
      b: new Set(),
    };
    for (const id of byName.get(norm(r.object_drug)) ?? []) g.a.add(id);
    for (const id of byName.get(norm(r.precipitant_drug)) ?? []) g.b.add(id);
    groups.set(key, g);
  }
  let n = 0;
  return [...groups.values()]
    .filter((g) => g.a.size && g.b.size)
    .map((g) => ({
      id: `onc-${g.item}-${(n += 1)}`,
      a: [...g.a].sort(),
      b: [...g.b].sort(),
      aName: g.oc || [...g.a].join(', '),
      bName: g.pc || [...g.b].join(', '),
      severity: 'major',
      effect: `High-priority drug-drug interaction (ONC list item ${g.item}: ${g.oc || 'object drug'} with ${g.pc || 'precipitant drug'}).`,
      action:
        'Interruptive alert: avoid the combination or use only with specialist advice and monitoring (Phansalkar 2012).',
      source: `${ONC} onc_item ${g.item} (${g.oc || '-'} / ${g.pc || '-'})`,
    }));
}

let rows = [...ansmRows(), ...oncRows()].sort(
  (x, y) => RANK[x.severity] - RANK[y.severity] || (x.id < y.id ? -1 : 1),
);
const dropped = Math.max(0, rows.length - MAX_ROWS);
rows = rows.slice(0, MAX_ROWS);

const counts = {
  ansm: rows.filter((r) => r.id.startsWith('ansm-')).length,
  onc: rows.filter((r) => r.id.startsWith('onc-')).length,
};
const body = `// GENERATED by scripts/derive-interactions.mjs. Do not edit by hand; run the script again.
// Sources (../shared/data/drug_interactions, see ../shared/data/SOURCES.md §4):
//   ${ANSM} with ${MEMBERS}: ANSM "Thesaurus des interactions
//     medicamenteuses", Sept 2016, English translation (WorldVistA / Univ. of Pittsburgh);
//     attribution required, licence to be confirmed before a commercial release.
//   ${ONC}: ONC high-priority DDI list, Phansalkar et al., JAMIA 2012;19:735-43.
// Kept: pairs where both sides are medicines of src/clinical/interactions/medicines*.ts.
// Rows: ${counts.ansm} ANSM, ${counts.onc} ONC${dropped ? `; ${dropped} lowest-severity rows over the cap dropped` : ''}.
import type { InteractionRow } from '../types.js';

/** Interaction rows derived from ANSM 2016 and ONC 2012, most severe first. */
export const DERIVED_INTERACTIONS: readonly InteractionRow[] = ${JSON.stringify(rows, null, 2)};
`;

let output = body;
try {
  const prettier = await import('prettier');
  const config = (await prettier.resolveConfig(outFile)) ?? {};
  output = await prettier.format(body, { ...config, filepath: outFile });
} catch {
  // Prettier is a dev dependency; without it the file is still valid TypeScript.
}
writeFileSync(outFile, output);
console.log(
  `derive-interactions: wrote ${rows.length} rows (${counts.ansm} ANSM, ${counts.onc} ONC, ${dropped} dropped) to ${outFile}`,
);
