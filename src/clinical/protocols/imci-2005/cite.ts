import type { Citation } from '../../engine/types.js';

/** WHO IMCI Handbook 2005 (HB05); page numbers are printed pages (imci-facts 0.2). */
export function hb05(section: string, facts: string): Citation {
  return { document: 'WHO IMCI handbook', edition: '2005', section, facts };
}
