import type { FindingSpec } from './finding-spec.js';

/**
 * Entry questions (main symptoms), general danger signs, HIV status and the one non-IMCI key
 * (VOCABULARY.md §3 "Entry questions", "General danger signs", "Keys no case uses yet", "Other").
 */
export const GENERAL_FINDINGS = {
  cough_or_difficult_breathing: {
    type: 'boolean',
    box: 'cough_or_difficult_breathing',
    description: 'Child has cough or difficult breathing.',
    question: 'Does the child have a cough or trouble breathing?',
  },
  diarrhoea: {
    type: 'boolean',
    box: 'diarrhoea',
    description: 'Child has diarrhoea.',
    question: 'Does the child have diarrhoea?',
  },
  fever: {
    type: 'boolean',
    box: 'fever',
    description: 'Fever by history, feels hot, or temperature 37.5 °C or above.',
    question:
      'Has the child had fever, does the child feel hot, or is the temperature 37.5 °C or more?',
  },
  ear_problem: {
    type: 'boolean',
    box: 'ear',
    description: 'Child has an ear problem.',
    question: 'Does the child have a problem with the ears?',
  },
  unable_to_drink_or_breastfeed: {
    type: 'boolean',
    box: 'general_danger_signs',
    description:
      'General danger sign: not able to drink or breastfeed (the question, not the dehydration observation).',
    question: 'Can the child drink or breastfeed at all?',
  },
  vomits_everything: {
    type: 'boolean',
    box: 'general_danger_signs',
    description: 'General danger sign: vomits everything.',
    question: 'Does the child bring up everything that is eaten or drunk?',
  },
  convulsions_history: {
    type: 'boolean',
    box: 'general_danger_signs',
    description: 'General danger sign: convulsions during this illness (history).',
    question: 'Has the child had fits (convulsions) during this illness?',
  },
  convulsing_now: {
    type: 'boolean',
    box: 'general_danger_signs',
    description: 'General danger sign: convulsing at the visit (CB08/CB14 sign; not in HB05).',
    question: 'Is the child having a fit now?',
  },
  lethargic_or_unconscious: {
    type: 'boolean',
    box: 'general_danger_signs',
    description:
      'Lethargic or unconscious; also the general-condition sign of the dehydration and young-infant boxes.',
    question: 'Is the child abnormally sleepy, hard to wake, or unconscious?',
  },
  hiv_status: {
    type: 'enum',
    values: ['positive', 'exposed', 'negative', 'unknown'],
    box: 'hiv',
    description: "Child's HIV status or exposure, where HIV is prioritized.",
    question: 'What is known about the HIV status of the child and the mother?',
  },
  weakness_reported: {
    type: 'boolean',
    box: 'other',
    description: 'Weakness reported in an iCCM vignette (not an IMCI sign).',
    question: 'Is the child reported to be weak?',
  },
} as const satisfies Record<string, FindingSpec>;
