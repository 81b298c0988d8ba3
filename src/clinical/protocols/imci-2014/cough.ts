/**
 * Cough or difficult breathing (imci-facts A.2): fast breathing by age, chest indrawing,
 * stridor, SpO2 where an oximeter is used, and the wheeze rule (a child with wheeze and fast
 * breathing or indrawing gets a rapid-acting bronchodilator trial and is classified again).
 */
import type { Condition } from '../../engine/condition.js';
import type { Group, Invalidation } from '../../engine/types.js';
import {
  act,
  all,
  always,
  any,
  between,
  derived,
  give,
  gte,
  lt,
  not,
  param,
  present,
  recordedYes,
  row,
  yes,
  yesElseNo,
} from '../build.js';
import { cb14, edgePolicy } from './cite.js';

/** Fast breathing for age from a given rate key (HB05 p.21: "A up to B" means ≥A and <B). */
export function fastBreathing(rateKey: string): Condition {
  return any(
    all(between('age_months', 2, 12), gte(rateKey, param('fastBreathingUnder12m'))),
    all(gte('age_months', 12), gte(rateKey, param('fastBreathingFrom12m'))),
  );
}

export const coughDerived: Record<string, Condition> = {
  fast_breathing: fastBreathing('respiratory_rate'),
  post_fast_breathing: fastBreathing('post_bronchodilator_respiratory_rate'),
  pneumonia_signs_before_trial: any(yes('chest_indrawing'), derived('fast_breathing')),
  // CB14 wheeze rule: only a trial that was done changes the classification; a missing answer
  // is read as "no trial" and reported as a question that could change the result.
  wheeze_trial_done: all(
    yes('wheeze'),
    derived('pneumonia_signs_before_trial'),
    yesElseNo('bronchodilator_trial_done'),
  ),
  pneumonia_signs: any(
    all(derived('pneumonia_signs_before_trial'), not(derived('wheeze_trial_done'))),
    all(
      derived('wheeze_trial_done'),
      any(yes('post_bronchodilator_chest_indrawing'), derived('post_fast_breathing')),
    ),
  ),
  // SpO2 < 90 % counts only where an oximeter is used (imci-facts A.2, G5).
  // A recorded SpO2 always counts, whatever the oximeter answer says.
  low_oxygen_saturation: all(
    any(present('oxygen_saturation'), yesElseNo('pulse_oximeter_available')),
    lt('oxygen_saturation', param('lowOxygenSaturation')),
  ),
  chronic_cough: any(gte('cough_days', param('chronicCoughDays')), yes('recurrent_wheeze')),
};

const rrInvalid = (key: string, calm: string, fullMinute: string): Invalidation[] => [
  {
    id: `${key}.not-calm`,
    when: { fact: calm, is: false },
    facts:
      key === 'respiratory_rate'
        ? ['respiratory_rate', 'chest_indrawing', 'stridor', 'wheeze']
        : ['post_bronchodilator_respiratory_rate', 'post_bronchodilator_chest_indrawing'],
    message: 'respiratory observations are invalid because the child was not calm',
    citation: cb14('Cough or difficult breathing: the child must be calm', 'A.2'),
  },
  {
    id: `${key}.not-full-minute`,
    when: { fact: fullMinute, is: false },
    facts: [key],
    message: 'the respiratory rate is invalid because it was not counted for a full minute',
    citation: cb14('Cough or difficult breathing: count the breaths in one minute', 'A.2'),
  },
];

export const coughInvalidations: Invalidation[] = [
  ...rrInvalid('respiratory_rate', 'child_calm_during_count', 'rr_counted_full_minute'),
  ...rrInvalid(
    'post_bronchodilator_respiratory_rate',
    'post_bronchodilator_child_calm',
    'post_bronchodilator_rr_counted_full_minute',
  ),
];

const wheezeTreatment = give('salbutamol-inhaled-home', { when: yes('wheeze'), phase: 'home' });
const chronicReferral = act('refer-for-assessment', {
  when: derived('chronic_cough'),
  note: 'cough 14 days or more, or recurrent wheeze: refer for TB or asthma assessment',
});

