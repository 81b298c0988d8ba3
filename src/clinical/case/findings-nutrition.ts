import type { FindingSpec } from './finding-spec.js';

/**
 * MUAC bound in mm. Chosen by us: wide around the chart cut-offs 115 and 125 mm (imci-facts
 * A.6, E.3); 60 mm is below any arm a MUAC tape is used on and 300 mm above any child's arm.
 */
const MUAC_MM_RANGE = { min: 60, max: 300 } as const;

/**
 * Weight-for-height/length z-score bound. Chosen by us: the WHO anthro package flags |z| > 5 as
 * implausible (imci-facts E.4), but we accept up to 8 so that a real, extreme measurement is
 * not refused at input; the engine may still flag it.
 */
const WFH_Z_RANGE = { min: -8, max: 8 } as const;

/**
 * Nutrition, anaemia and immunization boxes (VOCABULARY.md §3 "Nutrition, anaemia,
 * immunization" and the two malnutrition keys of "Keys no case uses yet").
 */
export const NUTRITION_FINDINGS = {
  visible_severe_wasting: {
    type: 'boolean',
    box: 'malnutrition',
    description: 'Visible severe wasting (HB05 sign).',
    question: 'Is the child visibly severely wasted?',
  },
  oedema_both_feet: {
    type: 'boolean',
    box: 'malnutrition',
    description: 'Oedema of both feet.',
    question: 'Press on the top of both feet: does a dent stay?',
  },
  very_low_weight_for_age: {
    type: 'boolean',
    box: 'malnutrition',
    description: 'Very low weight for age (HB05).',
    question: 'Is the weight for age very low on the growth chart?',
  },
  muac_mm: {
    type: 'number',
    unit: 'mm',
    range: MUAC_MM_RANGE,
    box: 'malnutrition',
    description: 'Mid-upper-arm circumference, in mm.',
    question: 'What is the mid-upper-arm circumference in millimetres?',
  },
  muac_colour: {
    type: 'enum',
    values: ['red', 'yellow', 'green'],
    box: 'malnutrition',
    description: 'Colour shown by the iCCM MUAC strap.',
    question: 'Which colour does the MUAC strap show: red, yellow or green?',
  },
  wfh_z: {
    type: 'number',
    unit: 'z-score',
    range: WFH_Z_RANGE,
    box: 'malnutrition',
    description: 'Weight-for-height or weight-for-length z-score.',
    question: 'What is the weight-for-height (or length) z-score?',
  },
  able_to_finish_rutf: {
    type: 'boolean',
    box: 'malnutrition',
    description: 'Appetite test passed: the child finishes the test portion of RUTF.',
    question: 'Offered the test portion of RUTF, does the child finish it?',
  },
  breastfeeding_problem: {
    type: 'boolean',
    box: 'malnutrition',
    description: 'Infant under 6 months with a breastfeeding problem (severe acute malnutrition).',
    question: 'If under 6 months, is there a problem with breastfeeding?',
  },
  palmar_pallor: {
    type: 'enum',
    values: ['severe', 'some', 'none'],
    box: 'anaemia',
    description: 'Palmar pallor: severe, some, or none.',
    question: 'Look at the palm: is it very pale, somewhat pale, or not pale?',
  },
  immunizations_received: {
    type: 'string',
    box: 'immunization',
    description:
      'Comma-separated antigens already received, as in the source (e.g. BCG,OPV0,DPT1).',
    question: 'Which vaccines has the child already received?',
  },
} as const satisfies Record<string, FindingSpec>;
