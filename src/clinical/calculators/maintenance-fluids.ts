/**
 * Maintenance fluids by weight (imci-facts E.6): Holliday-Segar 100/50/20 ml/kg/day
 * (4/2/1 ml/kg/h), or the WHO Pocket Book 2013 variant 100/50/25 ml/kg/day (FLAG: the two
 * differ above 20 kg). Neither adds the fever allowance (+10 % per °C).
 */
import { WEIGHT_KG } from './limits.js';
import { checkRange, roundTo } from './result.js';
import type { OutOfRange } from './result.js';

/** The rule to use. */
export type MaintenanceMethod = 'holliday-segar' | 'who-pocket-book';

/** Inputs of maintenance fluids. */
export interface MaintenanceFluidsInput {
  readonly weightKg: number;
  readonly method?: MaintenanceMethod | undefined;
}

/** Daily and hourly volume, with flags such as the usual adult maximum. */
export type MaintenanceFluidsResult =
  | {
      readonly kind: 'ok';
      readonly method: MaintenanceMethod;
      readonly mlPerDay: number;
      readonly mlPerHour: number;
      readonly flags: readonly string[];
    }
  | OutOfRange;

/** Usual adult ceiling, ~2.4-2.5 L/day (imci-facts E.6, K): flagged, not capped. */
export const ADULT_MAXIMUM_ML_PER_DAY = 2400;

/** ml/day for the first 10 kg, the next 10 kg, and each kg above 20. */
function perDay(kg: number, above20: number): number {
  const first = Math.min(kg, 10) * 100;
  const second = Math.min(Math.max(kg - 10, 0), 10) * 50;
  return first + second + Math.max(kg - 20, 0) * above20;
}

/** Holliday-Segar hourly "4-2-1" rule (imci-facts E.6). */
function hollidaySegarPerHour(kg: number): number {
  return Math.min(kg, 10) * 4 + Math.min(Math.max(kg - 10, 0), 10) * 2 + Math.max(kg - 20, 0);
}

/** Maintenance fluids in ml/day and ml/h; the default method is Holliday-Segar. */
export function maintenanceFluids(input: MaintenanceFluidsInput): MaintenanceFluidsResult {
  const bad = checkRange('weightKg', input.weightKg, WEIGHT_KG);
  if (bad) return bad;

  const method = input.method ?? 'holliday-segar';
  const hs = method === 'holliday-segar';
  const mlPerDay = roundTo(perDay(input.weightKg, hs ? 20 : 25), 0);
  // The Pocket Book gives no hourly rule, so its hourly rate is the daily volume over 24 h.
  const mlPerHour = roundTo(hs ? hollidaySegarPerHour(input.weightKg) : mlPerDay / 24, 1);
  const flags = mlPerDay > ADULT_MAXIMUM_ML_PER_DAY ? ['above-usual-adult-maximum'] : [];

  return { kind: 'ok', method, mlPerDay, mlPerHour, flags };
}
