/**
 * The sick young infant, birth up to 2 months (imci-facts B.1-B.4), 2014 chart structure.
 */
import type { Group, Protocol } from '../../engine/types.js';
import {
  act,
  all,
  always,
  any,
  atLeast,
  eq,
  give,
  gt,
  gte,
  lt,
  not,
  oneOf,
  otherUrgent,
  param,
  recordedYes,
  row,
  yes,
} from '../build.js';
import { cb14yi } from './cite.js';

export const YOUNG_INFANT_PARAMS_2014 = {
  // Fast breathing 60/min or more in a young infant (HB05 ch.15 V; CB14 V2; B.1).
  fastBreathingYoungInfant: 60,
  // Fever 37.5 °C or above (HB05/CB14; 38.0 in YI19/PSBI15 — imci-facts G14); low < 35.5 °C.
  youngInfantFeverC: 37.5,
  youngInfantLowTemperatureC: 35.5,
  persistentDiarrhoeaDays: 14,
  // Breastfeeds fewer than 8 times in 24 hours is a feeding problem (HB05 p.70; B.4).
  minBreastfeedsPer24h: 8,
};

// "Movement only when stimulated or no movement at all" (CB14); HB05 used lethargic (B.3).
const movementSign = any(yes('less_than_normal_movements'), yes('lethargic_or_unconscious'));

const bacterialGroup: Group = {
  id: 'yi-bacterial-infection',
  box: 'young_infant_bacterial_infection',
  title: 'Very severe disease and local bacterial infection',
  entry: always,
  assess: [
    { key: 'feeding_difficulty' },
    { key: 'convulsions_history' },
    { key: 'respiratory_rate' },
    { key: 'severe_chest_indrawing' },
    { key: 'umbilicus_red_or_draining_pus' },
    { key: 'skin_pustules' },
    { key: 'less_than_normal_movements' },
  ],
  rows: [
    row({
      id: 'yi.very-severe-disease',
      name: 'VERY SEVERE DISEASE',
      classificationId: 'yi-very-severe-disease',
      severity: 'urgent-referral',
      referral: 'urgent',
      // "Not feeding well": not able to feed, or not attaching at all (HB05's pink feeding row
      // moved here in CB14, imci-facts B.4 FLAG). A reported difficulty alone opens the
      // feeding assessment, not this row.
      when: any(
        yes('unable_to_drink_or_breastfeed'),
        eq('attachment', 'not_at_all'),
        yes('convulsions_history'),
        yes('convulsing_now'),
        gte('respiratory_rate', param('fastBreathingYoungInfant')),
        yes('severe_chest_indrawing'),
        gte('temperature_c', param('youngInfantFeverC')),
        lt('temperature_c', param('youngInfantLowTemperatureC')),
        movementSign,
      ),
      treatments: [
        give('ampicillin-im-young-infant', { phase: 'pre-referral' }),
        give('gentamicin-im-young-infant', { phase: 'pre-referral' }),
        act('prevent-low-blood-sugar', { phase: 'pre-referral' }),
        act('keep-warm', { phase: 'pre-referral' }),
        act('refer-urgently', { phase: 'pre-referral' }),
      ],
      counselling: ['counsel-referral', 'counsel-keep-young-infant-warm'],
      citation: cb14yi(
        'Check for very severe disease and local bacterial infection, pink row (K)',
        'B.1',
      ),
    }),
    row({
      id: 'yi.local-bacterial-infection',
      name: 'LOCAL BACTERIAL INFECTION',
      severity: 'specific-treatment',
      when: any(
        yes('umbilicus_red_or_draining_pus'),
        oneOf('skin_pustules', ['some', 'many_or_severe']),
      ),
      treatments: [
        give('amoxicillin-local-infection-young-infant', { phase: 'home' }),
        give('gentian-violet-skin-young-infant', { phase: 'home' }),
      ],
      followUpDays: 2,
      counselling: ['counsel-treat-local-infections-at-home', 'counsel-home-care-young-infant'],
      citation: cb14yi('Local bacterial infection, yellow row', 'B.1'),
    }),
    row({
      id: 'yi.severe-disease-or-local-infection-unlikely',
      name: 'SEVERE DISEASE OR LOCAL INFECTION UNLIKELY',
      severity: 'home-care',
      when: always,
      counselling: ['counsel-home-care-young-infant'],
      citation: cb14yi('Very severe disease and local bacterial infection, green row', 'B.1'),
    }),
  ],
};

