/** The cloud coordinator: what other parts of MedAssist (and the CLI) use. */
export type { Sql, Database } from './db/sql.js';
export { openDatabase, openPgDatabase, openPgliteDatabase } from './db/sql.js';
export { MIGRATIONS, type Migration } from './db/migrations.js';
export { migrate } from './db/migrate.js';
export {
  openShards,
  parseRegionMap,
  readRegionMap,
  type RegionMap,
  type Shards,
} from './db/shards.js';
export {
  buildCoordinator,
  type CoordinatorExtension,
  type CoordinatorOptions,
  type CoordinatorRuntime,
} from './coordinator/server.js';
export type { CoordinatorContext } from './coordinator/context.js';
export { startCoordinator, regionMapFor, type StartOptions } from './serve.js';
export { createEnrolmentToken, registerClinic, revokeClinic } from './auth/enrolment.js';
export {
  issueAccessToken,
  verifyAccessToken,
  type ClinicIdentity,
  type VerifiedToken,
} from './auth/access-token.js';
export { parseCloudSecret, readCloudSecret, type CloudSecret } from './auth/cloud-secret.js';
export { openKeyring, type KeyLookup, type TokenKeyring } from './auth/keyring.js';
export { rotateTokenKey, parseRetireAfter, type Rotation } from './auth/rotate-token-key.js';
export type { SigningKey } from './auth/signing-key.js';
export { insertAlert, listAlerts, type AlertView, type NewAlert } from './alerts/alert-store.js';
export {
  detectOutbreaks,
  isOutbreak,
  DEFAULT_OUTBREAK_RULE,
  type OutbreakRule,
} from './alerts/outbreak.js';
export { ingestBatch, type PushResult } from './ingest/ingest.js';
export { checkFhirBundle } from './ingest/fhir-check.js';
export { CloudError, CLOUD_ERRORS, httpStatusOf, type CloudErrorCode } from './errors.js';
