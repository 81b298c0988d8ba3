/**
 * `checkSafety`: interactions, allergies, pregnancy and age for the drugs about to be given,
 * against what the patient already takes. Every unrecognised medicine or allergy is reported
 * back, because an unchecked entry must not look like a safe one.
 */
import { InputError } from '../../shared/errors.js';
import { allergyAlerts } from './allergies.js';
import { AGE_RULES, PREGNANCY_RULES, type StateRule } from './contraindications.js';
import { CURATED_INTERACTIONS } from './curated-interactions.js';
import { DERIVED_INTERACTIONS } from './data/interactions.js';
import { findMedicine } from './medicines.js';
import { parseMedicines } from './normalize.js';
import {
  SEVERITY_RANK,
  type InteractionRow,
  type SafetyAlert,
  type SafetyInput,
  type SafetyReport,
} from './types.js';

const ROWS: readonly InteractionRow[] = [...CURATED_INTERACTIONS, ...DERIVED_INTERACTIONS];
const DAYS_PER_MONTH = 30.4375;

/**
 * Checks the drugs about to be given. Alerts are sorted most severe first, then by kind.
 * @throws InputError when `drugs` holds an id that is not one of our medicines.
 */
export function checkSafety(input: SafetyInput): SafetyReport {
  const issues = input.drugs.flatMap((id, i) =>
    findMedicine(id) ? [] : [{ field: `drugs[${i}]`, message: `unknown drug id [${id}]` }],
  );
  if (issues.length > 0) throw new InputError(issues);

  const current = parseMedicines(input.currentMedicines);
  const allergy = allergyAlerts(input.drugs, input.allergies);
  const alerts = [
    ...interactionAlerts(input.drugs, current.ids),
    ...allergy.alerts,
    ...(input.pregnant === true ? stateAlerts(input.drugs, PREGNANCY_RULES) : []),
    ...ageAlerts(input),
  ];

  return {
    alerts: sortAlerts(dedupe(alerts)),
    unknownMedicines: current.unknown,
    unknownAllergies: allergy.unknown,
  };
}

/** Pairs of a drug to give with another drug to give or a current medicine. */
function interactionAlerts(drugs: readonly string[], current: readonly string[]): SafetyAlert[] {
  const alerts: SafetyAlert[] = [];
  const seen = new Set<string>();
  for (const [i, x] of drugs.entries()) {
    if (findMedicine(x)?.topical === true) continue;
    if (current.includes(x)) alerts.push(duplicate(x));
    for (const y of [...drugs.slice(i + 1), ...current]) {
      const key = [x, y].sort().join('|');
      if (x === y || seen.has(key) || findMedicine(y)?.topical === true) continue;
      seen.add(key);
      for (const row of ROWS) if (pairs(row, x, y)) alerts.push(fromRow(row, x, y));
    }
  }

  return alerts;
}

const pairs = (r: InteractionRow, x: string, y: string) =>
  (r.a.includes(x) && r.b.includes(y)) || (r.a.includes(y) && r.b.includes(x));

const fromRow = (r: InteractionRow, x: string, y: string): SafetyAlert => ({
  kind: 'interaction',
  severity: r.severity,
  drugs: [x, y],
  effect: `${r.effect} (${r.aName} + ${r.bName})`,
  action: r.action,
  source: r.source,
});

function duplicate(drug: string): SafetyAlert {
  return {
    kind: 'interaction',
    severity: 'moderate',
    drugs: [drug, drug],
    effect: 'The patient already takes this medicine: the new course would double it.',
    action: 'Check the current dose and schedule before giving another course.',
    source: 'MedAssist duplicate-therapy check (no external source)',
  };
}

function stateAlerts(drugs: readonly string[], rules: readonly StateRule[]): SafetyAlert[] {
  return rules.flatMap((r) =>
    drugs
      .filter((d) => r.drugs.includes(d))
      .map((d): SafetyAlert => ({
        kind: r.kind,
        severity: r.severity,
        drugs: [d],
        effect: r.effect,
        action: r.action,
        source: r.source,
      })),
  );
}

function ageAlerts(input: SafetyInput): SafetyAlert[] {
  const months =
    input.ageMonths ?? (input.ageDays === undefined ? undefined : input.ageDays / DAYS_PER_MONTH);
  if (months === undefined) return [];
  const applies = (r: StateRule) =>
    months >= (r.minMonths ?? 0) && months < (r.maxMonths ?? Infinity);

  return stateAlerts(input.drugs, AGE_RULES.filter(applies));
}

function dedupe(alerts: readonly SafetyAlert[]): SafetyAlert[] {
  const seen = new Set<string>();
  return alerts.filter((a) => {
    const key = `${a.kind}|${a.drugs.join(',')}|${a.severity}|${a.effect}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const KIND_ORDER = { allergy: 0, interaction: 1, pregnancy: 2, age: 3 } as const;

/** Most severe first; at equal severity allergy, interaction, pregnancy, age. */
export function sortAlerts(alerts: readonly SafetyAlert[]): SafetyAlert[] {
  return [...alerts].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind],
  );
}
