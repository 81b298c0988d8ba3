/**
 * Chooses the protocol by age: the young-infant chart before 2 months, the sick-child chart
 * from 2 months up to (not including) 5 years (imci-facts 0.3).
 */
import type { Edition, Protocol } from '../engine/types.js';

export type ProtocolChoice =
  | { kind: 'protocol'; protocol: Protocol; notes: string[] }
  | { kind: 'out-of-scope'; reason: string };

/** "Up to 5 years" means before the fifth birthday: 60 months is out (imci-facts 0.3). */
export const SICK_CHILD_UNTIL_MONTHS = 60;
/** "A child of exactly 2 months belongs to the child chart" (imci-facts 0.3). */
export const YOUNG_INFANT_UNTIL_MONTHS = 2;

/** Picks the protocol of an edition for an age, or says why none applies. */
export function selectProtocol(
  edition: Edition,
  age: { days: number | null; months: number | null },
): ProtocolChoice {
  const { months, days } = age;
  if (months === null && days === null) {
    return {
      kind: 'protocol',
      protocol: edition.sickChild,
      notes: ['age not given: the sick-child chart is used; age-dependent rules stay open'],
    };
  }
  const m = months ?? Math.floor((days ?? 0) / 30.4375);
  if (m >= SICK_CHILD_UNTIL_MONTHS) {
    return {
      kind: 'out-of-scope',
      reason: `age_months must be less than ${SICK_CHILD_UNTIL_MONTHS} for IMCI [${m}]: the child is 5 years or older`,
    };
  }
  if (m >= YOUNG_INFANT_UNTIL_MONTHS)
    return { kind: 'protocol', protocol: edition.sickChild, notes: [] };
  const notes: string[] = [];
  if (days !== null && days < edition.youngInfantFromDays) {
    notes.push(
      `${edition.name} starts its young-infant chart at ${edition.youngInfantFromDays} days; the infant is younger [${days} days]`,
    );
  }
  return { kind: 'protocol', protocol: edition.youngInfant, notes };
}
