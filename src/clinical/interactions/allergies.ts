/**
 * Allergy checks: a drug the patient is allergic to, a drug of the same group, and the known
 * cross-reactions between groups. An allergy to one drug counts as an allergy to its group
 * (amoxicillin allergy -> no ampicillin, no benzylpenicillin).
 */
import { findMedicine } from './medicines.js';
import { matchAllergy } from './normalize.js';
import type { AllergyGroup, SafetyAlert, Severity } from './types.js';

const BNF = 'WHO Model Formulary 2008, penicillins and cephalosporins (K)';

interface CrossReaction {
  readonly allergy: AllergyGroup;
  readonly group: AllergyGroup;
  readonly severity: Severity;
  readonly effect: string;
  readonly action: string;
}

// Penicillin and cephalosporin allergies cross-react in a small share of patients (about 1-2 %
// with third-generation cephalosporins such as ceftriaxone), more after anaphylaxis.
const CROSS: readonly CrossReaction[] = [
  {
    allergy: 'penicillin',
    group: 'cephalosporin',
    severity: 'major',
    effect: 'Cross-reactivity between penicillin and cephalosporin allergy (low with ceftriaxone).',
    action:
      'Do not give if the penicillin reaction was anaphylaxis, angioedema or a severe rash; ' +
      'otherwise give with observation and adrenaline ready.',
  },
  {
    allergy: 'cephalosporin',
    group: 'penicillin',
    severity: 'major',
    effect: 'Cross-reactivity between cephalosporin and penicillin allergy.',
    action: 'Avoid if the cephalosporin reaction was severe; otherwise give with observation.',
  },
];

/** Allergy alerts for the drugs about to be given, and the allergy entries not recognised. */
export function allergyAlerts(
  drugs: readonly string[],
  allergies: readonly string[],
): { alerts: SafetyAlert[]; unknown: string[] } {
  const groups = new Set<AllergyGroup>();
  const ids = new Set<string>();
  const unknown: string[] = [];
  for (const text of allergies) {
    if (text.trim() === '') continue;
    const found = matchAllergy(text);
    if (!found) unknown.push(text);
    found?.groups.forEach((g) => groups.add(g));
    found?.ids.forEach((id) => ids.add(id));
  }

  const alerts = drugs.flatMap((drug) => alertsFor(drug, ids, groups));
  return { alerts, unknown };
}

function alertsFor(drug: string, ids: ReadonlySet<string>, groups: ReadonlySet<AllergyGroup>) {
  const own = findMedicine(drug)?.allergyGroups ?? [];
  const hit = ids.has(drug) ? drug : own.find((g) => groups.has(g));
  if (hit !== undefined) {
    return [
      {
        kind: 'allergy',
        severity: 'contraindicated',
        drugs: [drug],
        effect: `Allergy reported to ${hit === drug ? 'this medicine' : `the ${hit} group`}.`,
        action: 'Do not give; choose an antibiotic or medicine of another group.',
        source: 'reported allergy; drug group per WHO Model Formulary 2008 (K)',
      } satisfies SafetyAlert,
    ];
  }

  return CROSS.filter((c) => groups.has(c.allergy) && own.includes(c.group)).map(
    (c): SafetyAlert => ({
      kind: 'allergy',
      severity: c.severity,
      drugs: [drug],
      effect: c.effect,
      action: c.action,
      source: BNF,
    }),
  );
}
