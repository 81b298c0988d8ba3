import { DURATION_DAYS_RANGE, type FindingSpec } from './finding-spec.js';

/** The diarrhoea box (VOCABULARY.md §3 "Diarrhoea"). */
export const DIARRHOEA_FINDINGS = {
  diarrhoea_days: {
    type: 'number',
    unit: 'days',
    range: DURATION_DAYS_RANGE,
    box: 'diarrhoea',
    description: 'Duration of diarrhoea, in days.',
    question: 'For how many days has the child had diarrhoea?',
  },
  blood_in_stool: {
    type: 'boolean',
    box: 'diarrhoea',
    description: 'Blood in the stool.',
    question: 'Has there been blood in the stool?',
  },
  restless_irritable: {
    type: 'boolean',
    box: 'diarrhoea',
    description: 'General condition restless, irritable ("alert" means false).',
    question: 'Is the child restless and irritable?',
  },
  sunken_eyes: {
    type: 'boolean',
    box: 'diarrhoea',
    description: 'Sunken eyes.',
    question: 'Are the eyes sunken?',
  },
  drinking: {
    type: 'enum',
    values: ['normally', 'eagerly_thirsty', 'poorly', 'not_able'],
    box: 'diarrhoea',
    description:
      'What is seen when the child is offered fluid (dehydration box), apart from the danger-sign question.',
    question:
      'Offer the child a drink: does the child drink normally, eagerly, poorly, or not at all?',
  },
  skin_pinch: {
    type: 'enum',
    values: ['immediately', 'slowly', 'very_slowly'],
    box: 'diarrhoea',
    description: 'Abdominal skin pinch goes back immediately, slowly, or very slowly (over 2 s).',
    question: 'Pinch the skin of the abdomen: does it go back at once, slowly, or very slowly?',
  },
  cholera_in_area: {
    type: 'boolean',
    box: 'diarrhoea',
    description: 'Cholera in the area (matters for severe dehydration at 2 years or older).',
    question: 'Is there cholera in the area at present?',
  },
} as const satisfies Record<string, FindingSpec>;

/** The ear box (VOCABULARY.md §3 "Ear problem"). */
export const EAR_FINDINGS = {
  ear_pain: {
    type: 'boolean',
    box: 'ear',
    description: 'Ear pain.',
    question: 'Does the child have ear pain?',
  },
  ear_discharge: {
    type: 'boolean',
    box: 'ear',
    description: 'Ear discharge reported (history).',
    question: 'Has anything been coming out of the ear?',
  },
  ear_discharge_days: {
    type: 'number',
    unit: 'days',
    range: DURATION_DAYS_RANGE,
    box: 'ear',
    description: 'Duration of the ear discharge, in days.',
    question: 'For how many days has the ear been discharging?',
  },
  pus_seen_draining_from_ear: {
    type: 'boolean',
    box: 'ear',
    description: 'Pus seen draining from the ear (also the young-infant sign).',
    question: 'Can you see pus coming from the ear?',
  },
  tender_swelling_behind_ear: {
    type: 'boolean',
    box: 'ear',
    description: 'Tender swelling behind the ear.',
    question: 'Is there a tender swelling behind the ear?',
  },
} as const satisfies Record<string, FindingSpec>;
