/**
 * A stored encounter -> the v1 `EncounterUpload` that leaves the clinic: age in months, sex,
 * region, ISO week, protocol, classifications, findings, vitals and treatments as a FHIR R4
 * Bundle, and nothing else. Built by allow-list (ARCHITECTURE.md, "Sync"): fields are copied
 * by name from the stored record, never by deleting the identifying ones, so a field added to
 * the record later stays home until someone adds it here on purpose.
 */
import { createHmac } from 'node:crypto';
import { EncounterUpload, type Sex } from '../../protocol/v1.js';
import { MedAssistError } from '../../shared/errors.js';
import type { z } from 'zod';
import {
  conditionResource,
  encounterResource,
  findingObservations,
  medicationRequest,
  vitalObservations,
  type ClassificationFacts,
  type TreatmentFacts,
} from './fhir-resources.js';
import { isoWeekOf } from './iso-week.js';

export type EncounterUploadBody = z.infer<typeof EncounterUpload>;

/** An encounter as the clinic store keeps it (the row, its input and its consult result). */
export interface StoredEncounter {
  id: string;
  visitDate: string;
  edition: string;
  protocol: string | null;
  urgentReferral: boolean;
  input: unknown;
  result: unknown;
}

export interface AnonymiseContext {
  /** The clinic id the coordinator gave at registration. */
  clinicId: string;
  region: string;
  /** The clinic's sync secret (sync-state.ts): keys the resourceKey. */
  syncSecret: Buffer;
}

/** HMAC-SHA256(sync secret, local encounter id), hex: lets a tombstone find the cloud copy. */
export function resourceKeyOf(syncSecret: Buffer, encounterId: string): string {
  return createHmac('sha256', syncSecret).update(`encounter:${encounterId}`).digest('hex');
}

/** Bundle-internal ids derived from the resourceKey: stable across retries, meaningless alone. */
function fullUrl(resourceKey: string, index: number): string {
  const h = createHmac('sha256', resourceKey).update(String(index)).digest('hex');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const record = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {};
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Completed months; from counted days when the months are not known (young infants). */
function ageMonthsOf(patient: Record<string, unknown>): number | null {
  const age = record(patient.age);
  if (typeof age.months === 'number' && Number.isInteger(age.months)) return age.months;
  if (typeof age.days === 'number') return Math.floor((age.days * 12) / 365.25);
  return null;
}

function sexOf(patient: Record<string, unknown>): z.infer<typeof Sex> {
  return patient.sex === 'male' || patient.sex === 'female' ? patient.sex : 'unknown';
}

/**
 * Throws `SYNC_ITEM_UNUPLOADABLE` when the record lacks what the wire needs (an age): the
 * outbox quarantines it locally instead of sending a guess.
 */
export function anonymiseEncounter(e: StoredEncounter, ctx: AnonymiseContext): EncounterUploadBody {
  const input = record(e.input);
  const patient = record(input.patient);
  const result = record(e.result);
  const ageMonths = ageMonthsOf(patient);
  if (ageMonths === null)
    throw new MedAssistError('SYNC_ITEM_UNUPLOADABLE', 'the encounter has no age in months []');

  const resourceKey = resourceKeyOf(ctx.syncSecret, e.id);
  const week = isoWeekOf(e.visitDate);
  const encounterRef = fullUrl(resourceKey, 0);
  const resources = [
    encounterResource(week, ctx.clinicId),
    ...list(result.classifications).map((c) =>
      conditionResource(c as ClassificationFacts, encounterRef),
    ),
    ...vitalObservations(patient, encounterRef),
    ...findingObservations(input.findings, encounterRef),
    ...list(result.treatments).map((t) => medicationRequest(t as TreatmentFacts, encounterRef)),
  ].filter((r): r is Record<string, unknown> => r !== null);

  const fhir = {
    resourceType: 'Bundle',
    type: 'collection',
    entry: resources.map((resource, i) => ({ fullUrl: fullUrl(resourceKey, i), resource })),
  };

  return EncounterUpload.parse({
    resourceKey,
    week,
    ageMonths,
    sex: sexOf(patient),
    region: ctx.region,
    protocol: e.protocol ?? 'none',
    edition: e.edition,
    urgentReferral: e.urgentReferral,
    fhir,
  });
}
