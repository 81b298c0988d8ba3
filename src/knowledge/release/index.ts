export {
  buildRelease,
  defaultReleaseVersion,
  sha256Hex,
  type BuildReleaseOptions,
  type BuiltRelease,
  type PreviousRelease,
} from './build-release.js';
export { contentHashOf, contentHashOfFile } from './content-hash.js';
export { applyDelta, createDelta, type AppliedDelta, type DeltaVersions } from './delta.js';
export { DELTA_FORMAT, parseDelta, type DeltaHeader, type ParsedDelta } from './delta-format.js';
export {
  generateReleaseKey,
  keyIdOf,
  parseReleaseKeyPem,
  releaseKeyToPem,
  signManifest,
  verifySignedManifest,
  type ReleaseSigningKey,
  type SignedRelease,
} from './signing.js';
