/**
 * Realistic anonymised encounter uploads (protocol v1 EncounterUpload with a FHIR R4 Bundle)
 * for coordinator tests and the bench. No personal data: ages, codes and week dates only.
 */
import { resourceKey } from './cloud-client.js';

const SYSTEM = 'urn:medassist:classification';

export interface UploadOptions {
  region: string;
  week?: string;
  codes?: string[];
  /** Replaces the bundle (to test the FHIR checks). */
  fhir?: Record<string, unknown>;
}

/** A collection Bundle: an Encounter, a Condition per code, a weight Observation, one MedicationRequest. */
export function sampleBundle(codes: string[], monday = '2026-11-30'): Record<string, unknown> {
  const enc = 'urn:uuid:6f1c1d52-8f0e-4c55-9a51-0d1f3c6b2a10';
  const entry: unknown[] = [
    {
      fullUrl: enc,
      resource: {
        resourceType: 'Encounter',
        status: 'finished',
        class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
        period: { start: monday },
        serviceType: { coding: [{ system: 'urn:medassist:protocol', code: 'imci-2014' }] },
      },
    },
    ...codes.map((code) => ({
      resource: {
        resourceType: 'Condition',
        encounter: { reference: enc },
        clinicalStatus: {
          coding: [
            { system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' },
          ],
        },
        code: { coding: [{ system: SYSTEM, code }] },
        recordedDate: monday,
      },
    })),
    {
      resource: {
        resourceType: 'Observation',
        status: 'final',
        encounter: { reference: enc },
        code: { coding: [{ system: 'http://loinc.org', code: '29463-7', display: 'Body weight' }] },
        valueQuantity: { value: 11.5, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
      },
    },
    {
      resource: {
        resourceType: 'MedicationRequest',
        status: 'active',
        intent: 'order',
        encounter: { reference: enc },
        medicationCodeableConcept: {
          coding: [{ system: 'urn:medassist:regimen', code: 'amoxicillin-pneumonia-cb14' }],
        },
      },
    },
  ];
  return { resourceType: 'Bundle', type: 'collection', entry };
}

export function encounterItem(key: string, o: UploadOptions): Record<string, unknown> {
  const codes = o.codes ?? ['cough.pneumonia'];
  return {
    key,
    kind: 'encounter',
    body: {
      resourceKey: resourceKey(`enc-${key}`),
      week: o.week ?? '2026-W49',
      ageMonths: 18,
      sex: 'female',
      region: o.region,
      protocol: 'imci-2014',
      edition: '2014',
      urgentReferral: false,
      fhir: o.fhir ?? sampleBundle(codes),
    },
  };
}

export function telemetryItem(key: string, casesToday = 3): Record<string, unknown> {
  return {
    key,
    kind: 'telemetry',
    body: {
      status: 'ok',
      mode: 'ONLINE',
      uptimeS: 3600,
      casesToday,
      avgLatencyMs: 120,
      offlineFallbacks: 0,
      cloudQueries: 0,
      lastSyncHour: '2026-12-04T10',
      modelVersion: null,
      knowledgeVersion: '2026.12.1',
      diskFreeMb: 2048,
      memoryMb: 900,
      cpuPct: 12,
    },
  };
}
