/**
 * Small constructors that keep the protocol tables readable. They build plain data only.
 */
import type { Condition, Threshold } from '../engine/condition.js';
import type { Citation, ClassificationRow, Severity, TreatmentRef } from '../engine/types.js';

/** A boolean finding is recorded as present. */
export const yes = (fact: string): Condition => ({ fact, is: true });
/** A boolean finding is recorded as absent. */
export const no = (fact: string): Condition => ({ fact, is: false });
/** A finding is present, or assumed absent when not recorded (the assumption is reported). */
/**
 * A sign recorded as present. An unrecorded sign counts as not present here: used where a main
 * symptom answered "no" must close its box unless a sign of the box was seen.
 */
export const recordedYes = (fact: string): Condition => ({
  all: [
    { fact, present: true },
    { fact, is: true },
  ],
});
/** A number recorded and at or above the threshold; unrecorded counts as below. */
export const recordedGte = (fact: string, t: Threshold): Condition => ({
  all: [
    { fact, present: true },
    { fact, gte: t },
  ],
});
export const yesElseNo = (fact: string): Condition => ({ fact, is: true, assume: false });
export const eq = (fact: string, value: string): Condition => ({ fact, eq: value });
export const oneOf = (fact: string, values: readonly string[]): Condition => ({ fact, in: values });
export const gte = (fact: string, t: Threshold): Condition => ({ fact, gte: t });
export const gt = (fact: string, t: Threshold): Condition => ({ fact, gt: t });
export const lt = (fact: string, t: Threshold): Condition => ({ fact, lt: t });
export const between = (fact: string, from: Threshold, below: Threshold): Condition => ({
  fact,
  gte: from,
  lt: below,
});
export const present = (fact: string): Condition => ({ fact, present: true });
export const derived = (id: string): Condition => ({ derived: id });
export const classified = (id: string): Condition => ({ classified: id });
/** Another classification of this visit means urgent referral. */
export const otherUrgent: Condition = { classified: '*urgent*' };
export const all = (...of: Condition[]): Condition => ({ all: of });
export const any = (...of: Condition[]): Condition => ({ any: of });
export const not = (c: Condition): Condition => ({ not: c });
export const atLeast = (n: number, ...of: Condition[]): Condition => ({ atLeast: n, of });
export const always: Condition = { always: true };
export const param = (name: string): Threshold => ({ param: name });

/** Kebab-case of an official classification name: `FEVER: NO MALARIA` → `fever-no-malaria`. */
export function classificationIdOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

interface RowSpec {
  id: string;
  name: string;
  severity: Severity;
  when: Condition;
  referral?: 'urgent';
  treatments?: readonly TreatmentRef[];
  followUpDays?: number;
  followUpNote?: string;
  counselling?: readonly string[];
  citation: Citation;
  /** Overrides the id the knowledge base uses, e.g. `yi-severe-dehydration`. */
  classificationId?: string;
}

/** A classification row with defaults filled in. */
export function row(spec: RowSpec): ClassificationRow {
  const { classificationId, treatments, counselling, ...rest } = spec;
  return {
    ...rest,
    classificationId: classificationId ?? classificationIdOf(spec.name),
    treatments: treatments ?? [],
    counselling: counselling ?? [],
  };
}

export const give = (regimen: string, extra: Omit<TreatmentRef, 'regimen'> = {}): TreatmentRef => ({
  regimen,
  ...extra,
});
export const act = (action: string, extra: Omit<TreatmentRef, 'action'> = {}): TreatmentRef => ({
  action,
  ...extra,
});
