import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ACTIONS, COUNSELLING } from '../assess/actions.js';
import { findRegimen } from '../dosing/index.js';
import type { Protocol } from '../engine/types.js';
import { EDITIONS, adaptEdition } from './registry.js';
import { run, NO_DANGER_SIGNS } from '../test-helpers/classify.js';
import { assess } from '../assess/assess.js';

const protocols: Protocol[] = Object.values(EDITIONS).flatMap((e) => [e.sickChild, e.youngInfant]);

test('every regimen a protocol prescribes exists in the dosing tables', () => {
  const missing = protocols.flatMap((p) =>
    p.groups.flatMap((g) =>
      g.rows.flatMap((r) =>
        r.treatments.flatMap((t) =>
          t.regimen && !findRegimen(t.regimen) ? [`${r.id}: ${t.regimen}`] : [],
        ),
      ),
    ),
  );
  assert.deepEqual(missing, []);
});

test('every action and counselling step a protocol names has words for the health worker', () => {
  const missing = protocols.flatMap((p) =>
    p.groups.flatMap((g) =>
      g.rows.flatMap((r) => [
        ...r.treatments.flatMap((t) => (t.action && !ACTIONS[t.action] ? [t.action] : [])),
        ...r.counselling.filter((c) => !COUNSELLING[c]),
      ]),
    ),
  );
  assert.deepEqual(missing, []);
});

test('row ids are unique within each protocol and every row cites its source', () => {
  for (const p of protocols) {
    const ids = p.groups.flatMap((g) => g.rows.map((r) => r.id));
    assert.equal(new Set(ids).size, ids.length, p.id);
    for (const g of p.groups)
      for (const r of g.rows) assert.ok(r.citation.section.length > 0, r.id);
  }
});

test('a national adaptation can override a row and a threshold', () => {
  const base = EDITIONS['imci-2014'];
  assert.ok(base);
  const adapted = adaptEdition(base, {
    id: 'imci-2014+sudan',
    name: 'Sudan IMNCI (test)',
    base: 'imci-2014',
    sickChild: {
      params: { fastBreathingFrom12m: 45 },
      rows: { 'nutrition.uncomplicated-severe-acute-malnutrition': { followUpDays: 14 } },
    },
  });
  const input = (rr: number) => ({
    patient: { age: { months: 24, days: 730 } },
    findings: {
      ...NO_DANGER_SIGNS,
      cough_or_difficult_breathing: true,
      respiratory_rate: rr,
      chest_indrawing: false,
      stridor: false,
      wheeze: false,
    },
  });
  assert.ok(assess(input(44), adapted).classifications.some((c) => c.name === 'COUGH OR COLD'));
  assert.ok(assess(input(45), adapted).classifications.some((c) => c.name === 'PNEUMONIA'));
  assert.equal(assess(input(44), adapted).edition.id, 'imci-2014+sudan');
  const sam = assess(
    {
      patient: { age: { months: 24, days: 730 } },
      findings: {
        ...NO_DANGER_SIGNS,
        oedema_both_feet: false,
        muac_mm: 110,
        able_to_finish_rutf: true,
      },
    },
    adapted,
  );
  assert.equal(sam.classifications.find((c) => c.table === 'acute-malnutrition')?.followUpDays, 14);
  assert.equal(
    run({
      months: 24,
      findings: {
        ...NO_DANGER_SIGNS,
        cough_or_difficult_breathing: true,
        respiratory_rate: 44,
        chest_indrawing: false,
        stridor: false,
        wheeze: false,
      },
    }).classifications[0]?.name,
    'PNEUMONIA',
  );
});

test('an adaptation naming a row that does not exist is refused', () => {
  const base = EDITIONS['imci-2014'];
  assert.ok(base);
  assert.throws(
    () =>
      adaptEdition(base, {
        id: 'x',
        name: 'x',
        base: 'imci-2014',
        sickChild: { rows: { 'cough.pneumonai': { followUpDays: 2 } } },
      }),
    /cough\.pneumonai/,
  );
});
