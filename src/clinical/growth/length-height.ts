/**
 * Recumbent length versus standing height (WHO anthro `adjust_lenhei` and
 * `z-score-weight-for-lenhei.R`; imci-facts E.4, V): under 731 days the standards use length,
 * so a standing height gets +0.7 cm; from 731 days they use height, so a recumbent length gets
 * -0.7 cm. With no age, weight-for-length/height uses the stated position, or the length
 * table below 87 cm and the height table from 87 cm.
 */
import type { ResolvedAge } from './age.js';
import { GROWTH_FLAGS } from './types.js';
import type { MeasuredAs } from './types.js';

/** First age in days that uses standing height (anthro: "below 731 days" is length). */
export const HEIGHT_FROM_DAYS = 731;

/** Length-height difference WHO applies between the two positions, in cm. */
export const POSITION_DIFFERENCE_CM = 0.7;

/** With age unknown, the length table is used below this measurement (cm). */
export const HEIGHT_TABLE_FROM_CM = 87;

/** The measurement as the standard expects it, and the basis (length or height) it is on. */
export interface PositionedMeasure {
  readonly cm: number;
  readonly basis: MeasuredAs;
  readonly adjusted: boolean;
  readonly flags: readonly string[];
}

// Keeps 79.3 + 0.7 at 80 instead of 80.00000000000001.
const tidy = (cm: number): number => Math.round(cm * 1e6) / 1e6;

/**
 * Puts a length or height on the basis the WHO standards use for this age. anthro ignores a
 * "standing" label under 9 months as implausible (its `c9mo_flag`), so that is flagged and
 * no adjustment is made.
 */
export function positionMeasure(
  cm: number,
  measured: MeasuredAs | undefined,
  age: ResolvedAge | undefined,
): PositionedMeasure {
  if (age === undefined) {
    if (measured !== undefined) return { cm, basis: measured, adjusted: false, flags: [] };
    const basis = cm < HEIGHT_TABLE_FROM_CM ? 'length' : 'height';
    return { cm, basis, adjusted: false, flags: [GROWTH_FLAGS.chosenBy87cm] };
  }

  const basis: MeasuredAs = age.days < HEIGHT_FROM_DAYS ? 'length' : 'height';
  if (measured === 'height' && age.months < 9) {
    return { cm, basis, adjusted: false, flags: [GROWTH_FLAGS.heightUnder9Months] };
  }
  if (basis === 'length' && measured === 'height') {
    const flags = [GROWTH_FLAGS.heightToLength];
    return { cm: tidy(cm + POSITION_DIFFERENCE_CM), basis, adjusted: true, flags };
  }
  if (basis === 'height' && measured === 'length') {
    const flags = [GROWTH_FLAGS.lengthToHeight];
    return { cm: tidy(cm - POSITION_DIFFERENCE_CM), basis, adjusted: true, flags };
  }
  return { cm, basis, adjusted: false, flags: [] };
}
