/**
 * IMCI handbook 2005 for the sick child, as an overlay of the 2014 chart: the differences are
 * those of imci-facts section G (G1-G12, G20, G28).
 */
import type { Group } from '../../engine/types.js';
import { applyOverlay } from '../../engine/overlay.js';
import { act, all, always, any, derived, eq, give, gt, gte, not, row, yes } from '../build.js';
import { sickChild2014 } from '../imci-2014/sick-child.js';
import { hb05 } from './cite.js';

// HB05 lists four general danger signs; "convulsing now" came with CB08 (imci-facts A.1 FLAG).
const HB05_DANGER_SIGNS = [
  'unable_to_drink_or_breastfeed',
  'vomits_everything',
  'convulsions_history',
  'lethargic_or_unconscious',
];

const preReferralAntibiotic = give('chloramphenicol-im-prereferral-hb05', {
  phase: 'pre-referral',
  slot: 'prereferral-antibiotic',
});

const malnutritionAnaemia2005: Group = {
  id: 'malnutrition-anaemia-2005',
  box: 'malnutrition',
  title: 'Malnutrition and anaemia',
  // Every child is checked for malnutrition and anaemia (HB05 p.46).
  entry: always,
  assess: [
    { key: 'visible_severe_wasting' },
    { key: 'oedema_both_feet' },
    { key: 'palmar_pallor' },
    { key: 'very_low_weight_for_age' },
  ],
  rows: [
    row({
      id: 'hb05.severe-malnutrition-or-severe-anaemia',
      name: 'SEVERE MALNUTRITION OR SEVERE ANAEMIA',
      severity: 'urgent-referral',
      referral: 'urgent',
      when: any(
        yes('visible_severe_wasting'),
        eq('palmar_pallor', 'severe'),
        yes('oedema_both_feet'),
      ),
      treatments: [
        give('vitamin-a-treatment', { phase: 'pre-referral' }),
        act('refer-urgently', { phase: 'pre-referral' }),
      ],
      counselling: ['counsel-referral'],
      citation: hb05('Malnutrition and anaemia, pink row (p.50)', 'A.6 FLAG'),
    }),
    row({
      id: 'hb05.anaemia-or-very-low-weight',
      name: 'ANAEMIA OR VERY LOW WEIGHT',
      severity: 'specific-treatment',
      when: eq('palmar_pallor', 'some'),
      treatments: [
        give('iron-anaemia', { when: eq('palmar_pallor', 'some'), phase: 'home' }),
        act('antimalarial-if-high-risk', { when: eq('malaria_risk', 'high') }),
        give('mebendazole-deworming', { when: gte('age_months', 24), phase: 'clinic' }),
        act('assess-feeding', {}),
      ],
      followUpDays: 14,
      followUpNote: 'pallor: 14 days',
      counselling: ['counsel-feeding', 'counsel-when-to-return-immediately'],
      citation: hb05('Malnutrition and anaemia, yellow row (p.50)', 'A.6 FLAG'),
    }),
    // The same classification reached by very low weight alone is followed up in 30 days.
    row({
      id: 'hb05.anaemia-or-very-low-weight.weight',
      name: 'ANAEMIA OR VERY LOW WEIGHT',
      severity: 'specific-treatment',
      when: yes('very_low_weight_for_age'),
      treatments: [act('assess-feeding', {})],
      followUpDays: 30,
      followUpNote: 'very low weight for age: 30 days',
      counselling: ['counsel-feeding', 'counsel-when-to-return-immediately'],
      citation: hb05('Malnutrition and anaemia, yellow row (p.50)', 'A.6, A.10'),
    }),
    row({
      id: 'hb05.no-anaemia-and-not-very-low-weight',
      name: 'NO ANAEMIA AND NOT VERY LOW WEIGHT',
      severity: 'home-care',
      when: always,
      treatments: [act('assess-feeding', { when: { fact: 'age_months', lt: 24 } })],
      citation: hb05('Malnutrition and anaemia, green row (p.50)', 'A.6 FLAG'),
    }),
  ],
};

const highRisk = derived('high_malaria_risk');
const lowRisk = derived('low_malaria_risk');
// HB05 low risk: malaria when there is no runny nose, no measles and no other cause (p.37-40).
const lowRiskMalaria = all(lowRisk, not(derived('other_fever_cause')));

