import { DURATION_DAYS_RANGE, RESPIRATORY_RATE_RANGE, type FindingSpec } from './finding-spec.js';

/**
 * Oxygen saturation bound in % SpO2. The top is the physical maximum of a saturation; the
 * bottom is chosen by us: a reading under 50 % in a child who is being assessed as an
 * outpatient is a probe or typing error, and the chart cut-off (< 90 %, imci-facts A.2) lies
 * well inside the bound.
 */
const OXYGEN_SATURATION_RANGE = { min: 50, max: 100 } as const;

/** The cough or difficult breathing box (VOCABULARY.md §3 "Cough or difficult breathing"). */
export const COUGH_FINDINGS = {
  cough_days: {
    type: 'number',
    unit: 'days',
    range: DURATION_DAYS_RANGE,
    box: 'cough_or_difficult_breathing',
    description: 'Duration of cough or difficult breathing, in days.',
    question: 'For how many days has the child had the cough or difficult breathing?',
  },
  respiratory_rate: {
    type: 'number',
    unit: 'breaths/min',
    range: RESPIRATORY_RATE_RANGE,
    box: 'cough_or_difficult_breathing',
    description: 'Counted respiratory rate (young infants: the first count).',
    question: 'How many breaths does the child take in one full minute?',
  },
  rr_counted_full_minute: {
    type: 'boolean',
    box: 'cough_or_difficult_breathing',
    description: 'The rate was counted over a full minute (validity of the count).',
    question: 'Were the breaths counted over a whole minute?',
  },
  child_calm_during_count: {
    type: 'boolean',
    box: 'cough_or_difficult_breathing',
    description: 'The child was calm while the breaths were counted and the chest looked at.',
    question: 'Was the child calm while you counted the breaths and looked at the chest?',
  },
  chest_indrawing: {
    type: 'boolean',
    box: 'cough_or_difficult_breathing',
    description: 'Lower chest wall indrawing (sick child 2-59 months).',
    question: 'Does the lower chest wall go in when the child breathes in?',
  },
  stridor: {
    type: 'boolean',
    box: 'cough_or_difficult_breathing',
    description: 'Stridor in a calm child.',
    question: 'Is there a harsh noise on breathing in while the child is calm?',
  },
  wheeze: {
    type: 'boolean',
    box: 'cough_or_difficult_breathing',
    description: 'Wheeze.',
    question: 'Is there a soft musical noise on breathing out (wheeze)?',
  },
  recurrent_wheeze: {
    type: 'boolean',
    box: 'cough_or_difficult_breathing',
    description: 'Recurrent wheezing.',
    question: 'Has the child wheezed like this before, more than once?',
  },
  pulse_oximeter_available: {
    type: 'boolean',
    box: 'cough_or_difficult_breathing',
    description: 'A pulse oximeter was available.',
    question: 'Is a pulse oximeter available here?',
  },
  oxygen_saturation: {
    type: 'number',
    unit: '% SpO2',
    range: OXYGEN_SATURATION_RANGE,
    box: 'cough_or_difficult_breathing',
    description: 'Measured oxygen saturation.',
    question: 'What oxygen saturation does the pulse oximeter show?',
  },
  hiv_exposed_or_infected: {
    type: 'boolean',
    box: 'cough_or_difficult_breathing',
    description: 'HIV-exposed or HIV-infected child (matters for chest indrawing).',
    question: 'Is the child HIV-exposed or HIV-infected?',
  },
  bronchodilator_trial_done: {
    type: 'boolean',
    box: 'cough_or_difficult_breathing',
    description: 'A trial of a rapid-acting inhaled bronchodilator was completed.',
    question: 'Has a trial of a rapid-acting inhaled bronchodilator been given?',
  },
  post_bronchodilator_respiratory_rate: {
    type: 'number',
    unit: 'breaths/min',
    range: RESPIRATORY_RATE_RANGE,
    box: 'cough_or_difficult_breathing',
    description: 'Respiratory rate counted again after the bronchodilator trial.',
    question: 'After the bronchodilator, how many breaths in one full minute?',
  },
  post_bronchodilator_chest_indrawing: {
    type: 'boolean',
    box: 'cough_or_difficult_breathing',
    description: 'Chest indrawing after the bronchodilator trial.',
    question: 'After the bronchodilator, does the lower chest wall still go in?',
  },
  post_bronchodilator_child_calm: {
    type: 'boolean',
    box: 'cough_or_difficult_breathing',
    description: 'The child was calm at the recount after the trial.',
    question: 'Was the child calm when the breaths were counted again?',
  },
  post_bronchodilator_rr_counted_full_minute: {
    type: 'boolean',
    box: 'cough_or_difficult_breathing',
    description: 'The recount after the trial lasted a full minute.',
    question: 'Was the recount done over a whole minute?',
  },
} as const satisfies Record<string, FindingSpec>;
