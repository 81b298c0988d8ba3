/** Registry descriptors of the bedside calculators (imci-facts C.10, D.3, D.4, E.1-E.11). */
import { z } from 'zod';

import { bmi } from './bmi.js';
import { bsaMosteller } from './bsa.js';
import { blantyreComaScale, glasgowComaScale } from './coma-scales.js';
import { crb65 } from './crb65.js';
import { defineCalculator, output } from './descriptor.js';
import type { CalculatorDescriptor } from './descriptor.js';
import { egfrCkdEpi2021 } from './egfr.js';
import { estimateWeightFromAge } from './estimated-weight.js';
import { maintenanceFluids } from './maintenance-fluids.js';
import { orsPlanB } from './ors-plan-b.js';
import { pregnancyDates } from './pregnancy-dates.js';
import { qsofa } from './qsofa.js';

const weightKg = z.number().describe('weight in kg');
const heightCm = z.number().describe('height in cm');
const respiratoryRate = z.number().describe('respiratory rate, breaths/min');
const systolicBp = z.number().describe('systolic blood pressure, mmHg');
const score = (what: string) => z.number().int().describe(what);
const isoDate = (what: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
    .describe(what);

export const BODY_CALCULATORS: readonly CalculatorDescriptor[] = [
  defineCalculator({
    name: 'bmi',
    summary: 'Body mass index with the WHO adult class',
    citation: 'imci-facts E.1 (WHO adult BMI classification)',
    params: z.object({
      weightKg,
      heightCm,
      ageYears: z.number().optional().describe('age in years; under 18 no adult class is given'),
    }),
    run: (p) =>
      output(bmi(p), (r) => [
        `BMI: ${r.bmi} kg/m²`,
        r.adultClass ? `WHO adult class: ${r.adultClass}` : (r.note ?? ''),
      ]),
  }),
  defineCalculator({
    name: 'bsa',
    summary: 'Body surface area (Mosteller)',
    citation: 'imci-facts E.2 (Mosteller, NEJM 1987;317:1098)',
    params: z.object({ weightKg, heightCm }),
    run: (p) => output(bsaMosteller(p), (r) => [`BSA: ${r.bsaM2} m²`]),
  }),
  defineCalculator({
    name: 'estimated-weight',
    summary: 'Weight estimated from age (APLS), only when no scale exists',
    citation: 'imci-facts E.5 (APLS formulas)',
    params: z.object({ ageMonths: z.number().describe('age in months (0 up to 156)') }),
    run: (p) =>
      output(estimateWeightFromAge(p), (r) => [
        `estimated weight: ${r.weightKg} kg (${r.formula})`,
        `warning: ${r.warning}`,
      ]),
  }),
  defineCalculator({
    name: 'maintenance-fluids',
    summary: 'Maintenance fluids per day and per hour (Holliday-Segar or WHO Pocket Book)',
    citation: 'imci-facts E.6 (Holliday-Segar; WHO Pocket Book 2013 ch. 10.2)',
    params: z.object({
      weightKg,
      method: z
        .enum(['holliday-segar', 'who-pocket-book'])
        .optional()
        .describe('holliday-segar (default) or who-pocket-book'),
    }),
    run: (p) =>
      output(maintenanceFluids(p), (r) => [
        `maintenance (${r.method}): ${r.mlPerDay} ml/day, ${r.mlPerHour} ml/h`,
        ...r.flags.map((f) => `flag: ${f}`),
      ]),
  }),
  defineCalculator({
    name: 'ors-plan-b',
    summary: 'ORS volume for the first 4 hours, IMCI Plan B',
    citation: 'imci-facts C.10 (IMCI Handbook 2005 §23.2)',
    params: z.object({
      weightKg: weightKg.optional().describe('weight in kg (preferred)'),
      ageMonths: z
        .number()
        .optional()
        .describe('age in months, used for the table only without a weight'),
    }),
    run: (p) =>
      output(orsPlanB(p), (r) => [
        ...(r.volumeMl === undefined ? [] : [`ORS over 4 h: ${r.volumeMl} ml (75 ml/kg)`]),
        r.band
          ? `IMCI table (${r.band.basis}): ${r.band.minMl}-${r.band.maxMl} ml, ${r.band.label}`
          : 'IMCI table: no row (5 years / 19 kg and over)',
      ]),
  }),
];

export const SCORE_CALCULATORS: readonly CalculatorDescriptor[] = [
  defineCalculator({
    name: 'gcs',
    summary: 'Glasgow Coma Scale total and severity',
    citation: 'imci-facts E.7 (Teasdale & Jennett 1974)',
    params: z.object({
      eye: score('eye opening 1-4'),
      verbal: score('verbal response 1-5'),
      motor: score('motor response 1-6'),
    }),
    run: (p) =>
      output(glasgowComaScale(p), (r) => [`GCS ${r.total} (${r.notation}): ${r.severity}`]),
  }),
  defineCalculator({
    name: 'blantyre',
    summary: 'Blantyre Coma Scale for pre-verbal children',
    citation: 'imci-facts E.8 (Molyneux et al., QJM 1989)',
    params: z.object({
      motor: score('best motor response 0-2'),
      verbal: score('best verbal response 0-2'),
      eyes: score('eye movement 0-1'),
    }),
    run: (p) =>
      output(blantyreComaScale(p), (r) => [
        `Blantyre ${r.total}/5: ${r.impaired ? 'impaired consciousness (<3)' : 'not impaired'}`,
      ]),
  }),
  defineCalculator({
    name: 'egfr',
    summary: 'eGFR, CKD-EPI 2021 creatinine equation (adults), with KDIGO G stage',
    citation: 'imci-facts E.9 (Inker et al., NEJM 2021;385:1737)',
    params: z.object({
      creatinine: z.number().describe('serum creatinine'),
      unit: z.enum(['mg/dL', 'umol/L']).describe('creatinine unit: mg/dL or umol/L'),
      sex: z.enum(['male', 'female']).describe('sex: male or female'),
      ageYears: z.number().describe('age in years (18 and over)'),
    }),
    run: (p) =>
      output(egfrCkdEpi2021(p), (r) => [`eGFR: ${r.egfr} mL/min/1.73 m² (KDIGO ${r.stage})`]),
  }),
  defineCalculator({
    name: 'qsofa',
    summary: 'qSOFA sepsis screen (Sepsis-3)',
    citation: 'imci-facts D.3 (Seymour et al., JAMA 2016;315:762)',
    params: z.object({
      respiratoryRate,
      systolicBp,
      alteredMentation: z.boolean().describe('altered mentation (yes/no)'),
    }),
    run: (p) =>
      output(qsofa(p), (r) => [
        `qSOFA ${r.score}/3${r.highRisk ? ': high risk of poor outcome' : ''}`,
        ...r.criteria.map((c) => `- ${c}`),
      ]),
  }),
  defineCalculator({
    name: 'crb-65',
    summary: 'CRB-65 (and CURB-65 with urea) pneumonia severity in adults',
    citation: 'imci-facts D.4 (Lim et al., Thorax 2003;58:377)',
    params: z.object({
      confusion: z.boolean().describe('new confusion (yes/no)'),
      respiratoryRate,
      systolicBp,
      diastolicBp: z.number().describe('diastolic blood pressure, mmHg'),
      ageYears: z.number().describe('age in years'),
      ureaMmolL: z.number().optional().describe('urea in mmol/L, for CURB-65'),
    }),
    run: (p) =>
      output(crb65(p), (r) => [
        `CRB-65 ${r.crb65}/4: ${r.crb65Risk} risk`,
        ...(r.curb65 === undefined ? [] : [`CURB-65 ${r.curb65}/5: ${r.curb65Risk ?? ''} risk`]),
        ...r.criteria.map((c) => `- ${c}`),
      ]),
  }),
  defineCalculator({
    name: 'pregnancy-dates',
    summary: 'EDD and gestational age from the LMP (Naegele, cycle-adjusted)',
    citation: 'imci-facts E.11 (Naegele rule)',
    params: z.object({
      lmp: isoDate('first day of the last menstrual period, YYYY-MM-DD'),
      cycleLengthDays: z
        .number()
        .int()
        .optional()
        .describe('regular cycle length in days (default 28)'),
      onDate: isoDate('date for the gestational age, YYYY-MM-DD').optional(),
    }),
    run: (p) =>
      output(pregnancyDates(p), (r) => [
        `EDD: ${r.edd}`,
        ...(r.gestationalAge
          ? [`gestational age: ${r.gestationalAge.weeks} weeks + ${r.gestationalAge.days} days`]
          : []),
      ]),
  }),
];
