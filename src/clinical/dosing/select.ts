/**
 * Choosing the chart row and the product. The row is chosen by weight when the weight is known
 * and by age only when it is not (HB05 p.91; imci-facts C intro). The product is the most
 * practical one in stock: see `chooseCandidate`.
 */
import { findFormulation } from './formulary.js';
import { ageInMonths } from './patient.js';
import type { DosingPatient, InsufficientData, NotInStock, OutOfRange } from './result.js';
import { isMultipleOf, nearestStep } from './rounding.js';
import type { Band, Formulation, Regimen } from './types.js';

export type BandPick<B extends Band = Band> =
  | { readonly kind: 'band'; readonly band: B; readonly basis: 'weight' | 'age' }
  | InsufficientData
  | OutOfRange;

const hasWeight = (b: Band) => b.minKg !== undefined || b.maxKg !== undefined;

function fitsWeight(b: Band, kg: number): boolean {
  if (b.minKg !== undefined && kg < b.minKg) return false;
  if (b.maxKg === undefined) return true;

  return b.maxInclusive === true ? kg <= b.maxKg : kg < b.maxKg;
}

function fitsAge(b: Band, months: number): boolean {
  if (b.minMonths !== undefined && months < b.minMonths) return false;

  return b.maxMonths === undefined || months < b.maxMonths;
}

/** The range a table covers on one axis; an open row leaves that side open. */
function coverage(bands: readonly Band[], axis: 'kg' | 'months'): OutOfRange['range'] {
  const mins = bands.map((b) => (axis === 'kg' ? b.minKg : b.minMonths));
  const maxes = bands.map((b) => (axis === 'kg' ? b.maxKg : b.maxMonths));
  const top = bands[bands.length - 1];
  const range: { min?: number; max?: number; maxInclusive?: boolean } = {};
  if (mins.every((m) => m !== undefined)) range.min = Math.min(...mins);
  if (maxes.every((m) => m !== undefined)) range.max = Math.max(...maxes);
  if (axis === 'kg' && range.max !== undefined && top?.maxInclusive === true) {
    range.maxInclusive = true;
  }

  return range;
}

/** The row for this patient, or why there is none. */
export function pickBand<B extends Band>(
  regimenId: string,
  bands: readonly B[],
  patient: DosingPatient,
  byWeight: boolean,
): BandPick<B> {
  const kg = patient.weightKg;
  if (byWeight && kg !== undefined && bands.every(hasWeight)) {
    const band = bands.find((b) => fitsWeight(b, kg));
    if (band) return { kind: 'band', band, basis: 'weight' };

    return {
      kind: 'out-of-range',
      regimenId,
      field: 'weightKg',
      value: kg,
      range: coverage(bands, 'kg'),
    };
  }

  const months = ageInMonths(patient);
  if (months === undefined) {
    const missing = byWeight && bands.every(hasWeight) ? ['weightKg', 'ageMonths'] : ['ageMonths'];
    return {
      kind: 'insufficient-data',
      regimenId,
      missing: missing as InsufficientData['missing'],
    };
  }
  const band = bands.find((b) => fitsAge(b, months));
  if (band) return { kind: 'band', band, basis: 'age' };
  const field = patient.ageMonths === undefined ? 'ageDays' : 'ageMonths';
  const value = patient.ageMonths ?? patient.ageDays ?? months;

  return { kind: 'out-of-range', regimenId, field, value, range: coverage(bands, 'months') };
}

/** Amount of `f` for a chart row: the printed one, else computed from the row's dose. */
export function bandAmount(band: Band, f: Formulation): number | undefined {
  const printed = band.printed?.[f.id];
  if (printed !== undefined) return printed;
  if (band.dose === undefined || f.contentPerUnit === undefined) return undefined;

  // A product the chart does not print is usable only if a givable amount comes within 10 %
  // of the row's dose (125 mg/5 ml syrup for a 250 mg row: 10 ml).
  const exact = band.dose / f.contentPerUnit;
  const rounded = nearestStep(exact, f.step);
  if (rounded <= 0 || Math.abs(rounded - exact) > 0.1 * exact + 1e-9) return undefined;

  return rounded;
}

/** A product with the amount it would take, and whether that amount is in the safe range. */
export interface Candidate {
  readonly formulation: Formulation;
  readonly amount: number;
  readonly inRange: boolean;
  readonly printed: boolean;
}

/**
 * The most practical candidate: first one whose dose is inside the range, then one the chart
 * prints, then the regimen's preferred kind of unit (tablets before syrup where the regimen
 * lists tablets first), then a whole tablet or capsule over a split one of the same unit
 * (vitamin A 1 x 100 000 IU rather than ½ x 200 000 IU) and a half over a quarter, then fewer
 * tablets or capsules (ciprofloxacin 1 x 500 mg rather than 2 x 250 mg), then the regimen's order. Volumes are not
 * compared: a smaller injection volume of a stronger vial is not more accurate for an infant.
 */
export function chooseCandidate(
  candidates: readonly Candidate[],
  preference: readonly string[],
): Candidate | undefined {
  const unitOrder = (c: Candidate) =>
    preference.findIndex((id) => findFormulation(id)?.unit === c.formulation.unit);
  const countable = (c: Candidate) => c.formulation.unit !== 'ml';
  // 0 whole, 1 halved, 2 quartered: halving a tablet is easier and more even than quartering.
  const split = (c: Candidate) => {
    if (!countable(c) || isMultipleOf(c.amount, 1)) return 0;
    return isMultipleOf(c.amount, 0.5) ? 1 : 2;
  };
  const keys = (c: Candidate) => [
    c.inRange ? 0 : 1,
    c.printed ? 0 : 1,
    unitOrder(c),
    split(c),
    countable(c) ? c.amount : 0,
    preference.indexOf(c.formulation.id),
  ];

  return [...candidates].sort((a, b) => compareKeys(keys(a), keys(b)))[0];
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i += 1) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }

  return 0;
}

/** The regimen's products, in its order of preference. */
export function productsOf(regimen: Regimen): Formulation[] {
  return regimen.formulations.map((id) => findFormulation(id)).filter((f) => f !== undefined);
}

/** The best candidate in stock, or which products would have allowed the dose. */
export function fromCandidates(
  regimen: Regimen,
  all: readonly Candidate[],
  stock: ReadonlySet<string>,
): Candidate | NotInStock {
  const inStock = all.filter((c) => stock.has(c.formulation.id));
  const best = chooseCandidate(inStock, regimen.formulations);
  if (best) return best;

  const needed = all.filter((c) => c.inRange).map((c) => c.formulation.id);
  return { kind: 'not-in-stock', regimenId: regimen.id, needed };
}