export const sickChild2005 = applyOverlay(sickChild2014, {
  id: 'imci-2005/sick-child',
  edition: 'imci-2005',
  document: 'WHO IMCI handbook 2005',
  params: { chronicCoughDays: 31, dewormFromMonths: 24 },
  derived: {
    // A child convulsing now has had convulsions in this illness, whatever else was recorded.
    any_danger_sign: any(...HB05_DANGER_SIGNS.map(yes), yes('convulsing_now')),
    // HB05: cough for more than 30 days (G4); no bronchodilator trial, no oximetry (G5).
    chronic_cough: gt('cough_days', 30),
    pneumonia_signs: derived('fast_breathing'),
  },
  alwaysAsk: sickChild2014.alwaysAsk.filter(
    (item) => !['convulsing_now', 'muac_mm', 'hiv_status'].includes(item.key),
  ),
  // HB05 has no danger-sign row, but "a child with any general danger sign needs URGENT
  // attention" (HB05 p.17): the sign alone means urgent referral.
  urgentSigns: {
    when: derived('any_danger_sign'),
    treatments: [
      act('complete-assessment-quickly', { phase: 'pre-referral' }),
      act('prevent-low-blood-sugar', { phase: 'pre-referral' }),
      act('refer-urgently', { phase: 'pre-referral' }),
    ],
    citation: hb05('Check for general danger signs (p.17-19)', 'A.1'),
  },
  groups: {
    'general-danger-signs': null,
    'acute-malnutrition': null,
    anaemia: null,
    hiv: null,
  },
  addGroups: [{ after: 'ear', group: malnutritionAnaemia2005 }],
  rows: {
    'cough.severe-pneumonia-or-very-severe-disease': {
      // Chest indrawing is pink in HB05 (G1).
      when: any(derived('any_danger_sign'), yes('chest_indrawing'), yes('stridor')),
      treatments: [preReferralAntibiotic, act('refer-urgently', { phase: 'pre-referral' })],
      citation: hb05('Cough or difficult breathing, pink row (p.22)', 'A.2, G1'),
    },
    'cough.pneumonia': {
      treatments: [give('cotrimoxazole-pneumonia-hb05', { phase: 'home' })],
      followUpDays: 2,
      citation: hb05('Cough or difficult breathing, yellow row (p.22)', 'A.2, G2, G3'),
    },
    'cough.cough-or-cold': {
      name: 'NO PNEUMONIA: COUGH OR COLD',
      classificationId: 'no-pneumonia-cough-or-cold',
      treatments: [
        act('refer-for-assessment', {
          when: derived('chronic_cough'),
          note: 'cough for more than 30 days: refer for assessment',
        }),
      ],
      citation: hb05('Cough or difficult breathing, green row (p.22)', 'A.2'),
    },
    // No zinc in the 2005 diarrhoea tables (imci-facts A.3 FLAG).
    'diarrhoea.some-dehydration': {
      treatments: [give('ors-plan-b', { phase: 'clinic' })],
      citation: hb05('Diarrhoea, yellow row (p.28)', 'A.3'),
    },
    'diarrhoea.no-dehydration': {
      treatments: [give('ors-plan-a', { phase: 'home' })],
      citation: hb05('Diarrhoea, green row (p.28)', 'A.3'),
    },
    'diarrhoea.dysentery': {
      treatments: [give('antibiotic-shigella-hb05', { phase: 'home' })],
      followUpDays: 2,
      citation: hb05('Dysentery (p.30)', 'A.3, G9'),
    },
    'fever.very-severe-febrile-disease': {
      treatments: [
        give('quinine-im-prereferral-hb05', {
          when: derived('malaria_area'),
          phase: 'pre-referral',
        }),
        preReferralAntibiotic,
        act('prevent-low-blood-sugar', { phase: 'pre-referral' }),
        give('paracetamol-fever', { when: derived('high_fever'), phase: 'pre-referral' }),
        act('refer-urgently', { phase: 'pre-referral' }),
      ],
      citation: hb05('Fever, pink row (p.37-40)', 'A.4, G7'),
    },
    // Presumptive malaria in HB05 (G6).
    'fever.malaria': {
      when: any(highRisk, lowRiskMalaria),
      followUpDays: 2,
      citation: hb05('Fever: high and low malaria risk (p.37-40)', 'A.4, G6'),
    },
    'fever.fever-no-malaria': {
      name: 'FEVER - MALARIA UNLIKELY',
      classificationId: 'fever-malaria-unlikely',
      when: any(all(lowRisk, derived('other_fever_cause')), derived('no_malaria_area')),
      followUpDays: 2,
      citation: hb05('Fever: low or no malaria risk, green row (p.40)', 'A.4'),
    },
    'fever.fever': null,
    'measles.severe-complicated-measles': {
      treatments: [
        give('vitamin-a-treatment', { phase: 'pre-referral' }),
        preReferralAntibiotic,
        give('tetracycline-eye', {
          when: any(yes('clouding_of_cornea'), yes('pus_from_eye')),
          phase: 'pre-referral',
        }),
        act('refer-urgently', { phase: 'pre-referral' }),
      ],
      citation: hb05('Measles, pink row (p.41)', 'A.4, C.12'),
    },
    // HB05 persistent diarrhoea: feeding advice; no zinc in the 2005 tables (A.3 FLAG).
    'diarrhoea.persistent-diarrhoea': {
      treatments: [],
      citation: hb05('Persistent diarrhoea, yellow row (p.30)', 'A.3'),
    },
    'measles.measles-with-eye-or-mouth-complications': {
      followUpDays: 2,
      citation: hb05('Measles, yellow row (p.41)', 'A.4, G3'),
    },
    'ear.mastoiditis': {
      treatments: [
        preReferralAntibiotic,
        give('paracetamol-ear-pain', { phase: 'pre-referral' }),
        act('refer-urgently', { phase: 'pre-referral' }),
      ],
      citation: hb05('Ear problem, pink row (p.45)', 'A.5'),
    },
    'ear.acute-ear-infection': {
      treatments: [
        give('cotrimoxazole-pneumonia-hb05', { phase: 'home' }),
        give('paracetamol-ear-pain', { when: yes('ear_pain'), phase: 'home' }),
        act('dry-ear-by-wicking', { when: yes('pus_seen_draining_from_ear'), phase: 'home' }),
      ],
      citation: hb05('Ear problem, yellow row (p.45)', 'A.5'),
    },
    // Wicking only in HB05 (G10).
    'ear.chronic-ear-infection': {
      treatments: [act('dry-ear-by-wicking', { phase: 'home' })],
      citation: hb05('Ear problem, chronic (p.45)', 'A.5, G10'),
    },
  },
});
