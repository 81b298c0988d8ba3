/**
 * IMCI chart booklet 2014: the sick child aged 2 months up to 5 years.
 */
import type { Protocol } from '../../engine/types.js';
import { gte, yes } from '../build.js';
import { coughDerived, coughGroup, coughImplications, coughInvalidations } from './cough.js';
import {
  anyDangerSign,
  convulsionImplication,
  DANGER_SIGN_KEYS,
  dangerSignsGroup,
} from './danger-signs.js';
import {
  dehydrationGroup,
  diarrhoeaDerived,
  diarrhoeaImplications,
  dysenteryGroup,
  persistentGroup,
} from './diarrhoea.js';
import { earGroup } from './ear.js';
import { feverDerived, feverGroup, feverImplications, measlesGroup } from './fever.js';
import {
  anaemiaGroup,
  hivGroup,
  malnutritionGroup,
  nutritionDerived,
  nutritionImplications,
} from './nutrition.js';

/** Thresholds of the 2014 chart; an edition or a national adaptation overrides them by name. */
export const SICK_CHILD_PARAMS_2014 = {
  // Fast breathing: 50/min from 2 up to 12 months, 40/min from 12 months up to 5 years (HB05
  // p.21 V; CB14 V2; imci-facts A.2).
  fastBreathingUnder12m: 50,
  fastBreathingFrom12m: 40,
  // SpO2 below 90 % is pink where oximetry is used (CB14 K; EmCare V; imci-facts A.2, G5).
  lowOxygenSaturation: 90,
  // Cough for 14 days or more: refer for TB or asthma assessment (CB14; imci-facts G4).
  chronicCoughDays: 14,
  // Persistent diarrhoea: 14 days or more (imci-facts A.3).
  persistentDiarrhoeaDays: 14,
  // Cholera antibiotic for severe dehydration from 2 years (imci-facts A.3).
  choleraFromMonths: 24,
  // Fever: axillary 37.5 °C or above; high fever for paracetamol 38.5 °C (HB05 p.32; A.4).
  feverTemperatureC: 37.5,
  highFeverTemperatureC: 38.5,
  // Fever every day for more than 7 days: refer for assessment (A.4).
  prolongedFeverDays: 7,
  // Ear discharge for 14 days or more is chronic (A.5).
  chronicEarDays: 14,
  // Acute malnutrition cut-offs (A.6, E.3).
  samWfhZ: -3,
  mamWfhZ: -2,
  samMuacMm: 115,
  mamMuacMm: 125,
  // Mebendazole from 1 year in CB14 (2 years in HB05; imci-facts G12).
  dewormFromMonths: 12,
};

export const sickChild2014: Protocol = {
  id: 'imci-2014/sick-child',
  edition: 'imci-2014',
  title: 'Sick child aged 2 months up to 5 years',
  document: 'WHO IMCI chart booklet, March 2014',
  population: 'sick-child',
  params: SICK_CHILD_PARAMS_2014,
  derived: {
    any_danger_sign: anyDangerSign,
    ...coughDerived,
    ...diarrhoeaDerived,
    ...feverDerived,
    ...nutritionDerived,
  },
  implications: [
    convulsionImplication,
    ...coughImplications,
    ...diarrhoeaImplications,
    ...feverImplications,
    ...nutritionImplications,
  ],
  invalidations: coughInvalidations,
  alwaysAsk: [
    ...DANGER_SIGN_KEYS.map((key) => ({ key })),
    { key: 'cough_or_difficult_breathing' },
    { key: 'diarrhoea' },
    { key: 'fever' },
    { key: 'ear_problem' },
    { key: 'oedema_both_feet' },
    { key: 'muac_mm', when: gte('age_months', 6) },
    { key: 'palmar_pallor' },
    { key: 'hiv_status', when: yes('setting_hiv_prioritized') },
  ],
  groups: [
    dangerSignsGroup,
    coughGroup,
    dehydrationGroup,
    persistentGroup,
    dysenteryGroup,
    feverGroup,
    measlesGroup,
    earGroup,
    anaemiaGroup,
    malnutritionGroup,
    hivGroup,
  ],
};
