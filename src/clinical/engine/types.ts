/**
 * Guideline protocols as data. An edition is a set of protocols (sick child, young infant),
 * each a list of classification tables ("groups") read top (pink) to bottom (green), as the
 * chart booklets are read (imci-facts 0.3, "Order of classification").
 */
import type { Condition, FactValue } from './condition.js';

/** The three IMCI colours and what they mean for the health worker (imci-facts 0.3). */
export type Severity = 'urgent-referral' | 'specific-treatment' | 'home-care';

/** Where a rule comes from: document, edition, section (STYLE.md, "Comments"). */
export interface Citation {
  document: string;
  edition: string;
  section: string;
  /** The row of ../shared/clinical/imci-facts.md that carries the source and its tag. */
  facts?: string;
}

/** A treatment or action of a row; `when` narrows it (e.g. "if wheezing"). */
export interface TreatmentRef {
  /** A dosing regimen id (src/clinical/dosing), when a drug or fluid plan is given. */
  regimen?: string;
  /** A non-drug action id, e.g. `refer-urgently`, `refer-for-assessment`, `prevent-low-blood-sugar`. */
  action?: string;
  when?: Condition;
  /** Pre-referral treatment is given before the child leaves; the rest waits or is given at home. */
  phase?: 'pre-referral' | 'clinic' | 'home';
  note?: string;
  /**
   * Treatments that are alternatives for one need share a slot: the first classification that
   * fills it wins (one "first dose of an appropriate antibiotic" before referral, not three).
   */
  slot?: string;
}

/** One row of a classification table. */
export interface ClassificationRow {
  /** Stable id, unique in the protocol, e.g. `cough.pneumonia`; overlays replace rows by id. */
  id: string;
  /** The official classification name, as printed (upper case). */
  name: string;
  /** Kebab-case of the name; the knowledge base links passages to it. */
  classificationId: string;
  severity: Severity;
  when: Condition;
  /** `urgent`: the classification itself means urgent referral. */
  referral?: 'urgent';
  treatments: readonly TreatmentRef[];
  followUpDays?: number;
  followUpNote?: string;
  counselling: readonly string[];
  citation: Citation;
}

/** A question of a table, asked only when `when` is not false. */
export interface AssessItem {
  key: string;
  when?: Condition;
}

/** One classification table (or one part of it, e.g. persistent diarrhoea). */
export interface Group {
  id: string;
  /** The chart box, as in the neutral case format's `assessed_boxes`. */
  box: string;
  title: string;
  /** The table is used when this holds (its main symptom, or a sign of the box is present). */
  entry: Condition;
  assess: readonly AssessItem[];
  rows: readonly ClassificationRow[];
}

/** Findings that are not valid observations when `when` holds (e.g. child not calm). */
export interface Invalidation {
  id: string;
  when: Condition;
  facts: readonly string[];
  message: string;
  citation: Citation;
}

/** A finding that follows from another when it was not recorded (e.g. yellow palms: jaundice). */
export interface Implication {
  id: string;
  when: Condition;
  set: Readonly<Record<string, FactValue>>;
  citation: Citation;
}

/** One protocol: a population and its tables. */
export interface Protocol {
  id: string;
  edition: string;
  title: string;
  document: string;
  population: 'sick-child' | 'young-infant';
  params: Readonly<Record<string, number>>;
  derived: Readonly<Record<string, Condition>>;
  implications: readonly Implication[];
  invalidations: readonly Invalidation[];
  /**
   * Signs that mean urgent referral by themselves where the edition has no classification row
   * for them (HB05: "a child with any general danger sign needs urgent attention").
   */
  urgentSigns?: { when: Condition; treatments: readonly TreatmentRef[]; citation: Citation };
  /** Questions asked of every patient of this protocol (danger signs, main symptoms). */
  alwaysAsk: readonly AssessItem[];
  groups: readonly Group[];
}

/** An edition: the protocols it holds, chosen by age. */
export interface Edition {
  id: string;
  name: string;
  document: string;
  sickChild: Protocol;
  youngInfant: Protocol;
  /** Lower bound of the young-infant chart in days (HB05 starts at 1 week; imci-facts G15). */
  youngInfantFromDays: number;
}
