/** Registry descriptors of the WHO growth z-scores (imci-facts E.1, E.4). */
import { z } from 'zod';

import {
  bmiForAge,
  lengthHeightForAge,
  muacForAge,
  weightForAge,
  weightForLengthHeight,
} from '../growth/index.js';
import type { ZScoreResult } from '../growth/index.js';
import { defineCalculator, output } from './descriptor.js';
import type { CalculatorDescriptor, CalculatorOutput } from './descriptor.js';

const WHO_2006 =
  'WHO Child Growth Standards 2006 (LMS tables of WHO anthro); WHO Growth Reference 2007 ' +
  '(anthroplus) from 61 months; imci-facts E.4';

const sex = z.enum(['male', 'female']).describe('sex: male or female (required)');
const ageDays = z.number().optional().describe('age in days (wins over age-months)');
const ageMonths = z.number().optional().describe('age in months, may be fractional');
const weightKg = z.number().describe('weight in kg (measured, never estimated)');
const lengthOrHeightCm = z.number().describe('length or height in cm');
const measured = z
  .enum(['length', 'height'])
  .optional()
  .describe('how it was measured: length (lying) or height (standing)');
const oedema = z.boolean().optional().describe('bilateral pitting oedema (yes/no)');

function zOutput(result: ZScoreResult): CalculatorOutput {
  return output(result, (ok) => {
    const lines = [`${ok.indicator} z-score: ${ok.z.toFixed(2)}`];
    lines.push(`table: ${ok.table} (${ok.reference})`);
    if (ok.bmi !== undefined) lines.push(`BMI: ${ok.bmi} kg/m²`);
    if (ok.adjustedMeasureCm !== undefined)
      lines.push(`adjusted length/height: ${ok.adjustedMeasureCm} cm`);
    if (ok.flags.length > 0) lines.push(`flags: ${ok.flags.join(', ')}`);
    return lines;
  });
}

const age = { ageDays, ageMonths };

export const GROWTH_CALCULATORS: readonly CalculatorDescriptor[] = [
  defineCalculator({
    name: 'weight-for-height',
    summary: 'WHO weight-for-length/height z-score (table by the 731-day or 87 cm rule)',
    citation: WHO_2006,
    params: z.object({ sex, weightKg, lengthOrHeightCm, measured, ...age, oedema }),
    run: (p) => zOutput(weightForLengthHeight(p)),
  }),
  defineCalculator({
    name: 'weight-for-age',
    summary: 'WHO weight-for-age z-score (0-5 years, then 61-120 months)',
    citation: WHO_2006,
    params: z.object({ sex, weightKg, ...age, oedema }),
    run: (p) => zOutput(weightForAge(p)),
  }),
  defineCalculator({
    name: 'height-for-age',
    summary: 'WHO length/height-for-age z-score (0-5 years, then 61-228 months)',
    citation: WHO_2006,
    params: z.object({ sex, lengthOrHeightCm, measured, ...age }),
    run: (p) => zOutput(lengthHeightForAge(p)),
  }),
  defineCalculator({
    name: 'bmi-for-age',
    summary: 'WHO BMI-for-age z-score (0-5 years, then 61-228 months)',
    citation: `${WHO_2006}; imci-facts E.1`,
    params: z.object({ sex, weightKg, lengthOrHeightCm, measured, ...age, oedema }),
    run: (p) => zOutput(bmiForAge(p)),
  }),
  defineCalculator({
    name: 'muac-for-age',
    summary: 'WHO arm circumference (MUAC)-for-age z-score, 3 up to 60 months',
    citation: 'WHO Child Growth Standards 2007 (acanthro table of WHO anthro); imci-facts E.4',
    params: z.object({
      sex,
      muacMm: z.number().describe('mid-upper arm circumference in mm'),
      ...age,
    }),
    run: (p) => zOutput(muacForAge(p)),
  }),
];
