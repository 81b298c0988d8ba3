/**
 * The shape of one finding in the controlled vocabulary of the neutral case format
 * (../shared/cases/VOCABULARY.md §3). The vocabulary data lives in the `findings-*.ts` files
 * and is assembled in `vocabulary.ts`.
 */

/**
 * The chart boxes of the IMCI sick-child and young-infant charts, with the names the neutral
 * format uses in `assessed_boxes` (VOCABULARY.md §1), plus `hiv` (CB14 HIV box, imci-facts A.8)
 * and `other` for keys that belong to no IMCI box.
 */
export const CHART_BOXES = [
  'general_danger_signs',
  'cough_or_difficult_breathing',
  'diarrhoea',
  'fever',
  'ear',
  'malnutrition',
  'anaemia',
  'immunization',
  'hiv',
  'young_infant_bacterial_infection',
  'young_infant_diarrhoea',
  'young_infant_feeding',
  'young_infant_jaundice',
  'other',
] as const;

/** One chart box name, as listed in {@link CHART_BOXES}. */
export type ChartBox = (typeof CHART_BOXES)[number];

/** The value types a finding can have (VOCABULARY.md §3: b, n, e, s). */
export type FindingType = 'boolean' | 'number' | 'enum' | 'string';

/** An inclusive range of physiologically plausible values for a numeric finding. */
export interface PlausibleRange {
  readonly min: number;
  readonly max: number;
}

/**
 * One finding of the vocabulary.
 *
 * `range` is a plausibility bound for input checking, never a clinical threshold: a value
 * outside it is refused as a typing or device error before any rule sees it.
 */
export interface FindingSpec {
  readonly type: FindingType;
  /** Unit of a number, e.g. `breaths/min`. */
  readonly unit?: string;
  /** Allowed values of an enum, in chart order. */
  readonly values?: readonly string[];
  /** Inclusive plausible range of a number. */
  readonly range?: PlausibleRange;
  /** The chart box that asks for this finding. */
  readonly box: ChartBox;
  /** What the finding means, from VOCABULARY.md §3. */
  readonly description: string;
  /** The chart question in our own words, for "what to ask next". */
  readonly question: string;
}

/**
 * Plausibility bound for durations in days (cough, diarrhoea, fever, ear discharge): zero to one
 * year. Chosen by us: the chart's longest duration cut-off is 14 days (imci-facts A.2, A.3), and
 * a duration of more than a year is a typing error rather than a history.
 */
export const DURATION_DAYS_RANGE: PlausibleRange = { min: 0, max: 365 };

/**
 * Plausibility bound for a respiratory rate in breaths per minute, for every age. Chosen by us:
 * wide around the PALS 2006 reference ranges (infant 30-60, adolescent 12-16; imci-facts E.12)
 * and the IMCI cut-offs 40/50/60 (imci-facts A.2), so that 0 (not counted) and 300 (typing
 * error) are refused while any rate a person can have is accepted.
 */
export const RESPIRATORY_RATE_RANGE: PlausibleRange = { min: 5, max: 150 };
