import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FORMULARY } from '../dosing/formulary.js';
import { REGIMENS } from '../dosing/regimens.js';
import { AGE_RULES, PREGNANCY_RULES } from './contraindications.js';
import { CURATED_INTERACTIONS } from './curated-interactions.js';
import { DERIVED_INTERACTIONS } from './data/interactions.js';
import { listDrugs } from './list-drugs.js';
import { MEDICINES, findMedicine } from './medicines.js';

void test('the generated table has rows from both ANSM and ONC, within the size cap', () => {
  const ansm = DERIVED_INTERACTIONS.filter((r) => r.source.startsWith('ansm_thesaurus_en_2016'));
  const onc = DERIVED_INTERACTIONS.filter((r) => r.source.startsWith('onc_high_priority_ddi_2012'));
  assert.ok(ansm.length > 50, `ansm ${ansm.length}`);
  assert.ok(onc.length > 0, `onc ${onc.length}`);
  assert.ok(DERIVED_INTERACTIONS.length <= 600);
});

void test('every interaction and rule names medicines of the catalogue', () => {
  for (const r of [...DERIVED_INTERACTIONS, ...CURATED_INTERACTIONS]) {
    for (const id of [...r.a, ...r.b]) assert.ok(findMedicine(id), `${r.id}: ${id}`);
    assert.ok(r.source.length > 5 && r.effect.length > 5 && r.action.length > 5, r.id);
  }
  for (const r of [...PREGNANCY_RULES, ...AGE_RULES])
    for (const id of r.drugs) assert.ok(findMedicine(id), `${r.id}: ${id}`);
});

void test('every formulary and regimen drug is a catalogue medicine', () => {
  for (const f of FORMULARY) assert.ok(findMedicine(f.drug), f.drug);
  for (const r of REGIMENS) assert.ok(findMedicine(r.drug), r.drug);
});

void test('medicine ids are unique and every brief medicine is present', () => {
  assert.equal(new Set(MEDICINES.map((m) => m.id)).size, MEDICINES.length);
  for (const id of [
    'efavirenz',
    'nevirapine',
    'lopinavir-ritonavir',
    'dolutegravir',
    'zidovudine',
    'rifampicin',
    'isoniazid',
    'warfarin',
    'methotrexate',
    'phenytoin',
    'carbamazepine',
    'phenobarbital',
    'valproate',
    'digoxin',
    'lithium',
    'fluconazole',
    'metronidazole',
    'erythromycin',
    'azithromycin',
    'combined-oral-contraceptive',
    'antacid',
    'doxycycline',
    'tetracycline',
    'theophylline',
    'enalapril',
    'potassium-chloride',
    'ibuprofen',
    'metformin',
    'insulin',
    'quinine',
    'mefloquine',
    'halofantrine',
    'primaquine',
  ])
    assert.ok(findMedicine(id), id);
});

void test('listDrugs shows formulary drugs with their products, all medicines on request', () => {
  const amox = listDrugs().find((d) => d.id === 'amoxicillin');
  assert.equal(amox?.formulations.length, 3);
  assert.equal(
    listDrugs().some((d) => d.id === 'warfarin'),
    false,
  );
  assert.equal(listDrugs('all').length, MEDICINES.length);
});
