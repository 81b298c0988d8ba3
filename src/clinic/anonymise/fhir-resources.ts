/**
 * FHIR R4 resources of one anonymised encounter, each built by copying known, typed fields
 * (an allow-list): a field this file does not name can never leave the clinic. No resource
 * carries a date; the ISO week rides as an extension of the Encounter.
 */
import { FINDINGS, isFindingKey } from '../../clinical/case/index.js';
import { ICD10, LOINC, SYSTEM, UCUM } from './codes.js';

type Json = Record<string, unknown>;

/** What the anonymiser reads of a stored classification (consult result, version 1). */
export interface ClassificationFacts {
  id: string;
  name: string;
  severity: string;
  status: string;
}

/** What the anonymiser reads of a stored treatment and its dose. */
export interface TreatmentFacts {
  kind: string;
  id: string;
  drug: string | null;
  phase: string;
  deferred: boolean;
  coveredBy: string | null;
  dose: {
    kind: string;
    formulation?: string;
    amount?: { value: number; unit: string };
    doseMg?: number;
    frequencyPerDay?: number;
    durationDays?: number;
    route?: string;
  } | null;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isCode = (v: unknown): v is string =>
  typeof v === 'string' && /^[a-z0-9][a-z0-9._-]{0,79}$/i.test(v);

function quantity(value: number, unit: string): Json {
  const code = UCUM[unit];
  return code ? { value, unit, system: SYSTEM.ucum, code } : { value, unit };
}

export function encounterResource(week: string, clinicId: string): Json {
  return {
    resourceType: 'Encounter',
    status: 'finished',
    class: { system: SYSTEM.actCode, code: 'AMB' },
    serviceProvider: { identifier: { system: 'urn:medassist:clinic', value: clinicId } },
    extension: [{ url: `${SYSTEM.extension}:iso-week`, valueCode: week }],
  };
}

export function conditionResource(c: ClassificationFacts, encounterRef: string): Json | null {
  if (!isCode(c.id)) return null;
  const icd = ICD10[c.id];
  const coding: Json[] = [{ system: SYSTEM.classification, code: c.id }];
  if (icd) coding.push({ system: SYSTEM.icd10, code: icd });

  return {
    resourceType: 'Condition',
    clinicalStatus: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' },
      ],
    },
    verificationStatus: {
      coding: [
        {
          system: SYSTEM.conditionVerification,
          code: c.status === 'final' ? 'confirmed' : 'provisional',
        },
      ],
    },
    category: [{ coding: [{ system: SYSTEM.conditionCategory, code: 'encounter-diagnosis' }] }],
    code: { coding },
    encounter: { reference: encounterRef },
    ...(isCode(c.severity)
      ? { extension: [{ url: `${SYSTEM.extension}:imci-severity`, valueCode: c.severity }] }
      : {}),
  };
}

function observation(code: Json, value: Json, encounterRef: string): Json {
  return {
    resourceType: 'Observation',
    status: 'final',
    category: [{ coding: [{ system: SYSTEM.observationCategory, code: 'exam' }] }],
    code,
    encounter: { reference: encounterRef },
    ...value,
  };
}

function findingCode(key: string): Json {
  const loinc = LOINC[key];
  const coding: Json[] = [{ system: SYSTEM.finding, code: key }];
  if (loinc) coding.unshift({ system: SYSTEM.loinc, code: loinc.code, display: loinc.display });
  return { coding };
}

/**
 * One Observation per finding of the controlled vocabulary, typed by its spec: booleans,
 * numbers and enum values that are in the spec's list. Text findings are never uploaded.
 */
export function findingObservations(findings: unknown, encounterRef: string): Json[] {
  if (findings === null || typeof findings !== 'object') return [];
  const out: Json[] = [];
  for (const [key, value] of Object.entries(findings)) {
    if (!isFindingKey(key)) continue;
    const spec = FINDINGS[key];
    let typed: Json | null = null;
    if (spec.type === 'boolean' && typeof value === 'boolean') typed = { valueBoolean: value };
    if (spec.type === 'number' && isNumber(value))
      typed = { valueQuantity: quantity(value, spec.unit ?? '1') };
    if (spec.type === 'enum' && typeof value === 'string' && spec.values?.includes(value))
      typed = { valueCodeableConcept: { coding: [{ system: SYSTEM.findingValue, code: value }] } };
    if (typed) out.push(observation(findingCode(key), typed, encounterRef));
  }
  return out;
}

const VITALS: readonly { key: 'weightKg' | 'temperatureC' | 'heightCm'; unit: string }[] = [
  { key: 'weightKg', unit: 'kg' },
  { key: 'temperatureC', unit: '°C' },
  { key: 'heightCm', unit: 'cm' },
];

/** Weight, temperature and height of the patient at this visit, when measured. */
export function vitalObservations(patient: unknown, encounterRef: string): Json[] {
  if (patient === null || typeof patient !== 'object') return [];
  const p = patient as Record<string, unknown>;
  return VITALS.flatMap(({ key, unit }) => {
    const value = p[key];
    if (!isNumber(value)) return [];
    const loinc = LOINC[key]!;
    const code = { coding: [{ system: SYSTEM.loinc, code: loinc.code, display: loinc.display }] };
    return [observation(code, { valueQuantity: quantity(value, unit) }, encounterRef)];
  });
}

function dosage(dose: NonNullable<TreatmentFacts['dose']>): Json[] {
  if (dose.kind !== 'ok' || !dose.amount || !isNumber(dose.amount.value)) return [];
  const repeat: Json = {};
  if (isNumber(dose.frequencyPerDay))
    Object.assign(repeat, { frequency: dose.frequencyPerDay, period: 1, periodUnit: 'd' });
  if (isNumber(dose.durationDays))
    repeat.boundsDuration = { value: dose.durationDays, unit: 'd', system: SYSTEM.ucum, code: 'd' };
  return [
    {
      ...(Object.keys(repeat).length > 0 ? { timing: { repeat } } : {}),
      ...(isCode(dose.route)
        ? { route: { coding: [{ system: SYSTEM.route, code: dose.route }] } }
        : {}),
      doseAndRate: [
        {
          doseQuantity: {
            value: dose.amount.value,
            unit: isCode(dose.amount.unit) ? dose.amount.unit : '1',
          },
        },
      ],
      ...(isNumber(dose.doseMg)
        ? {
            extension: [
              { url: `${SYSTEM.extension}:dose-mg`, valueQuantity: quantity(dose.doseMg, 'mg') },
            ],
          }
        : {}),
    },
  ];
}

/** A MedicationRequest per regimen given (not actions, not regimens another one covers). */
export function medicationRequest(t: TreatmentFacts, encounterRef: string): Json | null {
  if (t.kind !== 'regimen' || t.coveredBy !== null || !isCode(t.id)) return null;
  const coding: Json[] = [{ system: SYSTEM.regimen, code: t.id }];
  if (isCode(t.drug)) coding.push({ system: SYSTEM.drug, code: t.drug });
  if (t.dose && isCode(t.dose.formulation))
    coding.push({ system: SYSTEM.formulation, code: t.dose.formulation });

  return {
    resourceType: 'MedicationRequest',
    status: t.deferred ? 'on-hold' : 'active',
    intent: 'order',
    medicationCodeableConcept: { coding },
    encounter: { reference: encounterRef },
    ...(isCode(t.phase)
      ? { category: [{ coding: [{ system: `${SYSTEM.extension}:phase`, code: t.phase }] }] }
      : {}),
    dosageInstruction: t.dose ? dosage(t.dose) : [],
  };
}
