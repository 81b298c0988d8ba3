/**
 * The finding vocabulary of the neutral case format (../shared/cases/VOCABULARY.md §3), owned by
 * the product as typed data. Every key, type and enum value of the case files is listed here;
 * a test compares this list with VOCABULARY.md when the shared folder is present.
 */
import type { FindingSpec } from './finding-spec.js';
import { COUGH_FINDINGS } from './findings-cough.js';
import { DIARRHOEA_FINDINGS, EAR_FINDINGS } from './findings-diarrhoea-ear.js';
import { FEVER_FINDINGS } from './findings-fever.js';
import { GENERAL_FINDINGS } from './findings-general.js';
import { NUTRITION_FINDINGS } from './findings-nutrition.js';
import { YOUNG_INFANT_FINDINGS } from './findings-young-infant.js';

export { CHART_BOXES } from './finding-spec.js';
export type { ChartBox, FindingSpec, FindingType, PlausibleRange } from './finding-spec.js';

// Kept with its literal types so that FindingKey and Findings can be derived from it.
const FINDING_SPECS = {
  ...GENERAL_FINDINGS,
  ...COUGH_FINDINGS,
  ...DIARRHOEA_FINDINGS,
  ...FEVER_FINDINGS,
  ...EAR_FINDINGS,
  ...NUTRITION_FINDINGS,
  ...YOUNG_INFANT_FINDINGS,
};

/** One finding key of the vocabulary, e.g. `respiratory_rate`. */
export type FindingKey = keyof typeof FINDING_SPECS;

/** Every finding of the vocabulary, by key. */
export const FINDINGS: Readonly<Record<FindingKey, FindingSpec>> = Object.freeze(FINDING_SPECS);

/** Every finding key, in vocabulary order (entry questions and danger signs first). */
export const FINDING_KEYS: readonly FindingKey[] = Object.freeze(
  Object.keys(FINDING_SPECS) as FindingKey[],
);

/** The value type of a finding, from its spec: boolean, number, one enum value, or string. */
export type FindingValue<S> = S extends { readonly type: 'boolean' }
  ? boolean
  : S extends { readonly type: 'number' }
    ? number
    : S extends { readonly type: 'enum'; readonly values: readonly (infer V)[] }
      ? V
      : S extends { readonly type: 'string' }
        ? string
        : never;

/**
 * The findings of one case. A key that is absent was not assessed or not stated; `false` means
 * the finding was looked for and is absent (VOCABULARY.md §3).
 */
export type Findings = {
  readonly [K in FindingKey]?: FindingValue<(typeof FINDING_SPECS)[K]>;
};

/** Whether a string is a finding key of the vocabulary. */
export function isFindingKey(key: string): key is FindingKey {
  return Object.hasOwn(FINDING_SPECS, key);
}
