/**
 * Findings computed from measurements when the case does not state them: weight-for-length/
 * height z from weight, length or height, sex and age (WHO 2006 standards, imci-facts E.4).
 * A stated `wfh_z` always wins; no z is computed with oedema of both feet (anthro rule), and
 * never from an estimated weight (imci-facts E.5 FLAG: cases only carry measured weights).
 */
import type { ClinicalCase } from '../../clinical/case/index.js';
import type { FactValue } from '../../clinical/engine/condition.js';
import { weightForLengthHeight } from '../../clinical/growth/index.js';

export function deriveAnthropometry(
  c: ClinicalCase,
): Readonly<Record<string, FactValue | undefined>> {
  const findings: Record<string, FactValue | undefined> = { ...c.findings };
  const { weightKg, heightCm, sex, age, heightMeasured } = c.patient;
  if (findings.wfh_z !== undefined || weightKg === undefined || heightCm === undefined || !sex) {
    return findings;
  }
  if (findings.oedema_both_feet === true) return findings;
  const z = weightForLengthHeight({
    sex,
    weightKg,
    lengthOrHeightCm: heightCm,
    ...(heightMeasured === undefined ? {} : { measured: heightMeasured }),
    ...(age.days === null ? {} : { ageDays: age.days }),
    ...(age.months === null ? {} : { ageMonths: age.months }),
  });
  if (z.kind === 'ok') findings.wfh_z = z.z;
  return findings;
}
