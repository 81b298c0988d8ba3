/**
 * Diarrhoea (imci-facts A.3): dehydration by two signs, then persistent diarrhoea, then
 * dysentery. A child can get one classification from each of the three tables.
 */
import type { Condition } from '../../engine/condition.js';
import type { Group } from '../../engine/types.js';
import {
  act,
  all,
  always,
  any,
  atLeast,
  derived,
  eq,
  give,
  gte,
  not,
  oneOf,
  otherUrgent,
  param,
  recordedYes,
  row,
  yes,
} from '../build.js';
import { cb14, edgePolicy } from './cite.js';

export const diarrhoeaDerived: Record<string, Condition> = {
  // "Two or more of the following signs" (CB14; imci-facts A.3). Sunken eyes count in both lists;
  // the pink row is read first.
  severe_dehydration_signs: atLeast(
    2,
    yes('lethargic_or_unconscious'),
    yes('sunken_eyes'),
    oneOf('drinking', ['poorly', 'not_able']),
    eq('skin_pinch', 'very_slowly'),
  ),
  some_dehydration_signs: atLeast(
    2,
    yes('restless_irritable'),
    yes('sunken_eyes'),
    eq('drinking', 'eagerly_thirsty'),
    eq('skin_pinch', 'slowly'),
  ),
  persistent: gte('diarrhoea_days', param('persistentDiarrhoeaDays')),
  dehydration_present: any(derived('severe_dehydration_signs'), derived('some_dehydration_signs')),
};

const hasDiarrhoea = any(yes('diarrhoea'), recordedYes('blood_in_stool'));

const sipsOnTheWay = act('refer-urgently', {
  when: otherUrgent,
  phase: 'pre-referral',
  note: 'another severe classification: refer urgently, mother giving frequent sips of ORS on the way',
});

export const dehydrationGroup: Group = {
  id: 'dehydration',
  box: 'diarrhoea',
  title: 'Diarrhoea: dehydration',
  entry: hasDiarrhoea,
  assess: [
    { key: 'diarrhoea_days' },
    { key: 'blood_in_stool' },
    { key: 'lethargic_or_unconscious' },
    { key: 'restless_irritable' },
    { key: 'sunken_eyes' },
    { key: 'drinking' },
    { key: 'skin_pinch' },
    { key: 'cholera_in_area', when: gte('age_months', param('choleraFromMonths')) },
  ],
  rows: [
    row({
      id: 'diarrhoea.severe-dehydration',
      name: 'SEVERE DEHYDRATION',
      // Pink, but Plan C is given in the clinic: urgent referral only with another severe
      // classification (VOCABULARY.md §2, urgent_referral).
      severity: 'urgent-referral',
      when: derived('severe_dehydration_signs'),
      treatments: [
        give('iv-plan-c', { when: not(otherUrgent), phase: 'clinic' }),
        sipsOnTheWay,
        act('cholera-antibiotic', {
          when: all(gte('age_months', param('choleraFromMonths')), yes('cholera_in_area')),
          note: 'child 2 years or older with cholera in the area: give an antibiotic for cholera',
        }),
      ],
      counselling: ['counsel-fluids-and-feeding-during-diarrhoea'],
      citation: cb14('Diarrhoea: dehydration, pink row', 'A.3'),
    }),
    row({
      id: 'diarrhoea.some-dehydration',
      name: 'SOME DEHYDRATION',
      severity: 'specific-treatment',
      when: derived('some_dehydration_signs'),
      treatments: [
        give('ors-plan-b', { phase: 'clinic' }),
        give('zinc-diarrhoea', { phase: 'home' }),
        sipsOnTheWay,
      ],
      followUpDays: 5,
      followUpNote: 'if not improving',
      counselling: [
        'counsel-fluids-and-feeding-during-diarrhoea',
        'counsel-when-to-return-immediately',
      ],
      citation: cb14('Diarrhoea: dehydration, yellow row', 'A.3'),
    }),
    row({
      id: 'diarrhoea.no-dehydration',
      name: 'NO DEHYDRATION',
      severity: 'home-care',
      when: always,
      treatments: [
        give('ors-plan-a', { phase: 'home' }),
        give('zinc-diarrhoea', { phase: 'home' }),
      ],
      followUpDays: 5,
      followUpNote: 'if not improving',
      counselling: [
        'counsel-fluids-and-feeding-during-diarrhoea',
        'counsel-when-to-return-immediately',
      ],
      citation: cb14('Diarrhoea: dehydration, green row', 'A.3'),
    }),
  ],
};

export const persistentGroup: Group = {
  id: 'persistent-diarrhoea',
  box: 'diarrhoea',
  title: 'Diarrhoea for 14 days or more',
  entry: hasDiarrhoea,
  assess: [],
  rows: [
    row({
      id: 'diarrhoea.severe-persistent-diarrhoea',
      name: 'SEVERE PERSISTENT DIARRHOEA',
      severity: 'urgent-referral',
      referral: 'urgent',
      when: all(derived('persistent'), derived('dehydration_present')),
      treatments: [
        act('treat-dehydration-before-referral', { when: not(otherUrgent), phase: 'pre-referral' }),
        act('refer-urgently', { phase: 'pre-referral' }),
      ],
      counselling: ['counsel-referral'],
      citation: cb14('Diarrhoea: persistent diarrhoea, pink row', 'A.3'),
    }),
    row({
      id: 'diarrhoea.persistent-diarrhoea',
      name: 'PERSISTENT DIARRHOEA',
      severity: 'specific-treatment',
      when: derived('persistent'),
      treatments: [
        give('vitamin-a-treatment', { phase: 'clinic' }),
        give('zinc-diarrhoea', { phase: 'home' }),
      ],
      followUpDays: 5,
      counselling: ['counsel-feeding-persistent-diarrhoea', 'counsel-when-to-return-immediately'],
      citation: cb14('Diarrhoea: persistent diarrhoea, yellow row', 'A.3'),
    }),
  ],
};

export const dysenteryGroup: Group = {
  id: 'dysentery',
  box: 'diarrhoea',
  title: 'Blood in the stool',
  entry: hasDiarrhoea,
  assess: [],
  rows: [
    row({
      id: 'diarrhoea.dysentery',
      name: 'DYSENTERY',
      severity: 'specific-treatment',
      when: yes('blood_in_stool'),
      treatments: [give('ciprofloxacin-dysentery-cb14', { phase: 'home' })],
      followUpDays: 3,
      counselling: [
        'counsel-fluids-and-feeding-during-diarrhoea',
        'counsel-when-to-return-immediately',
      ],
      citation: cb14('Diarrhoea: dysentery, yellow row', 'A.3'),
    }),
  ],
};

/** EdgeIMCI policy: a positive "unable to drink" danger sign fills the drinking observation. */
export const diarrhoeaImplications = [
  {
    id: 'unable-to-drink-fills-drinking',
    when: yes('unable_to_drink_or_breastfeed'),
    set: { drinking: 'not_able' },
    citation: edgePolicy('a positive danger sign "unable to drink" is the drinking sign'),
  },
];
