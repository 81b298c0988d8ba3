/**
 * Fever (imci-facts A.4): malaria risk decides which rows apply; a test decides malaria in CB14.
 * Measles is classified when the child has measles now or had it within the last 3 months.
 */
import type { Condition } from '../../engine/condition.js';
import type { Group, Implication } from '../../engine/types.js';
import {
  act,
  all,
  always,
  any,
  derived,
  eq,
  give,
  gt,
  gte,
  no,
  not,
  param,
  recordedGte,
  recordedYes,
  row,
  yes,
  yesElseNo,
} from '../build.js';
import { cb14, edgePolicy } from './cite.js';

export const feverDerived: Record<string, Condition> = {
  // Fever by history, feels hot, or axillary temperature 37.5 °C or above (HB05 p.32; A.4).
  // A measured temperature counts when recorded; "no fever" is not reopened by a missing one.
  has_fever: any(yes('fever'), recordedGte('temperature_c', param('feverTemperatureC'))),
  high_fever: gte('temperature_c', param('highFeverTemperatureC')),
  // A child who travelled to a malaria area is assessed as for that area; an unknown area
  // counts as high risk (HEAT fever session, imci-facts A.4).
  high_malaria_risk: any(eq('malaria_risk', 'high'), yes('travel_to_malaria_area')),
  low_malaria_risk: all(eq('malaria_risk', 'low'), not(yesElseNo('travel_to_malaria_area'))),
  malaria_area: any(derived('high_malaria_risk'), derived('low_malaria_risk')),
  no_malaria_area: all(eq('malaria_risk', 'none'), not(yesElseNo('travel_to_malaria_area'))),
  other_fever_cause: any(
    yes('obvious_cause_of_fever'),
    yes('bacterial_cause_of_fever_identified'),
    yes('runny_nose'),
    derived('measles'),
  ),
  measles_signs: any(
    yes('measles_now'),
    all(yes('generalized_rash'), any(yes('measles_cough'), yes('runny_nose'), yes('red_eyes'))),
  ),
  measles: any(derived('measles_signs'), yes('measles_last_3_months')),
  prolonged_fever: all(gt('fever_days', param('prolongedFeverDays')), yes('fever_every_day')),
};

const malariaPositive = eq('malaria_test', 'positive');
const noTest = eq('malaria_test', 'not_done');

const paracetamol = give('paracetamol-fever', { when: derived('high_fever'), phase: 'clinic' });
const prolongedReferral = act('refer-for-assessment', {
  when: derived('prolonged_fever'),
  note: 'fever present every day for more than 7 days: refer for assessment',
});

export const feverGroup: Group = {
  id: 'fever',
  box: 'fever',
  title: 'Fever',
  entry: derived('has_fever'),
  assess: [
    { key: 'fever_days' },
    { key: 'fever_every_day', when: gt('fever_days', param('prolongedFeverDays')) },
    { key: 'malaria_risk' },
    { key: 'travel_to_malaria_area', when: eq('malaria_risk', 'low') },
    { key: 'malaria_test_available', when: derived('malaria_area') },
    {
      key: 'malaria_test',
      when: all(derived('malaria_area'), {
        fact: 'malaria_test_available',
        is: true,
        assume: true,
      }),
    },
    { key: 'stiff_neck' },
    { key: 'runny_nose' },
    { key: 'obvious_cause_of_fever' },
    { key: 'bacterial_cause_of_fever_identified' },
    { key: 'generalized_rash' },
    { key: 'measles_cough' },
    { key: 'red_eyes' },
    { key: 'measles_last_3_months' },
  ],
  rows: [
    row({
      id: 'fever.very-severe-febrile-disease',
      name: 'VERY SEVERE FEBRILE DISEASE',
      severity: 'urgent-referral',
      referral: 'urgent',
      when: any(derived('any_danger_sign'), yes('stiff_neck')),
      treatments: [
        give('artesunate-im-prereferral', { when: derived('malaria_area'), phase: 'pre-referral' }),
        give('ceftriaxone-im-prereferral', {
          phase: 'pre-referral',
          slot: 'prereferral-antibiotic',
        }),
        act('prevent-low-blood-sugar', { phase: 'pre-referral' }),
        give('paracetamol-fever', { when: derived('high_fever'), phase: 'pre-referral' }),
        act('refer-urgently', { phase: 'pre-referral' }),
      ],
      counselling: ['counsel-referral'],
      citation: cb14('Fever, pink row', 'A.4'),
    }),
    row({
      id: 'fever.malaria',
      name: 'MALARIA',
      severity: 'specific-treatment',
      when: all(
        derived('malaria_area'),
        any(
          malariaPositive,
          // No test can be done: high risk is treated as malaria (EdgeIMCI policy, VOCABULARY §5);
          // low risk only without another cause (the HB05 presumptive rule, imci-facts A.4 FLAG).
          all(noTest, derived('high_malaria_risk')),
          all(noTest, derived('low_malaria_risk'), not(derived('other_fever_cause'))),
        ),
      ),
      treatments: [
        give('artemether-lumefantrine', { phase: 'home' }),
        paracetamol,
        prolongedReferral,
      ],
      followUpDays: 3,
      followUpNote: 'if fever persists',
      counselling: ['counsel-giving-oral-drugs-at-home', 'counsel-when-to-return-immediately'],
      citation: cb14('Fever: high or low malaria risk, yellow row', 'A.4'),
    }),
    row({
      id: 'fever.fever-no-malaria',
      name: 'FEVER: NO MALARIA',
      severity: 'home-care',
      when: all(
        derived('malaria_area'),
        any(
          eq('malaria_test', 'negative'),
          // Low risk: test only when there is no obvious cause (CB14; hpg-044).
          all(derived('low_malaria_risk'), yes('obvious_cause_of_fever')),
          all(noTest, derived('low_malaria_risk'), derived('other_fever_cause')),
        ),
      ),
      treatments: [
        act('antibiotic-for-bacterial-cause', { when: yes('bacterial_cause_of_fever_identified') }),
        paracetamol,
        prolongedReferral,
      ],
      followUpDays: 3,
      followUpNote: 'if fever persists',
      counselling: ['counsel-when-to-return-immediately'],
      citation: cb14('Fever: high or low malaria risk, green row', 'A.4'),
    }),
    row({
      id: 'fever.fever',
      name: 'FEVER',
      severity: 'home-care',
      when: derived('no_malaria_area'),
      treatments: [
        act('antibiotic-for-bacterial-cause', { when: yes('bacterial_cause_of_fever_identified') }),
        paracetamol,
        prolongedReferral,
      ],
      followUpDays: 3,
      followUpNote: 'if fever persists',
      counselling: ['counsel-when-to-return-immediately'],
      citation: cb14('Fever: no malaria risk, green row', 'A.4'),
    }),
  ],
};

