/**
 * Pre-referral and emergency injectable antibiotics (imci-facts C.11, C.12, C.14). Volumes come
 * from mg/kg and the vial's concentration after reconstitution, rounded to 0.1 ml (a 1 ml
 * syringe), except where HB05 prints a volume table (chloramphenicol).
 */
import type { Regimen } from './types.js';

const GENTAMICIN_10 = ['gentamicin-inj-20mg-2ml', 'gentamicin-inj-80mg-2ml-diluted'];
const AMPICILLIN = ['ampicillin-inj-250mg', 'ampicillin-inj-500mg'];

/** Injectable antibiotic regimens. */
export const INJECTABLE_ANTIBIOTIC_REGIMENS: readonly Regimen[] = [
  {
    id: 'gentamicin-im-young-infant',
    drug: 'gentamicin',
    indication: 'VERY SEVERE DISEASE in a young infant (with ampicillin), before referral',
    editions: ['CB14', 'PSBI15'],
    // openguidelines.net neonatal formulary: 5 mg/kg term <7 days, 7.5 mg/kg from 7 days,
    // 3 mg/kg low birth weight <7 days (imci-facts C.11, V2). Exactly 7 days takes 7.5 mg/kg,
    // as EmCare counts ">= 7 days" (EMC DL-G-CL2-10).
    rule: {
      kind: 'per-kg',
      perKg: 7.5,
      minPerKg: 7,
      maxPerKg: 8,
      variants: [
        { belowAgeDays: 7, belowKg: 2.5, perKg: 3, note: 'low birth weight under 7 days: 3 mg/kg' },
        { belowAgeDays: 7, perKg: 5, note: 'under 7 days: 5 mg/kg' },
      ],
    },
    frequencyPerDay: 1,
    duration: { kind: 'pre-referral' },
    route: 'IM',
    formulations: [...GENTAMICIN_10, 'gentamicin-inj-80mg-2ml'],
    timing: 'one dose IM before referral; once daily if referral is not possible',
    citation: 'CB14 (K); openguidelines.net formulary; PMC5805911 (imci-facts C.11, V2)',
    warnings: [
      'Ethiopia community chart uses 2.5 mg/kg (imci-facts FLAG G16); follow the national chart.',
    ],
  },
  {
    id: 'gentamicin-im-prereferral-child',
    drug: 'gentamicin',
    indication: 'severe classification in a child 2-59 months (with ampicillin), before referral',
    editions: ['CB14', 'PNEU14'],
    rule: { kind: 'per-kg', perKg: 7.5, minPerKg: 7, maxPerKg: 8 },
    frequencyPerDay: 1,
    duration: { kind: 'pre-referral' },
    route: 'IM',
    formulations: ['gentamicin-inj-80mg-2ml', ...GENTAMICIN_10],
    timing: 'one dose IM before referral',
    citation: 'CB14 (K); PNEU14 rec. 4.13, 7.5 mg/kg once daily (imci-facts C.12, V2)',
  },
  {
    id: 'ampicillin-im-young-infant',
    drug: 'ampicillin',
    indication: 'VERY SEVERE DISEASE in a young infant (with gentamicin), before referral',
    editions: ['CB14', 'PSBI15'],
    rule: { kind: 'per-kg', perKg: 50, maxPerDose: 2000 },
    frequencyPerDay: 1,
    duration: { kind: 'pre-referral' },
    route: 'IM',
    formulations: AMPICILLIN,
    timing: 'one dose IM before referral',
    citation: 'CB14 vial 250 mg + 1.3 ml (K); PMC5805911, 50 mg/kg (imci-facts C.11, V2)',
  },
  {
    id: 'ampicillin-im-prereferral',
    drug: 'ampicillin',
    indication: 'severe classification in a child 2-59 months (with gentamicin), before referral',
    editions: ['CB14', 'PNEU14'],
    // C.14 ceiling: 2 g per dose.
    rule: { kind: 'per-kg', perKg: 50, maxPerDose: 2000 },
    frequencyPerDay: 1,
    duration: { kind: 'pre-referral' },
    route: 'IM',
    formulations: AMPICILLIN,
    timing: 'one dose IM before referral; every 6 hours if referral is not possible',
    citation: 'PNEU14 rec. 4.13, 50 mg/kg (imci-facts C.12, C.14, V2)',
  },
  {
    id: 'benzylpenicillin-im-young-infant-hb05',
    drug: 'benzylpenicillin',
    indication: 'POSSIBLE SERIOUS BACTERIAL INFECTION in a young infant (HB05, with gentamicin)',
    editions: ['HB05'],
    // 50 000 U/kg (100 000 U/kg for meningitis) per openguidelines.net (imci-facts C.11, V2).
    rule: { kind: 'per-kg', perKg: 50_000 },
    frequencyPerDay: 1,
    duration: { kind: 'pre-referral' },
    route: 'IM',
    formulations: ['benzylpenicillin-inj-600mg'],
    timing: 'one dose IM before referral',
    citation: 'HB05 §20.1.2 p.86 (V); dose openguidelines.net formulary (imci-facts C.11, V2)',
  },
  {
    id: 'chloramphenicol-im-prereferral-hb05',
    drug: 'chloramphenicol',
    indication: 'severe classification in a child 2 months up to 5 years (HB05), before referral',
    editions: ['HB05'],
    // HB05 §20.1.1 p.87 volume table for 40 mg/kg of the 180 mg/ml solution (imci-facts C.12, V).
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
          printed: { 'chloramphenicol-inj-1g': 1.0 },
        },
        {
          minKg: 6,
          maxKg: 8,
          minMonths: 4,
          maxMonths: 9,
          label: '4 up to 9 months (6 - <8 kg)',
          printed: { 'chloramphenicol-inj-1g': 1.5 },
        },
        {
          minKg: 8,
          maxKg: 10,
          minMonths: 9,
          maxMonths: 12,
          label: '9 up to 12 months (8 - <10 kg)',
          printed: { 'chloramphenicol-inj-1g': 2.0 },
        },
        {
          minKg: 10,
          maxKg: 14,
          minMonths: 12,
          maxMonths: 36,
          label: '12 months up to 3 years (10 - <14 kg)',
          printed: { 'chloramphenicol-inj-1g': 2.5 },
        },
        {
          minKg: 14,
          maxKg: 19,
          maxInclusive: true,
          minMonths: 36,
          maxMonths: 60,
          label: '3 up to 5 years (14 - 19 kg)',
          printed: { 'chloramphenicol-inj-1g': 3.5 },
        },
      ],
    },
    frequencyPerDay: 1,
    duration: { kind: 'pre-referral' },
    route: 'IM',
    formulations: ['chloramphenicol-inj-1g'],
    timing:
      'one dose IM before referral; if referral is impossible repeat every 12 hours for ' +
      '5 days, then oral to complete 10 days',
    citation: 'HB05 §20.1.1 p.87 (imci-facts C.12, V)',
  },
  {
    id: 'ceftriaxone-im-prereferral',
    drug: 'ceftriaxone',
    indication: 'severe classification, second-line pre-referral antibiotic',
    editions: ['PNEU14'],
    // imci-facts C.14 gives 50-100 mg/kg/day with a 2 g/day ceiling; 80 mg/kg once daily is
    // the Pocket Book value (K, not in imci-facts).
    rule: { kind: 'per-kg', perKg: 80, minPerKg: 50, maxPerKg: 100, maxPerDose: 2000 },
    frequencyPerDay: 1,
    duration: { kind: 'pre-referral' },
    route: 'IM',
    formulations: ['ceftriaxone-inj-1g'],
    timing: 'one dose IM before referral',
    citation: 'PNEU14 rec. 4.13 (V2); range and ceiling imci-facts C.14 (K)',
    warnings: ['Ceftriaxone 80 mg/kg is team knowledge (PB13); verify against the national chart.'],
  },
];
