import assert from 'node:assert/strict';
import { REGIMENS } from '../clinical/dosing/index.js';
import { after, before, test } from 'node:test';

import type { KnowledgeBase } from './knowledge-base.js';
import type { Passage } from './passage.js';
import { loadRealContent, type RealContent } from './test-helpers/real-content.js';

/** Every classification of the IMCI 2014 chart booklet and the 2005 handbook (brief, point 1). */
const CLASSIFICATION_IDS = [
  'very-severe-disease',
  'severe-pneumonia-or-very-severe-disease',
  'pneumonia',
  'cough-or-cold',
  'no-pneumonia-cough-or-cold',
  'severe-dehydration',
  'some-dehydration',
  'no-dehydration',
  'severe-persistent-diarrhoea',
  'persistent-diarrhoea',
  'dysentery',
  'very-severe-febrile-disease',
  'malaria',
  'fever-no-malaria',
  'fever',
  'fever-malaria-unlikely',
  'severe-complicated-measles',
  'measles-with-eye-or-mouth-complications',
  'measles',
  'mastoiditis',
  'acute-ear-infection',
  'chronic-ear-infection',
  'no-ear-infection',
  'complicated-severe-acute-malnutrition',
  'uncomplicated-severe-acute-malnutrition',
  'moderate-acute-malnutrition',
  'no-acute-malnutrition',
  'severe-anaemia',
  'anaemia',
  'no-anaemia',
  'severe-malnutrition-or-severe-anaemia',
  'anaemia-or-very-low-weight',
  'no-anaemia-and-not-very-low-weight',
  'confirmed-hiv-infection',
  'hiv-exposed',
  'hiv-infection-unlikely',
  'yi-very-severe-disease',
  'yi-possible-serious-bacterial-infection',
  'yi-local-bacterial-infection',
  'yi-severe-disease-or-local-infection-unlikely',
  'yi-severe-jaundice',
  'yi-jaundice',
  'yi-no-jaundice',
  'yi-severe-dehydration',
  'yi-some-dehydration',
  'yi-no-dehydration',
  'yi-severe-persistent-diarrhoea',
  'yi-dysentery',
  'yi-feeding-problem-or-low-weight',
  'yi-no-feeding-problem',
  'yi-not-able-to-feed-possible-serious-bacterial-infection',
];

/** Every regimen of the dosing module must have a treatment passage. */
const REGIMEN_IDS = REGIMENS.map((r) => r.id);

const DRUG_IDS = [
  'amoxicillin',
  'cotrimoxazole',
  'ciprofloxacin',
  'artemether-lumefantrine',
  'artesunate',
  'quinine',
  'paracetamol',
  'vitamin-a',
  'iron',
  'zinc',
  'mebendazole',
  'albendazole',
  'diazepam',
  'salbutamol',
  'tetracycline-eye-ointment',
  'gentian-violet',
  'quinolone-ear-drops',
  'gentamicin',
  'ampicillin',
  'benzylpenicillin',
  'ceftriaxone',
  'chloramphenicol',
  'ors',
  'rutf',
];

let content: RealContent;
let passages: Passage[];
let kb: KnowledgeBase;

before(() => {
  content = loadRealContent();
  ({ passages, kb } = content);
});
after(() => content.close());

const wordCount = (text: string): number => text.split(/\s+/).filter(Boolean).length;

void test('every real passage validates and compiles, in English, French and Swahili, unreviewed', () => {
  assert.ok(passages.length >= 110, `only ${passages.length} passages`);
  assert.equal(kb.meta().passageCount, passages.length);
  assert.deepEqual(kb.meta().languages, ['en', 'fr', 'sw']);
  assert.deepEqual(
    passages.filter((p) => p.reviewed).map((p) => p.id),
    [],
  );
});

void test('every passage body is 60 to 250 words', () => {
  const outside = passages
    .filter((p) => wordCount(p.body) < 60 || wordCount(p.body) > 250)
    .map((p) => `${p.id}: ${wordCount(p.body)} words`);

  assert.deepEqual(outside, []);
});

void test('has a cls- passage for every classification, linked by its classification id', () => {
  const missing = CLASSIFICATION_IDS.filter((id) => {
    const passage = kb.getPassage(`cls-${id}`);
    return passage?.kind !== 'classification' || !passage.refs.includes(id);
  });

  assert.deepEqual(missing, []);
});

void test('has no classification passage outside the list', () => {
  const extra = passages
    .filter((p) => p.kind === 'classification')
    .map((p) => p.id.replace(/^cls-/, ''))
    .filter((id) => !CLASSIFICATION_IDS.includes(id));

  assert.deepEqual(extra, []);
});

void test('links every regimen id to at least one treatment passage', () => {
  const missing = REGIMEN_IDS.filter(
    (ref) => !kb.passagesFor([ref]).some((p) => p.kind === 'treatment'),
  );

  assert.deepEqual(missing, []);
});

void test('has one drug monograph per drug id, linked by the drug id', () => {
  const missing = DRUG_IDS.filter((id) => !kb.getPassage(`drug-${id}`)?.refs.includes(id));

  assert.deepEqual(missing, []);
  assert.equal(passages.filter((p) => p.kind === 'drug').length, DRUG_IDS.length);
});

void test('cites a WHO document in every passage', () => {
  assert.deepEqual(
    passages.filter((p) => !/WHO|IMNCI/.test(p.citation)).map((p) => p.id),
    [],
  );
});

/** Ids expected among the top three hits of a health-worker query. */
const SEARCH_EXPECTATIONS: readonly [string, readonly string[]][] = [
  ['chest indrawing', ['cls-pneumonia', 'cls-severe-pneumonia-or-very-severe-disease']],
  ['zinc', ['drug-zinc', 'tx-zinc-diarrhoea']],
  ['ORS plan B', ['tx-ors-plan-b']],
  ['convulsions', ['tx-diazepam-convulsions', 'drug-diazepam']],
  ['yellow palms and soles', ['cls-yi-severe-jaundice']],
  ['tender swelling behind the ear', ['cls-mastoiditis']],
  ['blood in the stool', ['cls-dysentery', 'cls-yi-dysentery']],
  [
    'MUAC 115',
    [
      'cls-uncomplicated-severe-acute-malnutrition',
      'cls-complicated-severe-acute-malnutrition',
      'cls-moderate-acute-malnutrition',
    ],
  ],
];

for (const [query, expected] of SEARCH_EXPECTATIONS) {
  void test(`finds a sensible passage among the top three for "${query}"`, () => {
    const top = kb.search(query, { limit: 3 }).map((hit) => hit.id);

    assert.ok(
      expected.some((id) => top.includes(id)),
      `top three: ${top.join(', ')}`,
    );
  });
}
