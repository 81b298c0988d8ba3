export { IMMUTABLE, isSha256Hex, matchesEtag, sendBlob, type BlobSource } from './blob-reply.js';
export { createReleaseExtension, type ReleaseContext, type ReleaseSource } from './extension.js';
export { parseRange, type RangeAnswer } from './http-range.js';
export { migrateReleases, RELEASE_MIGRATIONS } from './migrations.js';
export {
  createReleaseRepository,
  type ReleaseRepository,
  type ReleaseSummary,
} from './release-repository.js';
export { publishRelease, type PublishOptions, type PublishResult } from './publish.js';
export { etagOf, LATEST_CACHE, registerReleaseRoutes } from './routes.js';
export type { Sql } from './sql.js';
