/**
 * Types of the drug-safety check: medicines, interaction rows, contraindications and alerts.
 */

/** Our severity scale, most severe first. ANSM and ONC levels map onto it (derive script). */
export type Severity = 'contraindicated' | 'major' | 'moderate' | 'minor';

/** Severity order for sorting: lower is more severe. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = {
  contraindicated: 0,
  major: 1,
  moderate: 2,
  minor: 3,
};

/** Groups used for allergy and cross-reactivity checks. */
export type AllergyGroup =
  | 'penicillin'
  | 'cephalosporin'
  | 'sulfonamide'
  | 'quinolone'
  | 'tetracycline'
  | 'aminoglycoside'
  | 'benzodiazepine'
  | 'artemisinin'
  | 'nsaid';

/** One medicine our checker knows: a formulary drug or a medicine a patient may already take. */
export interface Medicine {
  /** Stable kebab-case id, shared with the formulary (`drug` of a formulation). */
  readonly id: string;
  readonly name: string;
  /** Generic free-text names (no brands), matched after normalising. */
  readonly synonyms: readonly string[];
  /** Upper-case substance names as written in the ANSM thesaurus and the ONC list. */
  readonly sourceNames?: readonly string[];
  /** ANSM class codes this medicine belongs to beyond the class-members file (antacids, insulin). */
  readonly sourceClasses?: readonly string[];
  readonly allergyGroups?: readonly AllergyGroup[];
  /**
   * Given on the skin, eye or ear only: negligible systemic exposure, so systemic interaction
   * rows do not apply (tetracycline eye ointment with vitamin A is not the ANSM contraindication).
   */
  readonly topical?: boolean;
}

/** One interaction between two sides, each side a set of our medicine ids. */
export interface InteractionRow {
  readonly id: string;
  readonly a: readonly string[];
  readonly b: readonly string[];
  /** The source's own names for the two sides (a drug or a class). */
  readonly aName: string;
  readonly bName: string;
  readonly severity: Severity;
  readonly effect: string;
  readonly action: string;
  /** Source file and the original row's identity, e.g. `ansm_... interaction_id 722`. */
  readonly source: string;
}

export type AlertKind = 'interaction' | 'allergy' | 'pregnancy' | 'age';

export interface SafetyAlert {
  readonly kind: AlertKind;
  readonly severity: Severity;
  readonly drugs: readonly string[];
  readonly effect: string;
  readonly action: string;
  readonly source: string;
}

export interface SafetyInput {
  /** Our drug ids about to be given. */
  readonly drugs: readonly string[];
  /** Free text as the patient or record gives it. */
  readonly currentMedicines: readonly string[];
  /** Free text: drug names or groups ("penicillin", "sulfa"). */
  readonly allergies: readonly string[];
  readonly pregnant?: boolean;
  readonly ageMonths?: number;
  readonly ageDays?: number;
}

export interface SafetyReport {
  /** Most severe first. */
  readonly alerts: readonly SafetyAlert[];
  /** Current medicines that could not be matched: they were NOT checked. */
  readonly unknownMedicines: readonly string[];
  /** Allergy entries that could not be matched: they were NOT checked. */
  readonly unknownAllergies: readonly string[];
}
