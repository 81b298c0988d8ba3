import type { FindingSpec } from './finding-spec.js';

/**
 * Breastfeeds per 24 hours. Chosen by us: 0 is a real answer (not breastfed) and 40 is well
 * above any real count, while the chart cut-off of fewer than 8 (HB05 p.70, imci-facts B.4)
 * lies inside.
 */
const BREASTFEEDS_RANGE = { min: 0, max: 40 } as const;

/**
 * The young-infant boxes, birth up to 2 months (VOCABULARY.md §3 "Young infant" and
 * `jaundice` from "Keys no case uses yet").
 */
export const YOUNG_INFANT_FINDINGS = {
  severe_chest_indrawing: {
    type: 'boolean',
    box: 'young_infant_bacterial_infection',
    description: 'Severe chest indrawing (young infant).',
    question: 'Is the chest indrawing deep and easy to see?',
  },
  nasal_flaring: {
    type: 'boolean',
    box: 'young_infant_bacterial_infection',
    description: 'Nasal flaring.',
    question: 'Do the nostrils widen with each breath in?',
  },
  grunting: {
    type: 'boolean',
    box: 'young_infant_bacterial_infection',
    description: 'Grunting.',
    question: 'Does the infant make a grunting sound on breathing out?',
  },
  bulging_fontanelle: {
    type: 'boolean',
    box: 'young_infant_bacterial_infection',
    description: 'Bulging fontanelle.',
    question: 'Is the soft spot on the head bulging?',
  },
  umbilicus_red_or_draining_pus: {
    type: 'boolean',
    box: 'young_infant_bacterial_infection',
    description: 'Umbilicus red or draining pus ("normal" means false).',
    question: 'Is the umbilicus red or draining pus?',
  },
  skin_pustules: {
    type: 'enum',
    values: ['none', 'some', 'many_or_severe'],
    box: 'young_infant_bacterial_infection',
    description: 'Skin pustules: none, some, or many or severe.',
    question: 'Are there pustules on the skin, and are they many or severe?',
  },
  less_than_normal_movements: {
    type: 'boolean',
    box: 'young_infant_bacterial_infection',
    description: 'Moves less than normal ("movements normal" means false).',
    question: 'Does the infant move less than normal, or only when stimulated?',
  },
  jaundice: {
    type: 'boolean',
    box: 'young_infant_jaundice',
    description: 'Young infant: yellow skin or eyes.',
    question: 'Are the eyes or skin yellow?',
  },
  yellow_palms_and_soles: {
    type: 'boolean',
    box: 'young_infant_jaundice',
    description: 'Jaundice reaching the palms and soles.',
    question: 'Are the palms and soles yellow?',
  },
  feeding_difficulty: {
    type: 'boolean',
    box: 'young_infant_feeding',
    description: 'Any difficulty feeding.',
    question: 'Is there any difficulty feeding the infant?',
  },
  breastfed: {
    type: 'boolean',
    box: 'young_infant_feeding',
    description: 'The infant is breastfed.',
    question: 'Is the infant breastfed?',
  },
  breastfeeds_per_24h: {
    type: 'number',
    unit: 'times',
    range: BREASTFEEDS_RANGE,
    box: 'young_infant_feeding',
    description: 'Number of breastfeeds in 24 hours.',
    question: 'How many times does the infant breastfeed in 24 hours?',
  },
  other_foods_or_drinks: {
    type: 'string',
    box: 'young_infant_feeding',
    description: "Other foods or drinks the infant receives, in the source's words.",
    question: 'Does the infant usually get any other foods or drinks? Which ones?',
  },
  uses_feeding_bottle: {
    type: 'boolean',
    box: 'young_infant_feeding',
    description: 'A feeding bottle is used.',
    question: 'Is a feeding bottle used?',
  },
  low_weight_for_age: {
    type: 'boolean',
    box: 'young_infant_feeding',
    description: 'Low weight for age (young infant).',
    question: 'Is the weight for age low on the growth chart?',
  },
  attachment: {
    type: 'enum',
    values: ['good', 'not_well', 'not_at_all'],
    box: 'young_infant_feeding',
    description: 'Attachment to the breast: good, not well, or not at all.',
    question: 'Watching a breastfeed, is the infant well attached, not well, or not at all?',
  },
  suckling: {
    type: 'enum',
    values: ['effective', 'not_effective'],
    box: 'young_infant_feeding',
    description: 'Suckling effectively or not.',
    question: 'Is the infant suckling with slow deep sucks, sometimes pausing?',
  },
  oral_thrush: {
    type: 'boolean',
    box: 'young_infant_feeding',
    description: 'Ulcers or white patches in the mouth (thrush).',
    question: 'Are there ulcers or white patches in the mouth?',
  },
} as const satisfies Record<string, FindingSpec>;
