/**
 * The LMS method of the WHO Child Growth Standards (Methods and development 2006, chap. 7;
 * implemented in WHO anthro `R/z-score-helper.R`; imci-facts E.4, V).
 */
import type { Lms } from './lms-table.js';

/** Raw LMS z-score: ((y/M)^L - 1) / (S·L), or ln(y/M)/S when L is 0 (imci-facts E.4, K). */
export function lmsZ(y: number, { l, m, s }: Lms): number {
  if (l === 0) return Math.log(y / m) / s;
  return ((y / m) ** l - 1) / (s * l);
}

/** The measurement at a given z: M·(1 + L·S·z)^(1/L) (EmCare `computeReverseZScore`, V). */
export function lmsValueAt(z: number, { l, m, s }: Lms): number {
  if (l === 0) return m * Math.exp(s * z);
  return m * (1 + l * s * z) ** (1 / l);
}

/** A z-score and whether the WHO restricted application changed it. */
export interface LmsZ {
  readonly z: number;
  readonly restricted: boolean;
}

/**
 * Z-score with the WHO "restricted application" for weight-based indicators: beyond ±3 SD the
 * distance is measured in units of the 2-to-3 SD gap on that side, because the LMS curve's
 * skew would otherwise stretch the far tail (anthro `compute_zscore_adjusted`; imci-facts
 * E.4, V).
 */
export function lmsZRestricted(y: number, lms: Lms): LmsZ {
  const z = lmsZ(y, lms);
  if (z > 3) {
    const sd3 = lmsValueAt(3, lms);
    return { z: 3 + (y - sd3) / (sd3 - lmsValueAt(2, lms)), restricted: true };
  }
  if (z < -3) {
    const sd3neg = lmsValueAt(-3, lms);
    return { z: -3 + (y - sd3neg) / (lmsValueAt(-2, lms) - sd3neg), restricted: true };
  }
  return { z, restricted: false };
}