export const coughGroup: Group = {
  id: 'cough',
  box: 'cough_or_difficult_breathing',
  title: 'Cough or difficult breathing',
  entry: any(
    yes('cough_or_difficult_breathing'),
    recordedYes('chest_indrawing'),
    recordedYes('stridor'),
    recordedYes('wheeze'),
  ),
  assess: [
    { key: 'cough_days' },
    { key: 'respiratory_rate' },
    { key: 'rr_counted_full_minute' },
    { key: 'child_calm_during_count' },
    { key: 'chest_indrawing' },
    { key: 'stridor' },
    { key: 'wheeze' },
    { key: 'recurrent_wheeze' },
    { key: 'pulse_oximeter_available' },
    { key: 'oxygen_saturation', when: yes('pulse_oximeter_available') },
    { key: 'hiv_exposed_or_infected', when: yes('chest_indrawing') },
    {
      key: 'bronchodilator_trial_done',
      when: all(yes('wheeze'), derived('pneumonia_signs_before_trial')),
    },
    { key: 'post_bronchodilator_respiratory_rate', when: yes('bronchodilator_trial_done') },
    { key: 'post_bronchodilator_chest_indrawing', when: yes('bronchodilator_trial_done') },
  ],
  rows: [
    row({
      id: 'cough.severe-pneumonia-or-very-severe-disease',
      name: 'SEVERE PNEUMONIA OR VERY SEVERE DISEASE',
      severity: 'urgent-referral',
      referral: 'urgent',
      when: any(derived('any_danger_sign'), yes('stridor'), derived('low_oxygen_saturation')),
      treatments: [
        give('ampicillin-im-prereferral', {
          phase: 'pre-referral',
          slot: 'prereferral-antibiotic',
        }),
        give('gentamicin-im-prereferral-child', {
          phase: 'pre-referral',
          slot: 'prereferral-antibiotic',
        }),
        act('give-oxygen', { when: derived('low_oxygen_saturation'), phase: 'pre-referral' }),
        act('prevent-low-blood-sugar', { phase: 'pre-referral' }),
        act('refer-urgently', { phase: 'pre-referral' }),
      ],
      counselling: ['counsel-referral'],
      citation: cb14('Cough or difficult breathing, pink row', 'A.2'),
    }),
    row({
      id: 'cough.pneumonia',
      name: 'PNEUMONIA',
      severity: 'specific-treatment',
      when: derived('pneumonia_signs'),
      treatments: [
        give('amoxicillin-pneumonia-cb14', { phase: 'home' }),
        act('refer-for-assessment', {
          when: all(yes('chest_indrawing'), yes('hiv_exposed_or_infected')),
          note: 'chest indrawing in an HIV-exposed or HIV-infected child: first dose of amoxicillin, then refer',
        }),
        wheezeTreatment,
        chronicReferral,
      ],
      followUpDays: 3,
      counselling: [
        'counsel-safe-cough-remedy',
        'counsel-when-to-return-immediately',
        'counsel-giving-oral-drugs-at-home',
      ],
      citation: cb14('Cough or difficult breathing, yellow row', 'A.2'),
    }),
    row({
      id: 'cough.cough-or-cold',
      name: 'COUGH OR COLD',
      severity: 'home-care',
      when: always,
      treatments: [wheezeTreatment, chronicReferral],
      followUpDays: 5,
      followUpNote: 'if not improving',
      counselling: ['counsel-safe-cough-remedy', 'counsel-when-to-return-immediately'],
      citation: cb14('Cough or difficult breathing, green row', 'A.2'),
    }),
  ],
};

/** Facts that settle the oximeter question when a saturation was recorded. */
export const coughImplications = [
  {
    id: 'hiv-status-means-exposed-or-infected',
    when: { fact: 'hiv_status', in: ['positive', 'exposed'] } as Condition,
    set: { hiv_exposed_or_infected: true },
    citation: cb14('Chest indrawing in an HIV-exposed or HIV-infected child', 'A.2, A.8'),
  },
  {
    id: 'spo2-implies-oximeter',
    when: { fact: 'oxygen_saturation', present: true } as Condition,
    set: { pulse_oximeter_available: true },
    citation: edgePolicy('a recorded SpO2 means an oximeter was used'),
  },
];
