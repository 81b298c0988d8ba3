import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FORMULARY, findFormulation } from './formulary.js';
import { REGIMENS, REGIMEN_COMBINATIONS, findRegimen } from './regimens.js';
import { isMultipleOf } from './rounding.js';
import type { Band } from './types.js';

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

void test('formulation and regimen ids are unique kebab-case', () => {
  for (const list of [FORMULARY, REGIMENS]) {
    const ids = list.map((x) => x.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, KEBAB);
  }
});

void test('every regimen names products of the formulary, and combinations name regimens', () => {
  for (const r of REGIMENS)
    for (const id of r.formulations) assert.ok(findFormulation(id), `${r.id}: ${id}`);
  for (const ids of Object.values(REGIMEN_COMBINATIONS))
    for (const id of ids) assert.ok(findRegimen(id), id);
});

void test('printed chart amounts refer to the regimen products and are givable', () => {
  for (const r of REGIMENS) {
    const bands: readonly Band[] =
      r.rule.kind === 'bands'
        ? r.rule.bands
        : r.rule.kind === 'per-kg'
          ? (r.rule.ageFallback ?? [])
          : [];
    for (const b of bands) {
      for (const [id, amount] of Object.entries(b.printed ?? {})) {
        assert.ok(r.formulations.includes(id), `${r.id}: ${id}`);
        const f = findFormulation(id);
        assert.ok(
          f && (isMultipleOf(amount, f.step) || f.unit === 'ml'),
          `${r.id}: ${id} ${amount}`,
        );
      }
    }
  }
});

void test('the brief ids are all present', () => {
  const required = [
    'amoxicillin-pneumonia-cb14',
    'amoxicillin-ear-cb14',
    'amoxicillin-sam-cb14',
    'amoxicillin-local-infection-young-infant',
    'amoxicillin-tid-hb05',
    'cotrimoxazole-pneumonia-hb05',
    'cotrimoxazole-prophylaxis',
    'ciprofloxacin-dysentery-cb14',
    'antibiotic-shigella-hb05',
    'artemether-lumefantrine',
    'artesunate-rectal-prereferral',
    'artesunate-im-prereferral',
    'quinine-im-prereferral-hb05',
    'paracetamol-fever',
    'paracetamol-ear-pain',
    'vitamin-a-treatment',
    'vitamin-a-supplement',
    'iron-anaemia',
    'zinc-diarrhoea',
    'mebendazole-deworming',
    'albendazole-deworming',
    'diazepam-rectal-convulsions',
    'salbutamol-inhaled-trial',
    'salbutamol-inhaled-home',
    'tetracycline-eye',
    'gentian-violet-mouth',
    'gentian-violet-skin-young-infant',
    'quinolone-ear-drops',
    'ampicillin-im-prereferral',
    'gentamicin-im-prereferral-child',
    'gentamicin-im-young-infant',
    'ampicillin-im-young-infant',
    'benzylpenicillin-im-young-infant-hb05',
    'chloramphenicol-im-prereferral-hb05',
    'ceftriaxone-im-prereferral',
    'ors-plan-a',
    'ors-plan-b',
    'iv-plan-c',
    'sugar-water-low-blood-sugar',
    'rutf-sam',
  ];
  for (const id of required) assert.ok(findRegimen(id), id);
  assert.ok(REGIMEN_COMBINATIONS['ampicillin-gentamicin-prereferral-child-cb14']);
});

void test('every regimen and formulation carries a citation or source', () => {
  for (const r of REGIMENS) assert.ok(r.citation.length > 10, r.id);
  for (const f of FORMULARY) assert.ok(f.source.length > 5, f.id);
});
