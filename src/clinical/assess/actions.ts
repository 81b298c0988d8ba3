/**
 * Non-drug actions of the charts, with the words shown to the health worker. Written in our own
 * words from imci-facts.md (A.1-A.11, B).
 */

// Low blood sugar: 30-50 ml of milk or sugar water before departure (imci-facts A.11, CB14 K).
export const ACTIONS: Readonly<Record<string, string>> = {
  'refer-urgently': 'Refer URGENTLY to hospital, after the pre-referral treatment',
  'refer-for-assessment': 'Refer for assessment (not urgent)',
  'complete-assessment-quickly': 'Complete the assessment quickly: do not delay referral',
  'prevent-low-blood-sugar':
    'Prevent low blood sugar: breastfeed, or give 30-50 ml of milk or sugar water before departure',
  'keep-warm': 'Keep the child warm on the way (skin-to-skin for a young infant)',
  'give-oxygen': 'Give oxygen (SpO2 below 90 %)',
  'cholera-antibiotic':
    'Give an antibiotic for cholera (child 2 years or older, cholera in the area)',
  'treat-dehydration-before-referral':
    'Treat dehydration before referral (no other severe classification)',
  'antibiotic-for-bacterial-cause':
    'Give the appropriate antibiotic for the identified bacterial cause of fever',
  'dry-ear-by-wicking': 'Dry the ear by wicking, 3 times daily',
  'assess-for-tb': 'Assess for TB infection',
  'assess-feeding': "Assess the child's feeding and counsel the mother",
  'malaria-test-if-high-risk': 'High malaria risk: test for malaria',
  'antimalarial-if-high-risk': 'High malaria risk: give an antimalarial',
  'refer-for-art': 'Start or refer for antiretroviral treatment',
  'hiv-virological-test':
    'Arrange a virological HIV test (4-6 weeks, or 6 weeks after breastfeeding stops)',
  'counsel-breastfeeding':
    'Counsel on breastfeeding: position and attachment, feed more often, day and night',
};

/** Counselling steps; the knowledge base holds the passage behind each (same id). */
export const COUNSELLING: Readonly<Record<string, string>> = {
  'counsel-referral': 'Explain the referral, reassure the mother, write a referral note',
  'counsel-when-to-return-immediately':
    'When to return immediately: not able to drink or breastfeed, becomes sicker, develops fever, fast or difficult breathing, blood in the stool',
  'counsel-safe-cough-remedy': 'Soothe the throat and relieve the cough with a safe remedy',
  'counsel-giving-oral-drugs-at-home':
    'Teach the mother to give oral drugs at home; give the first dose in the clinic',
  'counsel-fluids-and-feeding-during-diarrhoea':
    'Continue breastfeeding; give extra fluid and continue feeding during diarrhoea',
  'counsel-feeding-persistent-diarrhoea': 'Counsel on feeding a child with persistent diarrhoea',
  'counsel-wicking': 'Teach the mother to dry the ear by wicking',
  'counsel-feeding': 'Assess feeding and counsel on feeding for the age',
  'counsel-keep-young-infant-warm': 'Keep the young infant warm',
  'counsel-treat-local-infections-at-home': 'Teach the mother to treat local infections at home',
  'counsel-home-care-young-infant':
    'Home care for the young infant: breastfeed often, keep warm, when to return',
  'counsel-breastfeeding-attachment-positioning':
    'Teach correct positioning and attachment for breastfeeding',
};

/**
 * Knowledge-base topics behind steps that have no passage of their own id (refs of
 * content/passages). `counsel-feeding` is chosen by age in the consult.
 */
export const PASSAGE_TOPICS: Readonly<Record<string, string>> = {
  'counsel-referral': 'urgent-referral',
  'counsel-feeding-persistent-diarrhoea': 'feeding-counselling',
  'counsel-wicking': 'wicking-ear',
  'counsel-keep-young-infant-warm': 'keep-young-infant-warm',
  'refer-urgently': 'urgent-referral',
  'prevent-low-blood-sugar': 'low-blood-sugar',
  'keep-warm': 'keep-warm',
  'give-oxygen': 'oxygen',
  'dry-ear-by-wicking': 'wicking-ear',
  'counsel-breastfeeding': 'breastfeeding-attachment',
  'complete-assessment-quickly': 'general-danger-signs',
};

/** The feeding-counselling passage for an age (CB14 feeding recommendations by age). */
export function feedingPassageFor(ageMonths: number | null): string {
  if (ageMonths === null || ageMonths < 6) return 'counsel-feeding-up-to-6-months';
  if (ageMonths < 12) return 'counsel-feeding-6-to-12-months';
  if (ageMonths < 24) return 'counsel-feeding-12-months-to-2-years';
  return 'counsel-feeding-2-years-and-older';
}
