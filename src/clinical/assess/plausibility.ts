/**
 * A weight that cannot belong to a child of this age is a data-entry error (a wrong unit, a
 * mistyped age), and doses computed from it would be dangerous: it is refused. WHO anthro flags
 * weight-for-age z below −6 or above +5 as biologically implausible (imci-facts E.4, ANTHRO).
 */
import type { ClinicalCase } from '../case/index.js';
import { weightForAge } from '../growth/index.js';
import { InputError } from '../../shared/errors.js';

export const IMPLAUSIBLE_WAZ_BELOW = -6;
export const IMPLAUSIBLE_WAZ_ABOVE = 5;

function waz(c: ClinicalCase, sex: 'male' | 'female'): number | null {
  const { age, weightKg } = c.patient;
  if (weightKg === undefined) return null;
  const r = weightForAge({
    sex,
    weightKg,
    ...(age.days === null ? {} : { ageDays: age.days }),
    ...(age.months === null ? {} : { ageMonths: age.months }),
  });
  return r.kind === 'ok' ? r.z : null;
}

/** Throws when the weight is implausible for the age (for both sexes when sex is unknown). */
export function assertPlausibleWeight(c: ClinicalCase): void {
  const { age, weightKg, sex } = c.patient;
  if (weightKg === undefined || (age.days === null && age.months === null)) return;
  const zs = (sex ? [sex] : (['male', 'female'] as const)).map((s) => waz(c, s));
  if (zs.some((z) => z === null)) return;
  const implausible = (z: number | null) =>
    z !== null && (z < IMPLAUSIBLE_WAZ_BELOW || z > IMPLAUSIBLE_WAZ_ABOVE);
  if (!zs.every(implausible)) return;
  const shown = zs.map((z) => (z === null ? '?' : z.toFixed(1))).join(' / ');
  const ageText =
    age.months !== null && age.months >= 2 ? `${age.months} months` : `${age.days ?? '?'} days`;
  throw new InputError([
    {
      field: 'patient.weight_kg',
      message: `[${weightKg}] kg is not plausible at ${ageText} (weight-for-age z ${shown}; WHO flags below ${IMPLAUSIBLE_WAZ_BELOW} or above +${IMPLAUSIBLE_WAZ_ABOVE}): check the weight, its unit and the age`,
    },
  ]);
}
