import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchAllergy, matchMedicine, parseMedicines } from './normalize.js';

void test('cotrimoxazole synonyms all map to one id', () => {
  for (const t of [
    'co-trimoxazole',
    'Cotrimoxazole',
    'trimethoprim-sulfamethoxazole',
    'Sulphamethoxazole/Trimethoprim',
    'TMP-SMX',
    'cotrimoxazole 480 mg tab',
  ]) {
    assert.deepEqual(matchMedicine(t), ['cotrimoxazole'], t);
  }
});

void test('brand names are not synonyms', () => {
  assert.equal(matchMedicine('Septrin'), undefined);
  assert.equal(matchMedicine('Bactrim'), undefined);
});

void test('generic spellings and abbreviations map: rifampin, phenobarbitone, acetaminophen, AZT', () => {
  assert.deepEqual(matchMedicine('Rifampin'), ['rifampicin']);
  assert.deepEqual(matchMedicine('phenobarbitone 30mg'), ['phenobarbital']);
  assert.deepEqual(matchMedicine('Acetaminophen'), ['paracetamol']);
  assert.deepEqual(matchMedicine('AZT'), ['zidovudine']);
  assert.deepEqual(matchMedicine('aluminium hydroxide'), ['antacid']);
});

void test('combinations are split when the whole text is not one name', () => {
  assert.deepEqual(matchMedicine('TDF/3TC/DTG'), ['tenofovir', 'lamivudine', 'dolutegravir']);
  assert.deepEqual(matchMedicine('TLD'), ['tenofovir', 'lamivudine', 'dolutegravir']);
  assert.deepEqual(matchMedicine('lopinavir/ritonavir'), ['lopinavir-ritonavir']);
  assert.equal(matchMedicine('isoniazid + something unknown'), undefined);
});

void test('parseMedicines keeps unknown entries and skips blanks', () => {
  assert.deepEqual(parseMedicines(['warfarin', '  ', 'mystery pill']), {
    ids: ['warfarin'],
    unknown: ['mystery pill'],
  });
});

void test('allergy entries map to groups or to drugs with their groups', () => {
  assert.deepEqual(matchAllergy('sulfa'), { groups: ['sulfonamide'], ids: [] });
  assert.deepEqual(matchAllergy('Allergic to penicillins'), { groups: ['penicillin'], ids: [] });
  assert.deepEqual(matchAllergy('amoxicillin'), { groups: ['penicillin'], ids: ['amoxicillin'] });
  assert.equal(matchAllergy('pollen'), undefined);
});
