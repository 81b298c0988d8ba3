/**
 * Wire protocol v1, shared by the clinic, the regional edge and the cloud coordinator.
 *
 * Everything a clinic sends up is anonymised before it reaches these types: age in months,
 * sex, region, clinic id, classifications and treatments, ISO-week dates. No name, birth date,
 * phone, village, free text or exact timestamp has a field here, and the schemas are strict so
 * an unexpected key is refused rather than stored.
 *
 * Paths (all JSON unless said otherwise; the clinic authenticates with `Authorization: Bearer`
 * carrying a short-lived access token from POST /v1/token):
 *
 *   POST /v1/register            RegisterRequest  -> RegisterResponse        (enrolment token)
 *   POST /v1/token               TokenRequest     -> TokenResponse           (Ed25519 proof)
 *   POST /v1/sync/push           PushRequest      -> PushResponse            (bearer; gzip body allowed)
 *   GET  /v1/alerts?region=R&cursor=C            -> AlertsResponse | 304     (ETag / If-None-Match)
 *   GET  /v1/releases/latest?channel=CH          -> ReleasePointer | 304     (ETag)
 *   GET  /v1/releases/:version                   -> SignedManifest           (immutable)
 *   GET  /v1/blobs/:sha256                       -> bytes                    (immutable, HTTP Range)
 *   POST /v1/model/chat/completions              OpenAI chat completions     (bearer; escalation)
 *   GET  /v1/health                              -> { status, role, version }
 *   GET  /metrics                                Prometheus text
 *
 * The edge answers the GET paths from its cache (falling back to its upstream) and never
 * stores patient data; pushes and escalations go to the cloud.
 */
import { z } from 'zod';

export const PROTOCOL_VERSION = 'v1';

const id = z.string().min(1).max(128);
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
/** ISO week, e.g. 2026-W49: the only date precision that leaves the clinic. */
export const IsoWeek = z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/);

export const RegisterRequest = z.strictObject({
  enrolmentToken: z.string().min(8).max(512),
  region: id,
  /** Ed25519 public key, SPKI DER as base64url. */
  publicKey: z.string().min(40).max(200),
  clinicName: z.string().max(120).optional(),
});
export const RegisterResponse = z.strictObject({
  clinicId: id,
  region: id,
  /** Ed25519 public keys (SPKI DER, base64url) by key id that sign knowledge releases. */
  releaseKeys: z.record(z.string(), z.string()),
});

/** Proof of the clinic key: Ed25519 signature over `${clinicId}.${issuedAt}.${nonce}`. */
export const TokenRequest = z.strictObject({
  clinicId: id,
  issuedAt: z.number().int(),
  nonce: z.string().min(16).max(64),
  signature: z.string().min(40).max(200),
});
export const TokenResponse = z.strictObject({
  accessToken: z.string(),
  /** Seconds; minutes, not hours. */
  expiresIn: z.number().int().positive(),
});

export const Sex = z.enum(['male', 'female', 'unknown']);

/**
 * One anonymised encounter: the content the clinic derives from its record and turns into
 * FHIR R4 resources (Encounter, Condition, Observation, MedicationRequest) in `fhir`.
 * `resourceKey` is a keyed hash of the local encounter id (HMAC with a clinic secret), so the
 * cloud can apply a tombstone without learning the local id.
 */
export const EncounterUpload = z.strictObject({
  resourceKey: sha256Hex,
  week: IsoWeek,
  ageMonths: z.number().int().min(0).max(1500),
  sex: Sex,
  region: id,
  protocol: z.string().max(40),
  edition: z.string().max(40),
  urgentReferral: z.boolean(),
  /** A FHIR R4 Bundle of type "collection"; validated by the coordinator's FHIR checks. */
  fhir: z.record(z.string(), z.unknown()),
});

export const Telemetry = z.strictObject({
  status: z.enum(['ok', 'degraded', 'error']),
  mode: z.enum(['ONLINE', 'OFFLINE', 'DEGRADED']),
  uptimeS: z.number().int().nonnegative(),
  casesToday: z.number().int().nonnegative(),
  avgLatencyMs: z.number().nonnegative(),
  offlineFallbacks: z.number().int().nonnegative(),
  cloudQueries: z.number().int().nonnegative(),
  /** Hour precision is enough for an operator and leaks nothing. */
  lastSyncHour: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}$/)
    .nullable(),
  modelVersion: z.string().max(80).nullable(),
  knowledgeVersion: z.string().max(80).nullable(),
  diskFreeMb: z.number().nonnegative(),
  memoryMb: z.number().nonnegative(),
  cpuPct: z.number().min(0).max(100),
});

export const Tombstone = z.strictObject({ resourceKeys: z.array(sha256Hex).max(10_000) });

export const PushItem = z.discriminatedUnion('kind', [
  z.strictObject({ key: id, kind: z.literal('encounter'), body: EncounterUpload }),
  z.strictObject({ key: id, kind: z.literal('telemetry'), body: Telemetry }),
  z.strictObject({ key: id, kind: z.literal('tombstone'), body: Tombstone }),
]);
export type PushItem = z.infer<typeof PushItem>;

/**
 * Items are loosely typed on the way in so that one bad item is quarantined and reported
 * instead of failing the whole batch; the coordinator parses each with `PushItem`.
 */
export const PushRequest = z.strictObject({
  batchId: id,
  items: z
    .array(z.looseObject({ key: id }))
    .min(1)
    .max(500),
});
export const PushResponse = z.strictObject({
  /** Stored now. */
  accepted: z.array(id),
  /** Already stored by an earlier try: success for the clinic. */
  duplicates: z.array(id),
  /** Quarantined on the coordinator; the clinic marks them and moves on. */
  rejected: z.array(z.strictObject({ key: id, reason: z.string().max(300) })),
});

export const Alert = z.strictObject({
  id,
  region: id,
  severity: z.enum(['info', 'warning', 'critical']),
  title: z.string().max(200),
  body: z.string().max(2000),
  issuedAt: z.string(),
  expiresAt: z.string().nullable(),
});
export const AlertsResponse = z.strictObject({ alerts: z.array(Alert), cursor: z.string() });

/** A file of a release, addressed by its content hash. */
export const ReleaseFile = z.strictObject({
  sha256: sha256Hex,
  size: z.number().int().nonnegative(),
});

/**
 * The signed part of a release. `bundle` is the whole knowledge DB (compressed); each delta
 * carries only the changed records from one earlier version to this one.
 */
export const ReleaseManifest = z.strictObject({
  version: z.string().min(1).max(80),
  channel: z.string().max(40),
  createdAt: z.string(),
  contentHash: sha256Hex,
  bundle: ReleaseFile.extend({ encoding: z.enum(['gzip', 'identity']) }),
  deltas: z.array(ReleaseFile.extend({ fromVersion: z.string().max(80) })),
});
export type ReleaseManifest = z.infer<typeof ReleaseManifest>;

/** Ed25519 over the exact bytes of `manifest` (a JSON string), key id names the signer. */
export const SignedManifest = z.strictObject({
  manifest: z.string(),
  signature: z.string(),
  keyId: z.string().max(80),
});

export const ReleasePointer = z.strictObject({ version: z.string(), channel: z.string() });

/** Connectivity modes of the clinic (seed matrix). */
export const Mode = z.enum(['ONLINE', 'OFFLINE', 'DEGRADED']);
export type Mode = z.infer<typeof Mode>;