export const measlesGroup: Group = {
  id: 'measles',
  box: 'fever',
  title: 'Measles now or within the last 3 months',
  // Measles is assessed in the fever box (CB14); its own signs, when recorded, open it too.
  entry: any(
    all(derived('has_fever'), derived('measles')),
    recordedYes('measles_now'),
    recordedYes('measles_last_3_months'),
    all(
      recordedYes('generalized_rash'),
      any(yes('measles_cough'), yes('runny_nose'), yes('red_eyes')),
    ),
  ),
  assess: [
    { key: 'mouth_ulcers' },
    { key: 'deep_extensive_mouth_ulcers', when: yes('mouth_ulcers') },
    { key: 'pus_from_eye' },
    { key: 'clouding_of_cornea' },
  ],
  rows: [
    row({
      id: 'measles.severe-complicated-measles',
      name: 'SEVERE COMPLICATED MEASLES',
      severity: 'urgent-referral',
      referral: 'urgent',
      when: any(
        derived('any_danger_sign'),
        yes('clouding_of_cornea'),
        yes('deep_extensive_mouth_ulcers'),
      ),
      treatments: [
        give('vitamin-a-treatment', { phase: 'pre-referral' }),
        give('ceftriaxone-im-prereferral', {
          phase: 'pre-referral',
          slot: 'prereferral-antibiotic',
        }),
        give('tetracycline-eye', {
          when: any(yes('clouding_of_cornea'), yes('pus_from_eye')),
          phase: 'pre-referral',
        }),
        act('refer-urgently', { phase: 'pre-referral' }),
      ],
      counselling: ['counsel-referral'],
      citation: cb14('Measles, pink row', 'A.4'),
    }),
    row({
      id: 'measles.measles-with-eye-or-mouth-complications',
      name: 'MEASLES WITH EYE OR MOUTH COMPLICATIONS',
      severity: 'specific-treatment',
      when: any(yes('pus_from_eye'), yes('mouth_ulcers')),
      treatments: [
        give('vitamin-a-treatment', { phase: 'clinic' }),
        give('tetracycline-eye', { when: yes('pus_from_eye'), phase: 'home' }),
        give('gentian-violet-mouth', { when: yes('mouth_ulcers'), phase: 'home' }),
      ],
      followUpDays: 3,
      counselling: ['counsel-when-to-return-immediately'],
      citation: cb14('Measles, yellow row', 'A.4'),
    }),
    row({
      id: 'measles.measles',
      name: 'MEASLES',
      severity: 'home-care',
      when: always,
      treatments: [give('vitamin-a-treatment', { phase: 'clinic' })],
      counselling: ['counsel-when-to-return-immediately'],
      citation: cb14('Measles, green row', 'A.4'),
    }),
  ],
};

export const feverImplications: Implication[] = [
  {
    // Signs of measles need a generalized rash (CB14; imci-facts A.4).
    id: 'no-rash-no-measles-now',
    when: no('generalized_rash'),
    set: { measles_now: false },
    citation: cb14('Measles: generalized rash and one of cough, runny nose or red eyes', 'A.4'),
  },
  {
    id: 'no-test-available',
    when: no('malaria_test_available'),
    set: { malaria_test: 'not_done' },
    citation: edgePolicy('no test available means the test is not done'),
  },
  {
    id: 'no-mouth-ulcers',
    when: no('mouth_ulcers'),
    set: { deep_extensive_mouth_ulcers: false },
    citation: cb14('Measles: deep and extensive mouth ulcers need mouth ulcers', 'A.4'),
  },
  {
    id: 'deep-ulcers-are-ulcers',
    when: yes('deep_extensive_mouth_ulcers'),
    set: { mouth_ulcers: true },
    citation: cb14('Measles: deep and extensive mouth ulcers', 'A.4'),
  },
];
