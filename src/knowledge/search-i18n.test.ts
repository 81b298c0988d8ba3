import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import type { KnowledgeBase } from './knowledge-base.js';
import type { Passage } from './passage.js';
import { parsePassages } from './load-passages.js';
import { renderPassage } from './test-helpers/fixture.js';
import { loadRealContent, type RealContent } from './test-helpers/real-content.js';

// Issue 6 item 7: the passages behind classifications and counselling exist in French and
// Swahili, and search finds them in those languages. These tests run on the real content.

const TRANSLATED_LANGS = ['fr', 'sw'] as const;
const REQUIRED_KINDS = new Set(['classification', 'counselling']);

let content: RealContent;
let passages: Passage[];
let kb: KnowledgeBase;

before(() => {
  content = loadRealContent();
  ({ passages, kb } = content);
});
after(() => content.close());

const inLang = (lang: string): Passage[] => passages.filter((p) => p.lang === lang);

/** Numbers as written, with a decimal comma read as a point (French writes 38,5 °C). */
function numbersIn(text: string): string[] {
  const numbers = text.replace(/(\d),(\d)/g, '$1.$2').match(/\d+(?:\.\d+)?/g) ?? [];

  return [...new Set(numbers)].sort();
}

for (const lang of TRANSLATED_LANGS) {
  void test(`has every classification and counselling passage in ${lang}`, () => {
    const translated = new Set(inLang(lang).map((p) => p.id));
    const missing = inLang('en')
      .filter((p) => REQUIRED_KINDS.has(p.kind) && !translated.has(p.id))
      .map((p) => p.id);

    assert.deepEqual(missing, []);
  });

  void test(`keeps kind, refs, editions and citation of the English passage in ${lang}`, () => {
    const english = new Map(inLang('en').map((p) => [p.id, p]));
    const differing = inLang(lang)
      .filter((p) => {
        const en = english.get(p.id);
        const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
        return (
          en === undefined ||
          en.kind !== p.kind ||
          en.citation !== p.citation ||
          !same(en.refs, p.refs) ||
          !same(en.editions, p.editions)
        );
      })
      .map((p) => p.id);

    assert.deepEqual(differing, []);
  });

  void test(`keeps every number of the English passage in its ${lang} translation`, () => {
    const english = new Map(inLang('en').map((p) => [p.id, p]));
    const differing = inLang(lang)
      .map((p) => ({
        id: p.id,
        ours: numbersIn(p.body),
        en: numbersIn(english.get(p.id)?.body ?? ''),
      }))
      .filter((row) => JSON.stringify(row.ours) !== JSON.stringify(row.en))
      .map((row) => `${row.id}: [${row.ours.join(' ')}] vs en [${row.en.join(' ')}]`);

    assert.deepEqual(differing, []);
  });

  void test(`has ${lang} titles without stray quote marks`, () => {
    const quoted = inLang(lang)
      .filter((p) => /^["']|["']$/.test(p.title))
      .map((p) => `${p.id}: [${p.title}]`);

    assert.deepEqual(quoted, []);
  });

  void test(`marks every ${lang} passage as an unreviewed machine draft`, () => {
    const unmarked = inLang(lang)
      .filter((p) => p.reviewed || p.translation !== 'machine-draft')
      .map((p) => p.id);

    assert.deepEqual(unmarked, []);
  });
}

/** [lang, query, an id expected among the top three]: words a health worker would type. */
const SEARCH_EXPECTATIONS: readonly [string, string, string][] = [
  ['fr', 'pneumonie', 'cls-pneumonia'],
  ['fr', 'tirage sous-costal', 'cls-pneumonia'],
  ['fr', 'deshydratation severe', 'cls-severe-dehydration'],
  ['fr', 'paumes et plantes jaunes', 'cls-yi-severe-jaundice'],
  ['fr', 'gonflement douloureux derrière l’oreille', 'cls-mastoiditis'],
  ['fr', 'sang dans les selles', 'cls-dysentery'],
  ['fr', 'signes généraux de danger', 'cls-very-severe-disease'],
  ['fr', 'quand revenir immédiatement', 'counsel-when-to-return-immediately'],
  ['fr', 'remede sans danger pour la toux', 'counsel-safe-cough-remedy'],
  ['fr', 'ciprofloxacine dysenterie', 'tx-ciprofloxacin-dysentery'],
  ['fr', 'diazépam convulsions', 'tx-diazepam-convulsions'],
  ['sw', 'nimonia', 'cls-pneumonia'],
  ['sw', 'kuhara damu', 'cls-dysentery'],
  ['sw', 'surua', 'cls-measles'],
  ['sw', 'dalili za hatari', 'cls-very-severe-disease'],
  ['sw', 'upungufu mkubwa wa maji mwilini', 'cls-severe-dehydration'],
  ['sw', 'manjano viganja na nyayo', 'cls-yi-severe-jaundice'],
  ['sw', 'wakati wa kurudi mara moja', 'counsel-when-to-return-immediately'],
  ['sw', 'kushika titi', 'counsel-breastfeeding-attachment-positioning'],
  ['sw', 'zinki kuhara', 'tx-zinc-diarrhoea'],
  ['sw', 'degedege', 'tx-diazepam-convulsions'],
];

for (const [lang, query, expected] of SEARCH_EXPECTATIONS) {
  void test(`finds ${expected} in ${lang} among the top three for "${query}"`, () => {
    const top = kb.search(query, { lang, limit: 3 });

    assert.ok(
      top.some((hit) => hit.id === expected && hit.lang === lang),
      `top three: ${top.map((hit) => `${hit.id}/${hit.lang}`).join(', ')}`,
    );
  });
}

void test('serves a passage that has no Swahili version in English, in search and by id', () => {
  const swahili = new Set(inLang('sw').map((p) => p.id));
  const untranslated = inLang('en').find((p) => p.kind === 'drug' && !swahili.has(p.id));
  assert.ok(untranslated, 'every drug passage is translated; pick another fallback example');

  const hits = kb.search(untranslated.title, { lang: 'sw', limit: 5 });
  const hit = hits.find((h) => h.id === untranslated.id);

  assert.equal(hit?.lang, 'en');
  assert.equal(kb.getPassage(untranslated.id, 'sw')?.lang, 'en');
});

void test('serves the Swahili version, not the English one, when both exist', () => {
  const passage = kb.getPassage('cls-pneumonia', 'sw');

  assert.equal(passage?.lang, 'sw');
  assert.deepEqual(
    kb.passagesFor(['pneumonia'], { lang: 'sw' }).filter((p) => p.id === 'cls-pneumonia'),
    [passage],
  );
});

void test('refuses a translation mark on an English passage and any mark but machine-draft', () => {
  const fixture = (lang: string, mark: string): { file: string; text: string } => ({
    file: `${lang}/cls-pneumonia.md`,
    text: renderPassage({ id: 'cls-pneumonia', lang }).replace(
      'reviewed: false',
      `reviewed: false\ntranslation: ${mark}`,
    ),
  });

  assert.equal(parsePassages([fixture('fr', 'machine-draft')])[0]?.translation, 'machine-draft');
  assert.throws(() => parsePassages([fixture('en', 'machine-draft')]), /translation: English/);
  assert.throws(() => parsePassages([fixture('sw', 'human')]), /translation:/);
});
