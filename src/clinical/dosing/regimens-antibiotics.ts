/**
 * Oral antibiotic regimens of the IMCI charts (imci-facts C.1-C.3). Band rows are the charts';
 * `dose` is the mg the row stands for, used only for a product the chart does not print.
 */
import type { Band, Regimen } from './types.js';

const AMOX_DT = 'amoxicillin-dt-250mg';
const AMOX_250 = 'amoxicillin-syrup-250mg-5ml';
const AMOX_125 = 'amoxicillin-syrup-125mg-5ml';
const AMOXICILLIN = [AMOX_DT, AMOX_250, AMOX_125];

// CB14 "Give oral amoxicillin", two times daily for 5 days; 3-5 y row = 15 ml confirmed by
// SDNT q17 (imci-facts C.1, K/V2). The chart prints "14-19 kg", so 19 kg is inside the row.
const AMOXICILLIN_CB14: readonly Band[] = [
  {
    minKg: 4,
    maxKg: 10,
    minMonths: 2,
    maxMonths: 12,
    label: '2 up to 12 months (4 - <10 kg)',
    dose: 250,
    printed: { [AMOX_DT]: 1, [AMOX_250]: 5 },
  },
  {
    minKg: 10,
    maxKg: 14,
    minMonths: 12,
    maxMonths: 36,
    label: '12 months up to 3 years (10 - <14 kg)',
    dose: 500,
    printed: { [AMOX_DT]: 2, [AMOX_250]: 10 },
  },
  {
    minKg: 14,
    maxKg: 19,
    maxInclusive: true,
    minMonths: 36,
    maxMonths: 60,
    label: '3 up to 5 years (14 - 19 kg)',
    dose: 750,
    printed: { [AMOX_DT]: 3, [AMOX_250]: 15 },
  },
];

// PNEU14 rec. 4.11-4.12: at least 40 mg/kg/dose; the CB14 rows deliver 25-62 mg/kg (C.1).
const amoxicillinCb14 = (id: string, indication: string, citation: string): Regimen => ({
  id,
  drug: 'amoxicillin',
  indication,
  editions: ['CB14', 'PNEU14'],
  rule: { kind: 'bands', basis: 'weight-or-age', bands: AMOXICILLIN_CB14, targetMinPerKg: 40 },
  frequencyPerDay: 2,
  duration: { kind: 'days', days: 5 },
  route: 'oral',
  formulations: AMOXICILLIN,
  timing: 'two times daily for 5 days',
  citation,
});

const COTRIM_ADULT = 'cotrimoxazole-tab-80-400mg';
const COTRIM_PAED = 'cotrimoxazole-tab-20-100mg';
const COTRIM_SYRUP = 'cotrimoxazole-syrup-40-200mg-5ml';

// HB05 p.91 Example 25 cotrimoxazole table, two times daily for 5 days (imci-facts C.2, V).
const COTRIMOXAZOLE_HB05: readonly Band[] = [
  {
    minKg: 4,
    maxKg: 10,
    minMonths: 2,
    maxMonths: 12,
    label: '2 up to 12 months (4 - <10 kg)',
    printed: { [COTRIM_ADULT]: 0.5, [COTRIM_PAED]: 2, [COTRIM_SYRUP]: 5 },
  },
  {
    minKg: 10,
    maxKg: 19,
    minMonths: 12,
    maxMonths: 60,
    label: '12 months up to 5 years (10 - <19 kg)',
    printed: { [COTRIM_ADULT]: 1, [COTRIM_PAED]: 3, [COTRIM_SYRUP]: 7.5 },
  },
];

