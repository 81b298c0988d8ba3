/**
 * Glasgow Coma Scale (imci-facts E.7; Teasdale & Jennett 1974, K) and Blantyre Coma Scale for
 * pre-verbal children (imci-facts E.8; Molyneux et al., QJM 1989, K).
 */
import { outOfRange } from './result.js';
import type { OutOfRange } from './result.js';

/** GCS components: eye 1-4, verbal 1-5, motor 1-6. */
export interface GcsInput {
  readonly eye: number;
  readonly verbal: number;
  readonly motor: number;
}

/** GCS severity bands: 13-15 mild, 9-12 moderate, 3-8 severe (imci-facts E.7). */
export type GcsSeverity = 'mild' | 'moderate' | 'severe';

/** GCS total, severity and the E·V·M notation. */
export type GcsResult =
  | {
      readonly kind: 'ok';
      readonly total: number;
      readonly severity: GcsSeverity;
      readonly notation: string;
    }
  | OutOfRange;

function checkScore(
  field: string,
  value: number,
  min: number,
  max: number,
): OutOfRange | undefined {
  if (Number.isInteger(value) && value >= min && value <= max) return undefined;
  return outOfRange(field, value, { min, max }, `must be a whole number from ${min} to ${max}`);
}

/** Severity band of a GCS total (imci-facts E.7). */
export function gcsSeverity(total: number): GcsSeverity {
  if (total <= 8) return 'severe';
  if (total <= 12) return 'moderate';
  return 'mild';
}

/** Glasgow Coma Scale total 3-15, reported as E·V·M. */
export function glasgowComaScale(input: GcsInput): GcsResult {
  const bad =
    checkScore('eye', input.eye, 1, 4) ??
    checkScore('verbal', input.verbal, 1, 5) ??
    checkScore('motor', input.motor, 1, 6);
  if (bad) return bad;

  const total = input.eye + input.verbal + input.motor;
  const notation = `E${input.eye} V${input.verbal} M${input.motor}`;
  return { kind: 'ok', total, severity: gcsSeverity(total), notation };
}

/** Blantyre components: motor 0-2, verbal 0-2, eyes 0-1. */
export interface BlantyreInput {
  readonly motor: number;
  readonly verbal: number;
  readonly eyes: number;
}

/** Blantyre total 0-5 and whether consciousness is impaired. */
export type BlantyreResult =
  { readonly kind: 'ok'; readonly total: number; readonly impaired: boolean } | OutOfRange;

/** WHO severe malaria "impaired consciousness" in children: Blantyre < 3 (imci-facts E.8, V2). */
export const BLANTYRE_IMPAIRED_BELOW = 3;

/** Blantyre Coma Scale total 0-5; impaired consciousness when below 3. */
export function blantyreComaScale(input: BlantyreInput): BlantyreResult {
  const bad =
    checkScore('motor', input.motor, 0, 2) ??
    checkScore('verbal', input.verbal, 0, 2) ??
    checkScore('eyes', input.eyes, 0, 1);
  if (bad) return bad;

  const total = input.motor + input.verbal + input.eyes;
  return { kind: 'ok', total, impaired: total < BLANTYRE_IMPAIRED_BELOW };
}