const jaundiceGroup: Group = {
  id: 'yi-jaundice',
  box: 'young_infant_jaundice',
  title: 'Jaundice',
  // Every young infant is looked at for jaundice (CB14).
  entry: always,
  assess: [{ key: 'yellow_palms_and_soles', when: yes('jaundice') }],
  rows: [
    row({
      id: 'yi.severe-jaundice',
      name: 'SEVERE JAUNDICE',
      severity: 'urgent-referral',
      referral: 'urgent',
      // Any jaundice in the first 24 hours, or palms and soles yellow at any age (B.2, K).
      when: any(all(yes('jaundice'), lt('age_days', 1)), yes('yellow_palms_and_soles')),
      treatments: [
        act('prevent-low-blood-sugar', { phase: 'pre-referral' }),
        act('keep-warm', { phase: 'pre-referral' }),
        act('refer-urgently', { phase: 'pre-referral' }),
      ],
      counselling: ['counsel-referral', 'counsel-keep-young-infant-warm'],
      citation: cb14yi('Jaundice, pink row (K)', 'B.2'),
    }),
    row({
      id: 'yi.jaundice',
      name: 'JAUNDICE',
      severity: 'specific-treatment',
      when: yes('jaundice'),
      treatments: [
        act('refer-for-assessment', {
          when: gt('age_days', 21),
          note: 'jaundice in an infant older than 3 weeks: refer for assessment',
        }),
      ],
      followUpDays: 1,
      counselling: ['counsel-home-care-young-infant', 'counsel-when-to-return-immediately'],
      citation: cb14yi('Jaundice, yellow row (K)', 'B.2'),
    }),
    row({
      id: 'yi.no-jaundice',
      name: 'NO JAUNDICE',
      severity: 'home-care',
      when: always,
      counselling: ['counsel-home-care-young-infant'],
      citation: cb14yi('Jaundice, green row', 'B.2'),
    }),
  ],
};

const hasDiarrhoea = any(yes('diarrhoea'), recordedYes('blood_in_stool'));

const dehydrationGroup: Group = {
  id: 'yi-dehydration',
  box: 'young_infant_diarrhoea',
  title: 'Diarrhoea: dehydration',
  entry: hasDiarrhoea,
  assess: [
    { key: 'diarrhoea_days' },
    { key: 'blood_in_stool' },
    { key: 'less_than_normal_movements' },
    { key: 'restless_irritable' },
    { key: 'sunken_eyes' },
    { key: 'skin_pinch' },
  ],
  rows: [
    row({
      id: 'yi.severe-dehydration',
      name: 'SEVERE DEHYDRATION',
      classificationId: 'yi-severe-dehydration',
      severity: 'urgent-referral',
      // Two of: movement sign, sunken eyes, skin pinch very slow (CB14 K; B.3).
      when: atLeast(2, movementSign, yes('sunken_eyes'), eq('skin_pinch', 'very_slowly')),
      treatments: [
        give('iv-plan-c', { when: not(otherUrgent), phase: 'clinic' }),
        act('refer-urgently', {
          when: otherUrgent,
          phase: 'pre-referral',
          note: 'mother giving frequent sips of ORS on the way',
        }),
      ],
      counselling: ['counsel-fluids-and-feeding-during-diarrhoea'],
      citation: cb14yi('Diarrhoea in the young infant, pink row (K)', 'B.3'),
    }),
    row({
      id: 'yi.some-dehydration',
      name: 'SOME DEHYDRATION',
      classificationId: 'yi-some-dehydration',
      severity: 'specific-treatment',
      when: atLeast(2, yes('restless_irritable'), yes('sunken_eyes'), eq('skin_pinch', 'slowly')),
      treatments: [
        give('ors-plan-b', { phase: 'clinic' }),
        act('refer-urgently', {
          when: otherUrgent,
          phase: 'pre-referral',
          note: 'mother giving frequent sips of ORS on the way',
        }),
      ],
      followUpDays: 2,
      counselling: [
        'counsel-fluids-and-feeding-during-diarrhoea',
        'counsel-when-to-return-immediately',
      ],
      citation: cb14yi('Diarrhoea in the young infant, yellow row (K)', 'B.3'),
    }),
    row({
      id: 'yi.no-dehydration',
      name: 'NO DEHYDRATION',
      classificationId: 'yi-no-dehydration',
      severity: 'home-care',
      when: always,
      treatments: [give('ors-plan-a', { phase: 'home' })],
      counselling: [
        'counsel-fluids-and-feeding-during-diarrhoea',
        'counsel-when-to-return-immediately',
      ],
      citation: cb14yi('Diarrhoea in the young infant, green row', 'B.3'),
    }),
  ],
};

const persistentGroup: Group = {
  id: 'yi-persistent-diarrhoea',
  box: 'young_infant_diarrhoea',
  title: 'Diarrhoea for 14 days or more',
  entry: hasDiarrhoea,
  assess: [],
  rows: [
    row({
      id: 'yi.severe-persistent-diarrhoea',
      name: 'SEVERE PERSISTENT DIARRHOEA',
      classificationId: 'yi-severe-persistent-diarrhoea',
      severity: 'urgent-referral',
      referral: 'urgent',
      // Any young infant with diarrhoea for 14 days or more is referred (HB05 p.65 V; B.3).
      when: gte('diarrhoea_days', param('persistentDiarrhoeaDays')),
      treatments: [act('refer-urgently', { phase: 'pre-referral' })],
      counselling: ['counsel-referral'],
      citation: cb14yi('Persistent diarrhoea in the young infant', 'B.3'),
    }),
  ],
};

