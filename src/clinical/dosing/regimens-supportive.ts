/**
 * Supportive and preventive regimens: paracetamol, vitamin A, iron, zinc, deworming, diazepam,
 * salbutamol (imci-facts C.6-C.9, C.13, A.11).
 */
import type { Band, Regimen } from './types.js';

const PARACETAMOL = [
  'paracetamol-tab-100mg',
  'paracetamol-syrup-120mg-5ml',
  'paracetamol-tab-500mg',
];

// CB14 paracetamol table, used by age when no weight (imci-facts C.6, K).
const PARACETAMOL_CB14_AGE: readonly Band[] = [
  {
    minMonths: 2,
    maxMonths: 36,
    label: '2 months up to 3 years (4 - <14 kg)',
    printed: { 'paracetamol-tab-100mg': 1, 'paracetamol-tab-500mg': 0.25 },
  },
  {
    minMonths: 36,
    maxMonths: 60,
    label: '3 up to 5 years (14 - <19 kg)',
    printed: { 'paracetamol-tab-100mg': 1.5, 'paracetamol-tab-500mg': 0.5 },
  },
];

// About 15 mg/kg per dose, every 6 hours, at most 4 doses in 24 h (C.6); 10 mg/kg is the lowest
// useful dose (K) and 15 mg/kg the per-dose maximum, 1 g per dose for adults (C.14).
const PARACETAMOL_RULE = {
  kind: 'per-kg',
  perKg: 15,
  minPerKg: 10,
  maxPerKg: 15,
  maxPerDose: 1000,
  ageFallback: PARACETAMOL_CB14_AGE,
} as const;

const VITAMIN_A = ['vitamin-a-cap-200000iu', 'vitamin-a-cap-100000iu', 'vitamin-a-cap-50000iu'];
const IRON_TAB = 'iron-folate-tab-60mg';
const IRON_SYRUP = 'iron-syrup-ferrous-fumarate-100mg-5ml';

