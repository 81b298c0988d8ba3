/**
 * The words of one dosed treatment line: drug, amount of the formulation, how often, how long.
 */
import type { DosedTreatment } from '../../clinical/assess/doses.js';

export function describeTreatment(t: DosedTreatment): string {
  if (t.coveredBy !== null) return `${t.id}: covered by ${t.coveredBy}`;
  const d = t.dose;
  if (d === null) return t.id;
  switch (d.kind) {
    case 'ok': {
      const often =
        d.frequencyPerDay === 'as-needed' ? 'as needed' : `${d.frequencyPerDay} times a day`;
      const mgkg = d.mgPerKg === undefined ? '' : ` (${d.mgPerKg} mg/kg)`;
      const days = d.durationDays === undefined ? '' : ` for ${d.durationDays} days`;
      return `${d.drug}: ${d.amount.text} of ${d.formulation}${mgkg}, ${d.route}, ${often}${days}. ${d.timing}`.trim();
    }
    case 'insufficient-data':
      return `${t.id}: dose needs ${d.missing.join(' or ')}`;
    case 'out-of-range':
      return `${t.id}: ${d.field} [${d.value}] is outside the dosing table`;
    case 'not-in-stock':
      return `${t.id}: not in stock; needs one of ${d.needed.join(', ')}`;
  }
}