const dysenteryGroup: Group = {
  id: 'yi-dysentery',
  box: 'young_infant_diarrhoea',
  title: 'Blood in the stool',
  entry: hasDiarrhoea,
  assess: [],
  rows: [
    row({
      id: 'yi.dysentery',
      name: 'DYSENTERY',
      classificationId: 'yi-dysentery',
      // Limitation: the CB14 handling of blood in the stool of a young infant is not verified
      // (imci-facts B.3, FLAG); we follow HB05 and refer for assessment, follow-up in 2 days.
      severity: 'specific-treatment',
      when: yes('blood_in_stool'),
      treatments: [act('refer-for-assessment', { note: 'blood in the stool of a young infant' })],
      followUpDays: 2,
      counselling: ['counsel-when-to-return-immediately'],
      citation: cb14yi('Blood in the stool of a young infant (HB05 p.140; CB14 handling K)', 'B.3'),
    }),
  ],
};

const feedingKeys = [
  'attachment',
  'suckling',
  'breastfeeds_per_24h',
  'other_foods_or_drinks',
  'uses_feeding_bottle',
  'low_weight_for_age',
  'oral_thrush',
  'breastfed',
];

const feedingGroup: Group = {
  id: 'yi-feeding',
  box: 'young_infant_feeding',
  title: 'Feeding problem or low weight',
  // Every young infant's feeding is assessed (CB14).
  entry: always,
  assess: feedingKeys.map((key) => ({ key })),
  rows: [
    row({
      id: 'yi.feeding-problem-or-low-weight',
      name: 'FEEDING PROBLEM OR LOW WEIGHT',
      severity: 'specific-treatment',
      when: any(
        oneOf('attachment', ['not_well', 'not_at_all']),
        eq('suckling', 'not_effective'),
        lt('breastfeeds_per_24h', param('minBreastfeedsPer24h')),
        yes('receives_other_foods_or_drinks'),
        yes('low_weight_for_age'),
        yes('oral_thrush'),
      ),
      treatments: [
        act('counsel-breastfeeding', {}),
        give('gentian-violet-mouth', { when: yes('oral_thrush'), phase: 'home' }),
      ],
      followUpDays: 2,
      followUpNote: 'feeding problem or thrush in 2 days; low weight for age in 14 days',
      counselling: [
        'counsel-breastfeeding-attachment-positioning',
        'counsel-home-care-young-infant',
      ],
      citation: cb14yi('Feeding problem or low weight, yellow row', 'B.4'),
    }),
    row({
      id: 'yi.no-feeding-problem',
      name: 'NO FEEDING PROBLEM',
      severity: 'home-care',
      when: always,
      counselling: ['counsel-home-care-young-infant'],
      citation: cb14yi('Feeding problem or low weight, green row', 'B.4'),
    }),
  ],
};

/** Young-infant classifications carry a `yi-` id, apart from the sick-child ones of the same name. */
function withInfantIds(groups: readonly Group[]): Group[] {
  return groups.map((g) => ({
    ...g,
    rows: g.rows.map((r) => ({
      ...r,
      classificationId: `yi-${r.classificationId.replace(/^yi-/, '')}`,
    })),
  }));
}

export const youngInfant2014: Protocol = {
  id: 'imci-2014/young-infant',
  edition: 'imci-2014',
  title: 'Sick young infant, birth up to 2 months',
  document: 'WHO IMCI chart booklet, March 2014 (young infant)',
  population: 'young-infant',
  params: YOUNG_INFANT_PARAMS_2014,
  derived: {},
  implications: [
    {
      // "Is there any difficulty feeding? No" answers the not-able-to-feed question too.
      id: 'no-feeding-difficulty-means-able-to-feed',
      when: { fact: 'feeding_difficulty', is: false },
      set: { unable_to_drink_or_breastfeed: false },
      citation: cb14yi('Ask: is there any difficulty feeding?', 'B.1, B.4'),
    },
    {
      id: 'no-jaundice-no-yellow-palms',
      when: { fact: 'jaundice', is: false },
      set: { yellow_palms_and_soles: false },
      citation: cb14yi('Jaundice: palms and soles', 'B.2'),
    },
    {
      id: 'convulsing-now-means-convulsions',
      when: yes('convulsing_now'),
      set: { convulsions_history: true },
      citation: cb14yi('Convulsions', 'B.1'),
    },
    {
      id: 'yellow-palms-mean-jaundice',
      when: yes('yellow_palms_and_soles'),
      set: { jaundice: true },
      citation: cb14yi('Jaundice: palms and soles yellow', 'B.2'),
    },
  ],
  invalidations: [],
  alwaysAsk: [
    { key: 'feeding_difficulty' },
    { key: 'convulsions_history' },
    { key: 'respiratory_rate' },
    { key: 'severe_chest_indrawing' },
    { key: 'less_than_normal_movements' },
    { key: 'umbilicus_red_or_draining_pus' },
    { key: 'skin_pustules' },
    { key: 'jaundice' },
    { key: 'diarrhoea' },
    { key: 'breastfed' },
  ],
  groups: withInfantIds([
    bacterialGroup,
    jaundiceGroup,
    dehydrationGroup,
    persistentGroup,
    dysenteryGroup,
    feedingGroup,
  ]),
};
