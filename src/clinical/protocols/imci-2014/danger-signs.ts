/**
 * General danger signs (imci-facts A.1). CB14 asks for them first in every sick child; a child
 * with any one needs urgent attention. The separate VERY SEVERE DISEASE row follows the EdgeIMCI
 * reading of CB14 (VOCABULARY.md §4); the danger sign also feeds the cough, fever, measles and
 * malnutrition tables.
 */
import type { Group } from '../../engine/types.js';
import { act, any, always, derived, give, row, yes } from '../build.js';
import { cb14, edgePolicy } from './cite.js';

export const DANGER_SIGN_KEYS = [
  'unable_to_drink_or_breastfeed',
  'vomits_everything',
  'convulsions_history',
  'convulsing_now',
  'lethargic_or_unconscious',
] as const;

/** Any general danger sign (CB14 adds "convulsing now" to the four of HB05; imci-facts A.1). */
export const anyDangerSign = any(...DANGER_SIGN_KEYS.map(yes));

export const dangerSignsGroup: Group = {
  id: 'general-danger-signs',
  box: 'general_danger_signs',
  title: 'General danger signs',
  entry: always,
  assess: DANGER_SIGN_KEYS.map((key) => ({ key })),
  rows: [
    row({
      id: 'gds.very-severe-disease',
      name: 'VERY SEVERE DISEASE',
      severity: 'urgent-referral',
      referral: 'urgent',
      when: derived('any_danger_sign'),
      treatments: [
        give('diazepam-rectal-convulsions', { when: yes('convulsing_now'), phase: 'pre-referral' }),
        act('complete-assessment-quickly', { phase: 'pre-referral' }),
        act('prevent-low-blood-sugar', { phase: 'pre-referral' }),
        act('keep-warm', { phase: 'pre-referral' }),
        act('refer-urgently', { phase: 'pre-referral' }),
      ],
      counselling: ['counsel-referral'],
      citation: edgePolicy('General danger signs: any sign means urgent referral'),
    }),
  ],
};

/** A child convulsing now has had convulsions in this illness (HB05 lists only the history). */
export const convulsionImplication = {
  id: 'convulsing-now-means-convulsions',
  when: yes('convulsing_now'),
  set: { convulsions_history: true },
  citation: cb14('General danger signs: convulsions', 'A.1'),
};

/** CB14 citation for rows that use the danger signs as an input. */
export const dangerSignCitation = cb14('Check for general danger signs', 'A.1');
