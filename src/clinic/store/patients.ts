/**
 * Patients: the identifying data of the clinic (name, birth date, village, phone), kept apart
 * from the clinical encounters. Likely duplicates are flagged with a merge offer.
 */
import { randomUUID } from 'node:crypto';
import type { ClinicDatabase } from './database.js';

export interface PatientIdentityInput {
  name?: string;
  sex?: 'male' | 'female';
  dateOfBirth?: string;
  village?: string;
  phone?: string;
}

export interface PatientRow {
  id: string;
  name: string | null;
  sex: string | null;
  dateOfBirth: string | null;
  village: string | null;
  phone: string | null;
  createdAt: string;
  mergedInto: string | null;
}

/**
 * Two birth dates this many days apart or less may be the same child: a bound chosen by us
 * (dates are often recalled to the month), not a guideline figure.
 */
export const DUPLICATE_BIRTH_DATE_TOLERANCE_DAYS = 31;

/** Name key for matching: no accents, lower case, words sorted ("Juma Amina" = "amina juma"). */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '')
    .sort()
    .join(' ');
}

function daysApart(a: string, b: string): number {
  return Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;
}

interface DbPatient {
  id: string;
  name: string | null;
  sex: string | null;
  date_of_birth: string | null;
  village: string | null;
  phone: string | null;
  created_at: string;
  merged_into: string | null;
}

function toRow(p: DbPatient): PatientRow {
  return {
    id: p.id,
    name: p.name,
    sex: p.sex,
    dateOfBirth: p.date_of_birth,
    village: p.village,
    phone: p.phone,
    createdAt: p.created_at,
    mergedInto: p.merged_into,
  };
}

/** Patients that are likely the same person: same name key, compatible sex and birth date. */
export function findLikelyDuplicates(
  db: ClinicDatabase,
  identity: PatientIdentityInput,
  excludeId?: string,
): PatientRow[] {
  if (!identity.name) return [];
  const rows = db
    .prepare('SELECT * FROM patients WHERE name_key = ? AND merged_into IS NULL')
    .all(nameKey(identity.name)) as DbPatient[];
  return rows
    .filter((p) => p.id !== excludeId)
    .filter((p) => !identity.sex || !p.sex || p.sex === identity.sex)
    .filter(
      (p) =>
        !identity.dateOfBirth ||
        !p.date_of_birth ||
        daysApart(identity.dateOfBirth, p.date_of_birth) <= DUPLICATE_BIRTH_DATE_TOLERANCE_DAYS,
    )
    .map((p) => toRow(p));
}

/** Registers a patient; returns the likely duplicates found before it was added. */
export function insertPatient(db: ClinicDatabase, identity: PatientIdentityInput, now: string) {
  const duplicates = findLikelyDuplicates(db, identity);
  const id = randomUUID();
  const row = {
    id,
    name: identity.name ?? null,
    sex: identity.sex ?? null,
    date_of_birth: identity.dateOfBirth ?? null,
    village: identity.village ?? null,
    phone: identity.phone ?? null,
    created_at: now,
  };
  db.prepare(
    `INSERT INTO patients (id, name, name_key, sex, date_of_birth, village, phone, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    row.name,
    identity.name ? nameKey(identity.name) : null,
    row.sex,
    row.date_of_birth,
    row.village,
    row.phone,
    now,
    now,
  );
  return { id, duplicates };
}

/** The same person recorded exactly (name key, sex, birth date): a repeat visit. */
export function findExactPatient(
  db: ClinicDatabase,
  identity: PatientIdentityInput,
): PatientRow | undefined {
  if (!identity.name || !identity.dateOfBirth) return undefined;
  const row = db
    .prepare(
      `SELECT * FROM patients WHERE name_key = ? AND date_of_birth = ? AND merged_into IS NULL
       AND (sex IS ? OR ? IS NULL OR sex IS NULL) ORDER BY created_at LIMIT 1`,
    )
    .get(
      nameKey(identity.name),
      identity.dateOfBirth,
      identity.sex ?? null,
      identity.sex ?? null,
    ) as DbPatient | undefined;
  return row ? toRow(row) : undefined;
}

export function getPatient(db: ClinicDatabase, id: string): PatientRow | undefined {
  const row = db.prepare('SELECT * FROM patients WHERE id = ?').get(id) as DbPatient | undefined;
  return row ? toRow(row) : undefined;
}

/** Patients whose name contains all the words of the query (for search screens). */
export function searchPatients(db: ClinicDatabase, query: string, limit = 20): PatientRow[] {
  const words = nameKey(query)
    .split(' ')
    .filter((w) => w !== '');
  if (words.length === 0) return [];
  const where = words.map(() => "name_key LIKE ? ESCAPE '\\'").join(' AND ');
  const args = words.map((w) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return (
    db
      .prepare(
        `SELECT * FROM patients WHERE merged_into IS NULL AND ${where} ORDER BY name_key LIMIT ?`,
      )
      .all(...args, limit) as DbPatient[]
  ).map((p) => toRow(p));
}
