export { createAlertsCache, parseEdgeCursor, type AlertsCache } from './alerts-cache.js';
export { createDiskCache, type DiskCache } from './disk-cache.js';
export { createEdge, type Edge, type EdgeOptions } from './edge-server.js';
export {
  createReleaseCache,
  type ReleaseCache,
  type ReleaseCacheOptions,
} from './release-cache.js';
export { MAX_BLOB_BYTES, type Upstream } from './upstream.js';
