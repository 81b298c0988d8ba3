import { DURATION_DAYS_RANGE, type FindingSpec } from './finding-spec.js';

/** The fever box, measles included (VOCABULARY.md §3 "Fever and measles"). */
export const FEVER_FINDINGS = {
  fever_days: {
    type: 'number',
    unit: 'days',
    range: DURATION_DAYS_RANGE,
    box: 'fever',
    description: 'Duration of fever, in days.',
    question: 'For how many days has the child had fever?',
  },
  fever_every_day: {
    type: 'boolean',
    box: 'fever',
    description: 'Fever present every day (matters when fever lasts more than 7 days).',
    question: 'If the fever has lasted more than 7 days, has it been there every day?',
  },
  malaria_risk: {
    type: 'enum',
    values: ['high', 'low', 'none'],
    box: 'fever',
    description: 'Malaria risk of the area; none means no risk and no travel to a malaria area.',
    question: 'Is the malaria risk where the child lives high, low, or none?',
  },
  travel_to_malaria_area: {
    type: 'boolean',
    box: 'fever',
    description: 'Recent travel to a malaria-risk area.',
    question: 'Has the child recently been to an area with malaria?',
  },
  malaria_test_available: {
    type: 'boolean',
    box: 'fever',
    description: 'A malaria test (RDT or microscopy) is available.',
    question: 'Is a malaria test (RDT or microscopy) available?',
  },
  malaria_test: {
    type: 'enum',
    values: ['positive', 'negative', 'not_done'],
    box: 'fever',
    description: 'Malaria test result; not_done when no test is available or none was done.',
    question: 'What was the result of the malaria test?',
  },
  stiff_neck: {
    type: 'boolean',
    box: 'fever',
    description: 'Stiff neck (the neck resists being bent forward).',
    question: 'Does the neck resist when you bend it forward?',
  },
  runny_nose: {
    type: 'boolean',
    box: 'fever',
    description: 'Runny nose.',
    question: 'Does the child have a runny nose?',
  },
  obvious_cause_of_fever: {
    type: 'boolean',
    box: 'fever',
    description: 'Another obvious cause of fever is present.',
    question: 'Is there another obvious cause for the fever?',
  },
  bacterial_cause_of_fever_identified: {
    type: 'boolean',
    box: 'fever',
    description: 'A bacterial cause of the fever has been identified.',
    question: 'Has a bacterial cause of the fever been found?',
  },
  measles_now: {
    type: 'boolean',
    box: 'fever',
    description: 'The source states the child has, or has not, signs of measles now.',
    question: 'Does the child have signs of measles now?',
  },
  generalized_rash: {
    type: 'boolean',
    box: 'fever',
    description: 'Generalized rash.',
    question: 'Is there a rash all over the body?',
  },
  measles_cough: {
    type: 'boolean',
    box: 'fever',
    description: 'Cough as a measles criterion, recorded apart from the entry question.',
    question: 'With the rash, does the child have a cough?',
  },
  red_eyes: {
    type: 'boolean',
    box: 'fever',
    description: 'Red eyes.',
    question: 'Are the eyes red?',
  },
  measles_last_3_months: {
    type: 'boolean',
    box: 'fever',
    description: 'Measles within the last 3 months.',
    question: 'Has the child had measles in the last 3 months?',
  },
  mouth_ulcers: {
    type: 'boolean',
    box: 'fever',
    description: 'Mouth ulcers.',
    question: 'Are there ulcers in the mouth?',
  },
  deep_extensive_mouth_ulcers: {
    type: 'boolean',
    box: 'fever',
    description: 'The mouth ulcers are deep and extensive.',
    question: 'Are the mouth ulcers deep and widespread?',
  },
  pus_from_eye: {
    type: 'boolean',
    box: 'fever',
    description: 'Pus draining from the eye.',
    question: 'Is pus coming from the eye?',
  },
  clouding_of_cornea: {
    type: 'boolean',
    box: 'fever',
    description: 'Clouding of the cornea.',
    question: 'Is the clear front of the eye (cornea) cloudy?',
  },
} as const satisfies Record<string, FindingSpec>;
