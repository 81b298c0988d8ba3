export {
  anonymiseEncounter,
  resourceKeyOf,
  type AnonymiseContext,
  type EncounterUploadBody,
  type StoredEncounter,
} from './encounter-upload.js';
export { isoWeekOf } from './iso-week.js';