// HB05 p.91: avoid cotrimoxazole in infants under 1 month who are premature or jaundiced. These
// regimens are for children from 2 months; the caution is an age rule of the safety check
// (src/clinical/interactions), which knows the patient's age.
/** Oral antibiotic regimens. */
export const ORAL_ANTIBIOTIC_REGIMENS: readonly Regimen[] = [
  amoxicillinCb14(
    'amoxicillin-pneumonia-cb14',
    'PNEUMONIA (fast breathing and/or chest indrawing)',
    'CB14 "Give oral amoxicillin"; PNEU14 rec. 4.11-4.12 (imci-facts A.2, C.1, K/V2)',
  ),
  amoxicillinCb14(
    'amoxicillin-ear-cb14',
    'ACUTE EAR INFECTION',
    'CB14 "Give oral amoxicillin" (imci-facts A.5, C.1, K)',
  ),
  amoxicillinCb14(
    'amoxicillin-sam-cb14',
    'UNCOMPLICATED SEVERE ACUTE MALNUTRITION',
    'CB14 "Give oral amoxicillin" (imci-facts A.6, C.1, K)',
  ),
  {
    id: 'amoxicillin-tid-hb05',
    drug: 'amoxicillin',
    indication: 'second-line oral antibiotic for pneumonia or ear infection (HB05)',
    editions: ['HB05'],
    rule: {
      kind: 'bands',
      basis: 'weight-or-age',
      bands: [
        {
          minKg: 4,
          maxKg: 10,
          minMonths: 2,
          maxMonths: 12,
          label: '2 up to 12 months (4 - <10 kg)',
          dose: 125,
          printed: { [AMOX_125]: 5 },
        },
        {
          minKg: 10,
          maxKg: 19,
          minMonths: 12,
          maxMonths: 60,
          label: '12 months up to 5 years (10 - <19 kg)',
          dose: 250,
          printed: { [AMOX_125]: 10 },
        },
      ],
    },
    frequencyPerDay: 3,
    duration: { kind: 'days', days: 5 },
    route: 'oral',
    formulations: [AMOX_125, AMOX_DT, AMOX_250],
    timing: 'three times daily for 5 days',
    citation: 'HB05 p.91 Example 25 (imci-facts C.1, V)',
  },
  {
    id: 'amoxicillin-local-infection-young-infant',
    drug: 'amoxicillin',
    indication: 'LOCAL BACTERIAL INFECTION in a young infant',
    editions: ['HB05'],
    // HEAT id=247 prints "birth-1 month (<3 kg)" and "1-2 months (3-4 kg)"; 4 kg is inside.
    rule: {
      kind: 'bands',
      basis: 'weight-or-age',
      bands: [
        {
          maxKg: 3,
          minMonths: 0,
          maxMonths: 1,
          label: 'birth up to 1 month (<3 kg)',
          dose: 31.25,
          printed: { [AMOX_125]: 1.25 },
        },
        {
          minKg: 3,
          maxKg: 4,
          maxInclusive: true,
          minMonths: 1,
          maxMonths: 2,
          label: '1 up to 2 months (3 - 4 kg)',
          dose: 62.5,
          printed: { [AMOX_125]: 2.5 },
        },
      ],
    },
    frequencyPerDay: 3,
    duration: { kind: 'days', days: 5 },
    route: 'oral',
    formulations: [AMOX_125, AMOX_250, AMOX_DT],
    timing: 'three times daily for 5 days',
    citation: 'HEAT id=247 s.1.9.2; HB05 p.64 (imci-facts B.1, C.1, V2/V)',
  },
  {
    id: 'amoxicillin-psbi-young-infant',
    drug: 'amoxicillin',
    indication:
      'young infant: clinical severe infection when referral is not possible, or ' +
      'fast-breathing pneumonia at 7-59 days',
    editions: ['YI19', 'PSBI15'],
    rule: { kind: 'per-kg', perKg: 50, minPerKg: 40, maxPerKg: 60 },
    frequencyPerDay: 2,
    duration: { kind: 'days', days: 7 },
    route: 'oral',
    formulations: [AMOX_125, AMOX_250, AMOX_DT],
    timing: 'two times daily for 7 days',
    citation: 'PSBI15 via PMC5805911 Table 1 (imci-facts B.1, C.1, V2)',
  },
  {
    id: 'cotrimoxazole-pneumonia-hb05',
    drug: 'cotrimoxazole',
    indication: 'PNEUMONIA or ear infection, first-line antibiotic of HB05',
    editions: ['HB05'],
    rule: { kind: 'bands', basis: 'weight-or-age', bands: COTRIMOXAZOLE_HB05 },
    frequencyPerDay: 2,
    duration: { kind: 'days', days: 5 },
    route: 'oral',
    formulations: [COTRIM_PAED, COTRIM_SYRUP, COTRIM_ADULT],
    timing: 'two times daily for 5 days',
    citation: 'HB05 p.91 Example 25 (imci-facts C.2, V)',
  },
  {
    id: 'antibiotic-shigella-hb05',
    drug: 'cotrimoxazole',
    indication: 'DYSENTERY (HB05)',
    editions: ['HB05'],
    rule: { kind: 'bands', basis: 'weight-or-age', bands: COTRIMOXAZOLE_HB05 },
    frequencyPerDay: 2,
    duration: { kind: 'days', days: 5 },
    route: 'oral',
    formulations: [COTRIM_PAED, COTRIM_SYRUP, COTRIM_ADULT],
    timing: 'two times daily for 5 days',
    citation:
      'HB05 p.30 "oral antibiotic recommended for Shigella in your area" (imci-facts A.3, V)',
    warnings: [
      'HB05 leaves the Shigella antibiotic to local sensitivity: use cotrimoxazole only where ' +
        'Shigella in your area is sensitive to it; otherwise use the locally recommended drug ' +
        '(CB14: ciprofloxacin 3 days).',
    ],
  },
  {
    id: 'cotrimoxazole-prophylaxis',
    drug: 'cotrimoxazole',
    indication: 'HIV exposed or infected child: prophylaxis from 4-6 weeks',
    editions: ['CB14', 'WHO'],
    // WHO has two age rows only (FLAG G19: national tables differ); 28 days = 4 weeks.
    rule: {
      kind: 'bands',
      basis: 'age',
      bands: [
        {
          minMonths: 28 / 30.4375,
          maxMonths: 6,
          label: '4 weeks up to 6 months',
          printed: { [COTRIM_SYRUP]: 2.5, [COTRIM_PAED]: 1, [COTRIM_ADULT]: 0.25 },
        },
        {
          minMonths: 6,
          maxMonths: 60,
          label: '6 months up to 5 years',
          printed: { [COTRIM_SYRUP]: 5, [COTRIM_PAED]: 2, [COTRIM_ADULT]: 0.5 },
        },
      ],
    },
    frequencyPerDay: 1,
    duration: { kind: 'ongoing', text: 'while HIV-infected; stop once HIV infection is excluded' },
    route: 'oral',
    formulations: [COTRIM_PAED, COTRIM_SYRUP, COTRIM_ADULT],
    timing: 'once daily',
    citation: 'CB14/WHO (imci-facts C.2, K); HEAT id=254 s.8.7.3 (V2)',
    warnings: [
      'Prophylaxis age rows differ between WHO and national tables (imci-facts FLAG G19).',
    ],
  },
  {
    id: 'ciprofloxacin-dysentery-cb14',
    drug: 'ciprofloxacin',
    indication: 'DYSENTERY',
    editions: ['CB14'],
    rule: {
      kind: 'per-kg',
      perKg: 15,
      maxPerDose: 500,
      ageFallback: [
        {
          minMonths: 2,
          maxMonths: 6,
          label: 'less than 6 months',
          printed: { 'ciprofloxacin-tab-250mg': 0.5, 'ciprofloxacin-tab-500mg': 0.25 },
        },
        {
          minMonths: 6,
          maxMonths: 60,
          label: '6 months up to 5 years',
          printed: { 'ciprofloxacin-tab-250mg': 1, 'ciprofloxacin-tab-500mg': 0.5 },
        },
      ],
    },
    frequencyPerDay: 2,
    duration: { kind: 'days', days: 3 },
    route: 'oral',
    formulations: ['ciprofloxacin-tab-250mg', 'ciprofloxacin-tab-500mg'],
    timing: 'two times daily for 3 days',
    citation:
      'CB14 dysentery table (K); PMC5805911 Table 1, 15 mg/kg BID 3 days (imci-facts C.3, V2)',
  },
];
