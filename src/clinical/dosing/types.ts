/**
 * Types of the formulary, the regimens and the prescription result.
 *
 * Band notation follows the charts: "A up to B" is >= A and < B (imci-facts 0.3, HB05 p.21);
 * a band whose upper edge the chart prints as inclusive ("14-19 kg") sets `maxInclusive`.
 */

/** The unit a health worker counts when giving a dose. */
export type DoseUnit =
  'tablet' | 'ml' | 'capsule' | 'suppository' | 'puff' | 'sachet' | 'application' | 'drop';

/** Physical form of a stocked product. */
export type FormulationForm =
  | 'tablet'
  | 'dispersible-tablet'
  | 'syrup'
  | 'capsule'
  | 'rectal-capsule'
  | 'rectal-solution'
  | 'injection'
  | 'inhaler'
  | 'eye-ointment'
  | 'ear-drops'
  | 'topical-solution'
  | 'oral-powder'
  | 'oral-solution'
  | 'paste'
  | 'iv-fluid';

/** Unit of the active content: mg, IU, units (penicillin), µg, kcal (RUTF), ml (fluids). */
export type ContentUnit = 'mg' | 'IU' | 'U' | 'µg' | 'kcal' | 'ml';

/** How a medicine is given. */
export type Route = 'oral' | 'rectal' | 'IM' | 'IV' | 'inhaled' | 'eye' | 'ear' | 'skin' | 'mouth';

/** A product a clinic stocks, with what amounts of it can actually be given. */
export interface Formulation {
  /** Stable kebab-case id, e.g. `amoxicillin-tab-250mg`. */
  readonly id: string;
  /** Drug id shared with the interaction checker, e.g. `amoxicillin`. */
  readonly drug: string;
  readonly form: FormulationForm;
  /** Label as on the chart, e.g. `250 mg/5 ml`. */
  readonly strength: string;
  /** Active content per one `unit` (mg per tablet, mg per ml, IU per capsule); absent for topicals. */
  readonly contentPerUnit?: number;
  readonly contentUnit?: ContentUnit;
  readonly unit: DoseUnit;
  /** Smallest amount that can be measured or split: 0.5 tablet, 0.25 tablet, 0.5 ml, 0.1 ml, 1. */
  readonly step: number;
  readonly route: Route;
  /** Preparation the worker must do first (reconstitution, dilution). */
  readonly preparation?: string;
  /** Caveats printed with every prescription that uses this product. */
  readonly warnings?: readonly string[];
  readonly source: string;
}

/** Chart editions and guidelines a regimen comes from (imci-facts 0.2). */
export type Edition = 'CB14' | 'HB05' | 'YI19' | 'PSBI15' | 'PNEU14' | 'PB13' | 'WHO';

/** One row of a chart table. Bounds absent on one side mean open on that side. */
export interface Band {
  readonly minKg?: number;
  readonly maxKg?: number;
  readonly minMonths?: number;
  readonly maxMonths?: number;
  /** The upper weight edge is printed inclusive on the chart ("14-19 kg"). */
  readonly maxInclusive?: boolean;
  /** Text of the row as the chart prints it. */
  readonly label: string;
  /** Dose as content (mg/IU) used to compute amounts for products the chart does not print. */
  readonly dose?: number;
  /** Amounts the chart prints, by formulation id. */
  readonly printed?: Readonly<Record<string, number>>;
}

/** mg/kg per dose; the per-dose ceiling is min(maxPerDose, maxPerKg * weight). */
export interface PerKgRule {
  readonly kind: 'per-kg';
  readonly perKg: number;
  /** Lowest acceptable per-kg dose after rounding; defaults to 85 % of `perKg`. */
  readonly minPerKg?: number;
  /** Highest per-kg dose; the syrup range takes its maximum from this. */
  readonly maxPerKg?: number;
  readonly maxPerDose?: number;
  /** Different per-kg values by age or weight (gentamicin by age, artesunate by weight). */
  readonly variants?: readonly PerKgVariant[];
  /** Chart rows to use by age when the weight is unknown (HB05 p.91). */
  readonly ageFallback?: readonly Band[];
}

export interface PerKgVariant {
  readonly belowAgeDays?: number;
  readonly belowKg?: number;
  readonly perKg: number;
  readonly note: string;
}

/** A chart table: row chosen by weight when known, else by age (HB05 p.91; C intro). */
export interface BandRule {
  readonly kind: 'bands';
  /** `weight-or-age` tables carry both; `age` tables (vitamin A, zinc) carry age only. */
  readonly basis: 'weight-or-age' | 'age';
  readonly bands: readonly Band[];
  /** Target per-kg dose; a chart row that delivers less raises a warning (PNEU14 >= 40 mg/kg). */
  readonly targetMinPerKg?: number;
}

/** The same amount for everyone in the age range (salbutamol puffs, eye ointment). */
export interface FixedRule {
  readonly kind: 'fixed';
  readonly amount: number;
  readonly amountText?: string;
  readonly minMonths?: number;
  readonly maxMonths?: number;
}

/** Fluid plans of HB05 Annex A and C.10: volumes in ml. */
export interface FluidRule {
  readonly kind: 'plan-a' | 'plan-b' | 'plan-c';
}

/** RUTF: kcal per kg per day, converted to sachets per day. */
export interface EnergyRule {
  readonly kind: 'energy-per-kg';
  readonly minKcalPerKgDay: number;
  readonly maxKcalPerKgDay: number;
  readonly minMonths: number;
}

export type DoseRule = PerKgRule | BandRule | FixedRule | FluidRule | EnergyRule;

/** How long a regimen runs. */
export type Duration =
  | { readonly kind: 'days'; readonly days: number }
  | { readonly kind: 'single-dose' }
  | { readonly kind: 'pre-referral' }
  | { readonly kind: 'ongoing'; readonly text: string }
  | { readonly kind: 'until'; readonly text: string };

/** One way to treat one indication with one drug, as a chart prints it. */
export interface Regimen {
  readonly id: string;
  readonly drug: string;
  readonly indication: string;
  readonly editions: readonly Edition[];
  readonly rule: DoseRule;
  /** Doses per day (a trial or one-off: doses in that day); `as-needed` for ORS per stool. */
  readonly frequencyPerDay: number | 'as-needed';
  readonly duration: Duration;
  readonly route: Route;
  /** Formulation ids in order of preference; the first suitable one in stock is chosen. */
  readonly formulations: readonly string[];
  readonly timing: string;
  readonly citation: string;
  /** Caveats always shown with this regimen (FLAGs, unverified K values). */
  readonly warnings?: readonly string[];
}
