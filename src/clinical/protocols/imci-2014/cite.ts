import type { Citation } from '../../engine/types.js';

/** WHO IMCI chart booklet, March 2014 (CB14); `facts` names the imci-facts.md row. */
export function cb14(section: string, facts: string): Citation {
  return { document: 'WHO IMCI chart booklet', edition: '2014', section, facts };
}

/** WHO, Management of the sick young infant aged up to 2 months, chart booklet. */
export function cb14yi(section: string, facts: string): Citation {
  return {
    document: 'WHO IMCI chart booklet (sick young infant)',
    edition: '2014',
    section,
    facts,
  };
}

/** A policy taken from the EdgeIMCI deterministic oracle where the chart is silent. */
export function edgePolicy(section: string): Citation {
  return {
    document: 'EdgeIMCI holistic rules (policy where CB14 is silent)',
    edition: '2014',
    section,
    facts: 'cases/VOCABULARY.md §5',
  };
}
