/**
 * Free-text medicine names to our medicine ids. Case, accents, punctuation, spaces, British
 * spellings (sulph-/aluminium), doses and form words are ignored; combinations written with
 * "/", "+", "and" or "with" are split when the whole text is not a known name. Unknown text is
 * returned as unknown, never dropped.
 */
import { MEDICINES } from './medicines.js';
import type { AllergyGroup } from './types.js';

const FORM_WORDS = new Set([
  'tab',
  'tabs',
  'tablet',
  'tablets',
  'cap',
  'caps',
  'capsule',
  'capsules',
  'syrup',
  'suspension',
  'susp',
  'injection',
  'inj',
  'mg',
  'ml',
  'g',
  'mcg',
  'iu',
  'daily',
  'od',
  'bd',
  'bid',
  'tds',
  'tid',
  'qid',
  'weekly',
  'monthly',
  'nightly',
  'night',
  'morning',
  'once',
  'twice',
  'times',
  'prn',
  'stat',
  'hourly',
  'prophylaxis',
  'prophylactic',
  'course',
  'x',
  'oral',
  'po',
  'im',
  'iv',
  'dispersible',
  'dt',
  'drops',
  'solution',
  'per',
  'day',
]);

/** Lower case, no accents, sulph -> sulf, aluminium -> aluminum, no doses or form words. */
export function normalizeName(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/sulph/g, 'sulf')
    .replace(/aluminium/g, 'aluminum')
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((w) => w !== '' && !FORM_WORDS.has(w) && !/^\d+(mg|ml|g|mcg|iu|kg)?$/.test(w));

  return words.join('');
}

const INDEX = new Map<string, string>();
for (const m of MEDICINES) {
  for (const s of [m.id, m.name, ...m.synonyms]) INDEX.set(normalizeName(s), m.id);
}

// Fixed-dose combinations written as one word ("TLD" = tenofovir + lamivudine + dolutegravir).
const COMBINATIONS = new Map<string, readonly string[]>([
  ['tld', ['tenofovir', 'lamivudine', 'dolutegravir']],
  ['tle', ['tenofovir', 'lamivudine', 'efavirenz']],
  ['azt3tc', ['zidovudine', 'lamivudine']],
  ['azt3tcnvp', ['zidovudine', 'lamivudine', 'nevirapine']],
]);

const SPLIT = /\s*(?:\/|\+|,|;|\band\b|\bwith\b|&)\s*/i;

/** The ids a free-text entry names, or undefined when it is not recognised. */
export function matchMedicine(text: string): readonly string[] | undefined {
  const whole = normalizeName(text);
  const direct = INDEX.get(whole) ?? COMBINATIONS.get(whole);
  if (direct !== undefined) return typeof direct === 'string' ? [direct] : direct;

  const parts = text.split(SPLIT).filter((p) => normalizeName(p) !== '');
  if (parts.length < 2) return undefined;
  const ids = parts.map((p) => INDEX.get(normalizeName(p)));
  if (ids.some((id) => id === undefined)) return undefined;

  return [...new Set(ids as string[])];
}

/** Parses free-text medicines into ids, keeping every unrecognised entry. */
export function parseMedicines(texts: readonly string[]): { ids: string[]; unknown: string[] } {
  const ids = new Set<string>();
  const unknown: string[] = [];
  for (const t of texts) {
    if (t.trim() === '') continue;
    const found = matchMedicine(t);
    if (found) found.forEach((id) => ids.add(id));
    else unknown.push(t);
  }

  return { ids: [...ids], unknown };
}

const GROUP_WORDS: ReadonlyArray<readonly [AllergyGroup, readonly string[]]> = [
  ['penicillin', ['penicillin', 'penicillins', 'pcn', 'betalactam', 'betalactams']],
  ['cephalosporin', ['cephalosporin', 'cephalosporins']],
  [
    'sulfonamide',
    ['sulfa', 'sulfas', 'sulfonamide', 'sulfonamides', 'sulfadrugs', 'sulfaantibiotics'],
  ],
  ['quinolone', ['quinolone', 'quinolones', 'fluoroquinolone', 'fluoroquinolones']],
  ['tetracycline', ['tetracyclines']],
  ['aminoglycoside', ['aminoglycoside', 'aminoglycosides']],
  ['benzodiazepine', ['benzodiazepine', 'benzodiazepines']],
  ['artemisinin', ['artemisinin', 'artemisinins', 'artemisinin derivatives']],
  ['nsaid', ['nsaid', 'nsaids', 'antiinflammatories']],
];
const GROUP_INDEX = new Map(
  GROUP_WORDS.flatMap(([g, ws]) => ws.map((w) => [normalizeName(w), g] as const)),
);

/** An allergy entry as a drug group or as medicine ids (an allergy to a drug implies its groups). */
export function matchAllergy(text: string): { groups: AllergyGroup[]; ids: string[] } | undefined {
  const word = normalizeName(text.replace(/\ballerg(y|ic)\b|\bto\b/gi, ' '));
  const group = GROUP_INDEX.get(word);
  if (group) return { groups: [group], ids: [] };
  const ids = matchMedicine(text.replace(/\ballerg(y|ic)\b/gi, ' '));
  if (!ids) return undefined;
  const groups = ids.flatMap((id) => MEDICINES.find((m) => m.id === id)?.allergyGroups ?? []);

  return { groups: [...new Set(groups)], ids: [...ids] };
}
