/**
 * Interactions that matter for IMCI and ART care but are absent from the ANSM 2016 and ONC 2012
 * tables (artemether and dolutegravir had few or no rows in 2016). Each cites its source; K marks
 * team knowledge from the named label or guideline, not yet re-read against the document.
 */
import type { InteractionRow } from './types.js';

const INDUCERS = ['rifampicin', 'carbamazepine', 'phenytoin', 'phenobarbital'];

/** Hand-curated interaction rows. */
export const CURATED_INTERACTIONS: readonly InteractionRow[] = [
  {
    id: 'imci-iron-rutf',
    a: ['iron'],
    b: ['rutf'],
    aName: 'iron',
    bName: 'RUTF',
    severity: 'major',
    effect:
      'RUTF already contains the iron a child with SAM needs; extra iron adds no benefit ' +
      'and risks harm.',
    action: 'Do not give iron to a child on RUTF.',
    source: 'imci-facts C.8 (en-net.org quoting IMNCI, V2; CB14, K)',
  },
  {
    id: 'label-al-inducers',
    a: ['artemether-lumefantrine'],
    b: INDUCERS,
    aName: 'artemether-lumefantrine',
    bName: 'strong enzyme inducers',
    severity: 'major',
    effect:
      'Strong CYP3A4 inducers lower artemether and lumefantrine levels: risk of treatment failure.',
    action: 'Avoid; treat malaria with an alternative or seek advice (product label).',
    source: 'artemether-lumefantrine product information (K)',
  },
  {
    id: 'who-al-efavirenz',
    a: ['artemether-lumefantrine'],
    b: ['efavirenz'],
    aName: 'artemether-lumefantrine',
    bName: 'efavirenz',
    severity: 'moderate',
    effect: 'Efavirenz lowers lumefantrine exposure; more treatment failures have been reported.',
    action: 'Give the full 6-dose course with fatty food and follow up for persistent fever.',
    source: 'WHO Guidelines for malaria, interactions with antiretrovirals (K)',
  },
  {
    id: 'label-dtg-cations',
    a: ['dolutegravir'],
    b: ['iron', 'zinc', 'antacid', 'calcium-carbonate'],
    aName: 'dolutegravir',
    bName: 'polyvalent cations (iron, zinc, calcium, antacids)',
    severity: 'moderate',
    effect: 'Polyvalent cations bind dolutegravir in the gut and lower its absorption.',
    action: 'Take dolutegravir 2 hours before or 6 hours after these, or together with food.',
    source: 'dolutegravir product information (K)',
  },
  {
    id: 'label-dtg-rifampicin',
    a: ['dolutegravir'],
    b: ['rifampicin'],
    aName: 'dolutegravir',
    bName: 'rifampicin',
    severity: 'major',
    effect: 'Rifampicin lowers dolutegravir levels: risk of HIV treatment failure.',
    action: 'Give dolutegravir twice daily while on rifampicin and for 2 weeks after (WHO ART).',
    source: 'WHO consolidated HIV guidelines, TB co-treatment (K)',
  },
];
