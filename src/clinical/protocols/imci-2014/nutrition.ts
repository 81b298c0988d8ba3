/**
 * Acute malnutrition (imci-facts A.6), anaemia (A.7) and HIV (A.8, only where HIV is
 * prioritized). CB14 replaced the 2005 malnutrition-and-anaemia box with MUAC, weight-for-height
 * z, oedema and an appetite test.
 */
import type { Condition } from '../../engine/condition.js';
import type { Group, Implication } from '../../engine/types.js';
import {
  act,
  all,
  always,
  any,
  between,
  derived,
  eq,
  give,
  gte,
  lt,
  no,
  not,
  otherUrgent,
  param,
  present,
  recordedYes,
  row,
  yes,
} from '../build.js';
import { cb14 } from './cite.js';

/**
 * A MUAC in mm from 6 months gives the strap colour (red < 115, yellow 115-124, green ≥ 125;
 * imci-facts E.3); MUAC is not used before 6 months (CB14 K).
 */
const muacColour = (id: string, band: Condition, colour: string): Implication => ({
  id,
  when: all(gte('age_months', 6), band),
  set: { muac_colour: colour },
  citation: cb14('MUAC colour tapes', 'E.3'),
});
export const nutritionImplications: Implication[] = [
  muacColour('muac-red', lt('muac_mm', 115), 'red'),
  muacColour('muac-yellow', between('muac_mm', 115, 125), 'yellow'),
  muacColour('muac-green', gte('muac_mm', 125), 'green'),
];

export const nutritionDerived: Record<string, Condition> = {
  // SAM if z < −3 or MUAC < 115 mm; MAM if −3 ≤ z < −2 or 115 ≤ MUAC < 125 (imci-facts A.6, E.3).
  severe_wasting: any(
    lt('wfh_z', param('samWfhZ')),
    all(gte('age_months', 6), lt('muac_mm', param('samMuacMm'))),
    eq('muac_colour', 'red'),
  ),
  moderate_wasting: any(
    between('wfh_z', param('samWfhZ'), param('mamWfhZ')),
    all(gte('age_months', 6), between('muac_mm', param('samMuacMm'), param('mamMuacMm'))),
    eq('muac_colour', 'yellow'),
  ),
  // "Medical complication": any danger sign, any severe classification, or pneumonia with chest
  // indrawing (CB14, K).
  medical_complication: any(
    derived('any_danger_sign'),
    otherUrgent,
    recordedYes('chest_indrawing'),
  ),
};

export const malnutritionGroup: Group = {
  id: 'acute-malnutrition',
  box: 'malnutrition',
  title: 'Acute malnutrition',
  // Every child is checked for acute malnutrition (CB14): the table is always open.
  entry: always,
  assess: [
    { key: 'oedema_both_feet' },
    { key: 'muac_mm', when: gte('age_months', 6) },
    { key: 'able_to_finish_rutf', when: all(derived('severe_wasting'), gte('age_months', 6)) },
    { key: 'breastfeeding_problem', when: all(derived('severe_wasting'), lt('age_months', 6)) },
  ],
  rows: [
    row({
      id: 'nutrition.complicated-severe-acute-malnutrition',
      name: 'COMPLICATED SEVERE ACUTE MALNUTRITION',
      severity: 'urgent-referral',
      referral: 'urgent',
      when: any(
        yes('oedema_both_feet'),
        all(
          derived('severe_wasting'),
          any(
            derived('medical_complication'),
            all(gte('age_months', 6), no('able_to_finish_rutf')),
            all(lt('age_months', 6), yes('breastfeeding_problem')),
          ),
        ),
      ),
      treatments: [
        give('ampicillin-im-prereferral', {
          phase: 'pre-referral',
          slot: 'prereferral-antibiotic',
        }),
        give('gentamicin-im-prereferral-child', {
          phase: 'pre-referral',
          slot: 'prereferral-antibiotic',
        }),
        act('prevent-low-blood-sugar', { phase: 'pre-referral' }),
        act('keep-warm', { phase: 'pre-referral' }),
        act('refer-urgently', { phase: 'pre-referral' }),
      ],
      counselling: ['counsel-referral'],
      citation: cb14('Acute malnutrition, pink row', 'A.6'),
    }),
    row({
      id: 'nutrition.uncomplicated-severe-acute-malnutrition',
      name: 'UNCOMPLICATED SEVERE ACUTE MALNUTRITION',
      severity: 'specific-treatment',
      when: derived('severe_wasting'),
      treatments: [
        give('amoxicillin-sam-cb14', { phase: 'home' }),
        give('rutf-sam', { when: gte('age_months', 6), phase: 'home' }),
        act('assess-for-tb', {}),
      ],
      followUpDays: 7,
      counselling: ['counsel-feeding', 'counsel-when-to-return-immediately'],
      citation: cb14(
        'Acute malnutrition, yellow row (uncomplicated SAM); follow-up 7 days (K; Sudan 14)',
        'A.6, A.10',
      ),
    }),
    row({
      id: 'nutrition.moderate-acute-malnutrition',
      name: 'MODERATE ACUTE MALNUTRITION',
      severity: 'specific-treatment',
      when: derived('moderate_wasting'),
      treatments: [act('assess-feeding', {})],
      followUpDays: 30,
      counselling: ['counsel-feeding'],
      citation: cb14('Acute malnutrition, yellow row (moderate)', 'A.6'),
    }),
    row({
      id: 'nutrition.no-acute-malnutrition',
      name: 'NO ACUTE MALNUTRITION',
      severity: 'home-care',
      when: all(
        no('oedema_both_feet'),
        any(
          gte('wfh_z', param('mamWfhZ')),
          gte('muac_mm', param('mamMuacMm')),
          eq('muac_colour', 'green'),
        ),
      ),
      treatments: [act('assess-feeding', { when: lt('age_months', 24) })],
      counselling: ['counsel-feeding'],
      citation: cb14('Acute malnutrition, green row', 'A.6'),
    }),
  ],
};

