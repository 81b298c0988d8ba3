/**
 * ORS for some dehydration, IMCI Plan B (imci-facts C.10): 75 ml/kg over 4 hours, and the
 * IMCI table range by weight, or by age only when the weight is not known (HB05 §23.2, V;
 * table V2). The table covers children under 5 years (up to 19 kg).
 */
import { WEIGHT_KG } from './limits.js';
import { checkRange, firstProblem, insufficientData, roundTo } from './result.js';
import type { InsufficientData, OutOfRange } from './result.js';

/** One row of the IMCI Plan B table. */
export interface PlanBBand {
  readonly label: string;
  readonly minMl: number;
  readonly maxMl: number;
  readonly basis: 'weight' | 'age';
}

/** Inputs of Plan B: weight preferred; age is used for the table only without a weight. */
export interface OrsPlanBInput {
  readonly weightKg?: number | undefined;
  readonly ageMonths?: number | undefined;
}

/** Volume for the first 4 hours. */
export type OrsPlanBResult =
  | {
      readonly kind: 'ok';
      /** 75 ml/kg, when the weight is known. */
      readonly volumeMl?: number;
      /** The IMCI table row, when the child falls in the table. */
      readonly band?: PlanBBand;
      readonly hours: 4;
    }
  | OutOfRange
  | InsufficientData;

/** ORS per kg over 4 h (HB05 §23.2, imci-facts C.10). */
export const PLAN_B_ML_PER_KG = 75;

// imci-facts C.10, Plan B table: up to 4 months (<6 kg) 200-400 ml; 4 up to 12 months
// (6-<10 kg) 400-700 ml; 12 months up to 2 years (10-<12 kg) 700-900 ml; 2 up to 5 years
// (12-19 kg) 900-1400 ml. Upper bounds are exclusive except 19 kg, the last row's "12-19".
const ROWS = [
  {
    label: 'up to 4 months (under 6 kg)',
    kg: (w: number) => w < 6,
    belowMonths: 4,
    minMl: 200,
    maxMl: 400,
  },
  {
    label: '4 up to 12 months (6 to under 10 kg)',
    kg: (w: number) => w < 10,
    belowMonths: 12,
    minMl: 400,
    maxMl: 700,
  },
  {
    label: '12 months up to 2 years (10 to under 12 kg)',
    kg: (w: number) => w < 12,
    belowMonths: 24,
    minMl: 700,
    maxMl: 900,
  },
  {
    label: '2 up to 5 years (12 to 19 kg)',
    kg: (w: number) => w <= 19,
    belowMonths: 60,
    minMl: 900,
    maxMl: 1400,
  },
] as const;

function tableBand(input: OrsPlanBInput): PlanBBand | undefined {
  const { weightKg, ageMonths } = input;
  const byWeight = weightKg !== undefined;
  const row = byWeight
    ? ROWS.find((r) => r.kg(weightKg))
    : ROWS.find((r) => (ageMonths ?? 0) < r.belowMonths);
  if (!row) return undefined;
  return {
    label: row.label,
    minMl: row.minMl,
    maxMl: row.maxMl,
    basis: byWeight ? 'weight' : 'age',
  };
}

/** Plan B volume: 75 ml/kg and the IMCI table row (weight first, age only as fallback). */
export function orsPlanB(input: OrsPlanBInput): OrsPlanBResult {
  if (input.weightKg === undefined && input.ageMonths === undefined) {
    return insufficientData(['weightKg or ageMonths']);
  }
  const bad = firstProblem(
    input.weightKg === undefined ? undefined : checkRange('weightKg', input.weightKg, WEIGHT_KG),
    input.ageMonths === undefined
      ? undefined
      : checkRange('ageMonths', input.ageMonths, { min: 0, max: 130 * 12 }),
  );
  if (bad) return bad;

  const band = tableBand(input);
  return {
    kind: 'ok',
    ...(input.weightKg === undefined
      ? {}
      : { volumeMl: roundTo(input.weightKg * PLAN_B_ML_PER_KG, 0) }),
    ...(band === undefined ? {} : { band }),
    hours: 4,
  };
}
