/**
 * Antimalarial regimens (imci-facts C.4, C.5). Rectal artesunate band edges differ between
 * sources (FLAG G8); the HEAT table is used here and the others are named in the warnings.
 */
import type { Regimen } from './types.js';

const AL = 'artemether-lumefantrine-tab-20-120mg';

/** Antimalarial regimens. */
export const ANTIMALARIAL_REGIMENS: readonly Regimen[] = [
  {
    id: 'artemether-lumefantrine',
    drug: 'artemether-lumefantrine',
    indication: 'MALARIA (uncomplicated falciparum, test positive)',
    editions: ['CB14', 'WHO'],
    // WHO weight bands; the age column is indicative, CB14 prints "2 months up to 3 years" for
    // the first row (imci-facts C.4, K). Ceiling: 4 tablets per dose (C.14).
    rule: {
      kind: 'bands',
      basis: 'weight-or-age',
      bands: [
        {
          minKg: 5,
          maxKg: 15,
          minMonths: 2,
          maxMonths: 36,
          label: '5 - <15 kg (2 months up to 3 years)',
          dose: 20,
          printed: { [AL]: 1 },
        },
        {
          minKg: 15,
          maxKg: 25,
          minMonths: 36,
          maxMonths: 96,
          label: '15 - <25 kg (3 up to 8 years)',
          dose: 40,
          printed: { [AL]: 2 },
        },
        {
          minKg: 25,
          maxKg: 35,
          minMonths: 96,
          maxMonths: 168,
          label: '25 - <35 kg (8 up to 14 years)',
          dose: 60,
          printed: { [AL]: 3 },
        },
        {
          minKg: 35,
          minMonths: 168,
          label: '35 kg and over (14 years and over)',
          dose: 80,
          printed: { [AL]: 4 },
        },
      ],
    },
    frequencyPerDay: 2,
    duration: { kind: 'days', days: 3 },
    route: 'oral',
    formulations: [AL],
    timing:
      '6 doses over 3 days: at 0 and 8 hours on day 1, then twice daily on days 2 and 3; ' +
      'give with fat-containing food or milk; first dose in clinic; repeat a dose vomited within 1 hour',
    citation: 'WHO malaria guidelines (K); schedule CB14 (K), SDNT iCCM q10 (imci-facts C.4, V2)',
  },
  {
    id: 'artesunate-rectal-prereferral',
    drug: 'artesunate-rectal',
    indication: 'VERY SEVERE FEBRILE DISEASE where injections are not possible, before referral',
    editions: ['WHO'],
    // HEAT id=250 Table 6.1 prints "5-8.9 kg", "9-19 kg", "20-29 kg": read as 5-<9, 9-<20,
    // 20-<30 kg; ages 0-12 m, 13-41 m, 42-60 m (imci-facts C.5, V2). 10 mg/kg single dose.
    rule: {
      kind: 'bands',
      basis: 'weight-or-age',
      bands: [
        {
          minKg: 5,
          maxKg: 9,
          minMonths: 0,
          maxMonths: 13,
          label: '5 - 8.9 kg (0 - 12 months)',
          dose: 50,
          printed: { 'artesunate-rectal-50mg': 1 },
        },
        {
          minKg: 9,
          maxKg: 20,
          minMonths: 13,
          maxMonths: 42,
          label: '9 - 19 kg (13 - 41 months)',
          dose: 100,
          printed: { 'artesunate-rectal-100mg': 1 },
        },
        {
          minKg: 20,
          maxKg: 30,
          minMonths: 42,
          maxMonths: 61,
          label: '20 - 29 kg (42 - 60 months)',
          dose: 200,
          printed: { 'artesunate-rectal-100mg': 2 },
        },
      ],
    },
    frequencyPerDay: 1,
    duration: { kind: 'pre-referral' },
    route: 'rectal',
    formulations: ['artesunate-rectal-50mg', 'artesunate-rectal-100mg'],
    timing:
      'one dose before referral; hold the buttocks together for about 1 minute; ' +
      'repeat if expelled within 30 minutes',
    citation: 'HEAT id=250 Table 6.1; severemalaria.org 10 mg/kg (imci-facts C.5, V2)',
    warnings: [
      'Rectal artesunate: WHO age range 6 months to 6 years; MSF and manufacturer bands differ ' +
        '(imci-facts FLAG G8). WHO MPAG advises against it where referral cannot be completed (C.5).',
    ],
  },
  {
    id: 'artesunate-im-prereferral',
    drug: 'artesunate',
    indication: 'VERY SEVERE FEBRILE DISEASE, first dose before referral',
    editions: ['WHO'],
    // 2.4 mg/kg, 3 mg/kg below 20 kg (imci-facts C.5, K; ceiling C.14: weight-based only).
    rule: {
      kind: 'per-kg',
      perKg: 2.4,
      variants: [{ belowKg: 20, perKg: 3, note: 'under 20 kg: 3 mg/kg' }],
    },
    frequencyPerDay: 1,
    duration: { kind: 'pre-referral' },
    route: 'IM',
    formulations: ['artesunate-inj-60mg'],
    timing:
      'one dose IM before referral; if kept: at 0, 12 and 24 hours, then daily until oral ACT',
    citation: 'WHO malaria guidelines (K); MMV artesunate guide (imci-facts C.5, V2)',
  },
  {
    id: 'quinine-im-prereferral-hb05',
    drug: 'quinine',
    indication: 'severe febrile disease in a high malaria risk area, before referral (HB05)',
    editions: ['HB05'],
    // HB05 §20.1.3 p.87 has the IM quinine step (imci-facts C.5, V); its volume table is not in
    // imci-facts, so the WHO pre-referral 10 mg/kg of quinine salt is used (K).
    rule: { kind: 'per-kg', perKg: 10 },
    frequencyPerDay: 1,
    duration: { kind: 'pre-referral' },
    route: 'IM',
    formulations: ['quinine-inj-150mg-ml', 'quinine-inj-300mg-ml'],
    timing: 'one dose IM before referral',
    citation: 'HB05 §20.1.3 p.87 (imci-facts C.5, V for the step; dose K)',
    warnings: [
      'IM quinine 10 mg/kg is team knowledge: check the HB05 p.87 table or national chart ' +
        '(imci-facts C.5, FLAG G7: CB14 prefers artesunate).',
    ],
  },
];