export const anaemiaGroup: Group = {
  id: 'anaemia',
  box: 'anaemia',
  title: 'Anaemia',
  // Every child is checked for anaemia (CB14): the table is always open.
  entry: always,
  assess: [],
  rows: [
    row({
      id: 'anaemia.severe-anaemia',
      name: 'SEVERE ANAEMIA',
      severity: 'urgent-referral',
      referral: 'urgent',
      when: eq('palmar_pallor', 'severe'),
      treatments: [act('refer-urgently', { phase: 'pre-referral' })],
      counselling: ['counsel-referral'],
      citation: cb14('Anaemia, pink row', 'A.7'),
    }),
    row({
      id: 'anaemia.anaemia',
      name: 'ANAEMIA',
      severity: 'specific-treatment',
      when: eq('palmar_pallor', 'some'),
      treatments: [
        // Do not give iron to a child with SAM on RUTF (CB14, K; imci-facts C.8).
        give('iron-anaemia', {
          when: not(
            any(
              { classified: 'uncomplicated-severe-acute-malnutrition', assume: false },
              { classified: 'complicated-severe-acute-malnutrition', assume: false },
            ),
          ),
          phase: 'home',
        }),
        act('malaria-test-if-high-risk', {
          when: all(eq('malaria_risk', 'high'), not(present('malaria_test'))),
        }),
        give('mebendazole-deworming', {
          when: gte('age_months', param('dewormFromMonths')),
          phase: 'clinic',
        }),
      ],
      followUpDays: 14,
      counselling: ['counsel-feeding', 'counsel-when-to-return-immediately'],
      citation: cb14('Anaemia, yellow row', 'A.7'),
    }),
    row({
      id: 'anaemia.no-anaemia',
      name: 'NO ANAEMIA',
      severity: 'home-care',
      when: always,
      citation: cb14('Anaemia, green row', 'A.7'),
    }),
  ],
};

export const hivGroup: Group = {
  id: 'hiv',
  box: 'hiv',
  title: 'HIV infection (where HIV is prioritized)',
  entry: all(yes('setting_hiv_prioritized'), present('hiv_status')),
  assess: [],
  rows: [
    row({
      id: 'hiv.confirmed-hiv-infection',
      name: 'CONFIRMED HIV INFECTION',
      severity: 'specific-treatment',
      when: eq('hiv_status', 'positive'),
      treatments: [give('cotrimoxazole-prophylaxis', { phase: 'home' }), act('refer-for-art', {})],
      counselling: ['counsel-feeding'],
      citation: cb14('HIV, confirmed infection (K)', 'A.8'),
    }),
    row({
      id: 'hiv.hiv-exposed',
      name: 'HIV EXPOSED',
      severity: 'specific-treatment',
      when: eq('hiv_status', 'exposed'),
      treatments: [
        give('cotrimoxazole-prophylaxis', { phase: 'home' }),
        act('hiv-virological-test', {}),
      ],
      counselling: ['counsel-feeding'],
      citation: cb14('HIV, exposed (K)', 'A.8'),
    }),
    row({
      id: 'hiv.hiv-infection-unlikely',
      name: 'HIV INFECTION UNLIKELY',
      severity: 'home-care',
      when: eq('hiv_status', 'negative'),
      citation: cb14('HIV, infection unlikely (K)', 'A.8'),
    }),
  ],
};