/** Supportive and preventive regimens. */
export const SUPPORTIVE_REGIMENS: readonly Regimen[] = [
  {
    id: 'paracetamol-fever',
    drug: 'paracetamol',
    indication: 'high fever (38.5 °C or above)',
    editions: ['CB14', 'HB05'],
    rule: PARACETAMOL_RULE,
    frequencyPerDay: 4,
    duration: { kind: 'until', text: 'one dose in clinic; then while the high fever lasts' },
    route: 'oral',
    formulations: PARACETAMOL,
    timing: 'one dose in clinic now; then every 6 hours, at most 4 doses in 24 hours',
    citation: 'HB05 §21.3 p.92 (V); CB14 table (K) (imci-facts C.6)',
  },
  {
    id: 'paracetamol-ear-pain',
    drug: 'paracetamol',
    indication: 'ear pain, mastoiditis pain',
    editions: ['CB14', 'HB05'],
    rule: PARACETAMOL_RULE,
    frequencyPerDay: 4,
    duration: { kind: 'days', days: 1 },
    route: 'oral',
    formulations: PARACETAMOL,
    timing: 'every 6 hours for 1 day (4 doses)',
    citation: 'HB05 §21.3 p.92, 4 doses for ear pain (imci-facts C.6, V)',
  },
  {
    id: 'vitamin-a-treatment',
    drug: 'vitamin-a',
    indication: 'measles, severe complicated measles, xerophthalmia, SAM per national protocol',
    editions: ['CB14', 'HB05'],
    rule: {
      kind: 'bands',
      basis: 'age',
      bands: [
        { minMonths: 0, maxMonths: 6, label: 'less than 6 months', dose: 50_000 },
        { minMonths: 6, maxMonths: 12, label: '6 up to 12 months', dose: 100_000 },
        { minMonths: 12, label: '12 months and over', dose: 200_000 },
      ],
    },
    frequencyPerDay: 1,
    duration: { kind: 'days', days: 2 },
    route: 'oral',
    formulations: VITAMIN_A,
    timing:
      'first dose in clinic, second dose by the mother the next day; for xerophthalmia a ' +
      'third dose 2-4 weeks later',
    citation: 'HB05 §21.4 p.92 (V); doses MTC SAM protocol (V2), CB14 (K) (imci-facts C.7)',
    warnings: [
      'Do not repeat within about 1 month of another dose, except day 2 and the ' +
        'xerophthalmia schedule (imci-facts C.7, C.14, K).',
    ],
  },
  {
    id: 'vitamin-a-supplement',
    drug: 'vitamin-a',
    indication: 'routine vitamin A supplementation',
    editions: ['CB14', 'WHO'],
    rule: {
      kind: 'bands',
      basis: 'age',
      bands: [
        { minMonths: 6, maxMonths: 12, label: '6 up to 12 months', dose: 100_000 },
        { minMonths: 12, maxMonths: 60, label: '12 months up to 5 years', dose: 200_000 },
      ],
    },
    frequencyPerDay: 1,
    duration: { kind: 'single-dose' },
    route: 'oral',
    formulations: VITAMIN_A,
    timing: 'one dose; from 12 months repeat every 4-6 months',
    citation: 'adc.bmj.com WHO table; HEAT id=257 s.1.8.1 (imci-facts A.9, C.7, V2)',
  },
  {
    id: 'iron-anaemia',
    drug: 'iron',
    indication: 'ANAEMIA (some palmar pallor)',
    editions: ['CB14', 'HB05'],
    // HEAT id=252 Table 8.1 (imci-facts C.8, V2); HB05: syrup under 12 months, tablets after.
    rule: {
      kind: 'bands',
      basis: 'weight-or-age',
      bands: [
        {
          minKg: 4,
          maxKg: 6,
          minMonths: 2,
          maxMonths: 4,
          label: '2 up to 4 months (4 - <6 kg)',
          printed: { [IRON_SYRUP]: 1 },
        },
        {
          minKg: 6,
          maxKg: 10,
          minMonths: 4,
          maxMonths: 12,
          label: '4 up to 12 months (6 - <10 kg)',
          printed: { [IRON_SYRUP]: 1.25 },
        },
        {
          minKg: 10,
          maxKg: 14,
          minMonths: 12,
          maxMonths: 36,
          label: '12 months up to 3 years (10 - <14 kg)',
          printed: { [IRON_TAB]: 0.5, [IRON_SYRUP]: 2 },
        },
        {
          minKg: 14,
          maxKg: 19,
          maxInclusive: true,
          minMonths: 36,
          maxMonths: 60,
          label: '3 up to 5 years (14 - 19 kg)',
          printed: { [IRON_TAB]: 0.5, [IRON_SYRUP]: 2.5 },
        },
      ],
    },
    frequencyPerDay: 1,
    duration: { kind: 'days', days: 14 },
    route: 'oral',
    formulations: [IRON_TAB, IRON_SYRUP],
    timing: 'one dose daily for 14 days, then review',
    citation: 'HEAT id=252 Table 8.1 (V2); HB05 §21.5 p.92-93 (V) (imci-facts C.8)',
    warnings: [
      'Do not give iron to a child on RUTF (imci-facts C.8). Iron overdose is dangerous: ' +
        'keep out of reach of children (HB05 §21.5).',
    ],
  },
  {
    id: 'zinc-diarrhoea',
    drug: 'zinc',
    indication: 'diarrhoea in a child 2 months up to 5 years',
    editions: ['CB14'],
    rule: {
      kind: 'bands',
      basis: 'age',
      bands: [
        { minMonths: 2, maxMonths: 6, label: '2 up to 6 months', dose: 10 },
        { minMonths: 6, maxMonths: 60, label: '6 months up to 5 years', dose: 20 },
      ],
    },
    frequencyPerDay: 1,
    duration: { kind: 'days', days: 10 },
    route: 'oral',
    formulations: ['zinc-dt-20mg'],
    timing: 'once daily for 10 days',
    citation: 'openguidelines.net formulary; SDNT iCCM q8 (imci-facts C.9, V2); CB14 (K)',
    warnings: ['WHO/UNICEF 2004 allows 10-14 days; CB14 prints 10 days (imci-facts FLAG G17).'],
  },
  {
    id: 'mebendazole-deworming',
    drug: 'mebendazole',
    indication: 'deworming every 6 months',
    editions: ['CB14', 'HB05'],
    rule: {
      kind: 'bands',
      basis: 'age',
      bands: [{ minMonths: 12, label: '12 months and over', dose: 500 }],
    },
    frequencyPerDay: 1,
    duration: { kind: 'single-dose' },
    route: 'oral',
    formulations: ['mebendazole-tab-500mg', 'mebendazole-tab-100mg'],
    timing: 'one dose in clinic; repeat every 6 months',
    citation: 'HB05 §21.6 p.93 (V); age CB14/SDN (imci-facts A.7, C.13, V2)',
    warnings: [
      'HB05 and Ethiopia start deworming at 2 years, CB14 at 1 year (imci-facts FLAG G12).',
    ],
  },
  {
    id: 'albendazole-deworming',
    drug: 'albendazole',
    indication: 'deworming every 6 months',
    editions: ['WHO'],
    rule: {
      kind: 'bands',
      basis: 'age',
      bands: [
        { minMonths: 12, maxMonths: 24, label: '12 up to 24 months', dose: 200 },
        { minMonths: 24, label: '2 years and over', dose: 400 },
      ],
    },
    frequencyPerDay: 1,
    duration: { kind: 'single-dose' },
    route: 'oral',
    formulations: ['albendazole-tab-400mg'],
    timing: 'one dose in clinic; repeat every 6 months',
    citation: 'WHO 2017 STH guideline (K); HEW chart (imci-facts C.13, V2)',
    warnings: ['Ethiopia HEW chart gives no albendazole under 2 years (imci-facts FLAG G12).'],
  },
  {
    id: 'diazepam-rectal-convulsions',
    drug: 'diazepam',
    indication: 'convulsing now',
    editions: ['CB14', 'PB13'],
    // 0.5 mg/kg = 0.1 ml/kg of 10 mg/2 ml; 15 kg -> 1.5 ml (SDNT ETAT q11); ceiling 10 mg (C.14).
    rule: { kind: 'per-kg', perKg: 0.5, minPerKg: 0.45, maxPerKg: 0.55, maxPerDose: 10 },
    frequencyPerDay: 1,
    duration: { kind: 'single-dose' },
    route: 'rectal',
    formulations: ['diazepam-rectal-10mg-2ml'],
    timing:
      'give rectally now; repeat once after 10 minutes if still convulsing; treat or ' +
      'prevent low blood sugar',
    citation: 'CB14/PB13 (K); SDNT ETAT q11 (imci-facts A.11, C.13, V2)',
  },
  {
    id: 'salbutamol-inhaled-trial',
    drug: 'salbutamol',
    indication: 'wheeze with fast breathing or chest indrawing: trial before classifying',
    editions: ['CB14', 'PNEU14'],
    rule: { kind: 'fixed', amount: 2 },
    frequencyPerDay: 3,
    duration: { kind: 'until', text: 'up to 3 doses, then reassess' },
    route: 'inhaled',
    formulations: ['salbutamol-mdi-100mcg'],
    timing:
      '2 puffs with a spacer; repeat every 15-20 minutes up to 3 times, then count breaths ' +
      'and look for chest indrawing again',
    citation: 'CB14 (K); PNEU14 rec. 4.14 (imci-facts A.2, C.13, V2)',
  },
  {
    id: 'salbutamol-inhaled-home',
    drug: 'salbutamol',
    indication: 'wheeze: home treatment',
    editions: ['CB14', 'PNEU14'],
    rule: { kind: 'fixed', amount: 2 },
    frequencyPerDay: 3,
    duration: { kind: 'days', days: 5 },
    route: 'inhaled',
    formulations: ['salbutamol-mdi-100mcg'],
    timing: '2 puffs with a spacer, 3 times daily for 5 days',
    citation: 'CB14 (K); PNEU14 rec. 4.14 (imci-facts A.2, C.13, V2)',
    warnings: [
      'Home frequency (3 times daily) is not stated in imci-facts C.13 (K); check the chart.',
    ],
  },
];
