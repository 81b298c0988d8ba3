/**
 * Drug safety: interactions, allergies, pregnancy and age contraindications, and the drug list.
 */
export { checkSafety, sortAlerts } from './check-safety.js';
export { listDrugs, type DrugListEntry } from './list-drugs.js';
export { MEDICINES, findMedicine } from './medicines.js';
export { matchAllergy, matchMedicine, normalizeName, parseMedicines } from './normalize.js';
export { AGE_RULES, PREGNANCY_RULES, type StateRule } from './contraindications.js';
export { CURATED_INTERACTIONS } from './curated-interactions.js';
export { DERIVED_INTERACTIONS } from './data/interactions.js';
export { SEVERITY_RANK } from './types.js';
export type {
  AlertKind,
  AllergyGroup,
  InteractionRow,
  Medicine,
  SafetyAlert,
  SafetyInput,
  SafetyReport,
  Severity,
} from './types.js';
