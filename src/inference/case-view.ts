/**
 * What the model may see of a case: built by allow-list, never by removing fields, so a field
 * added to the case later stays out until someone decides it may go in. No name, date of
 * birth, village, phone, patient id, case id, visit date or free text: age in months, sex, measurements,
 * findings of the controlled vocabulary (free-text findings left out), and medicines and
 * allergies only as the drug ids they resolve to.
 */
import type { ClinicalCase } from '../clinical/case/clinical-case.js';
import { FINDINGS, isFindingKey } from '../clinical/case/vocabulary.js';
import { matchAllergy, matchMedicine } from '../clinical/interactions/normalize.js';

export interface CaseView {
  ageMonths: number | null;
  ageDays: number | null;
  sex: 'male' | 'female' | null;
  weightKg: number | null;
  temperatureC: number | null;
  heightCm: number | null;
  pregnant: boolean | null;
  /** Findings of the controlled vocabulary with boolean, number or enumerated values. */
  findings: Readonly<Record<string, boolean | number | string>>;
  medicines: readonly string[];
  allergies: readonly string[];
}

function allowedFindings(c: ClinicalCase): Record<string, boolean | number | string> {
  const out: Record<string, boolean | number | string> = {};
  for (const [key, value] of Object.entries(c.findings)) {
    if (!isFindingKey(key) || value === undefined || value === null) continue;
    const spec = FINDINGS[key];
    if (spec.type === 'string') continue;
    if (spec.type === 'enum' && !(spec.values ?? []).includes(String(value))) continue;
    if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string')
      out[key] = value;
  }
  return out;
}

const drugIds = (names: readonly string[]) => [
  ...new Set(names.flatMap((name) => matchMedicine(name) ?? [])),
];

const allergyIds = (names: readonly string[]) => [
  ...new Set(
    names.flatMap((name) => {
      const m = matchAllergy(name);
      return m ? [...m.groups, ...m.ids] : [];
    }),
  ),
];

export function buildCaseView(c: ClinicalCase): CaseView {
  const p = c.patient;
  // Days of life with the visit date give the date of birth: only young infants, whose
  // chart is read in days (IMCI chart booklet 2014, "Sick young infant"), get them.
  const infant = p.age.months !== null && p.age.months < 2;

  return {
    ageMonths: p.age.months,
    ageDays: infant ? p.age.days : null,
    sex: p.sex ?? null,
    weightKg: p.weightKg ?? null,
    temperatureC: p.temperatureC ?? null,
    heightCm: p.heightCm ?? null,
    pregnant: p.pregnant ?? null,
    findings: allowedFindings(c),
    medicines: drugIds(p.medicines),
    allergies: allergyIds(p.allergies),
  };
}
