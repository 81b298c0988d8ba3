/**
 * The editions MedAssist ships. The 2014 chart booklet is the default (imci-facts I.2).
 */
import { applyOverlay, type ProtocolOverlay } from '../engine/overlay.js';
import type { Edition } from '../engine/types.js';
import { sickChild2005 } from './imci-2005/sick-child.js';
import { youngInfant2005 } from './imci-2005/young-infant.js';
import { sickChild2014 } from './imci-2014/sick-child.js';
import { youngInfant2014 } from './imci-2014/young-infant.js';

export const EDITIONS: Readonly<Record<string, Edition>> = {
  'imci-2014': {
    id: 'imci-2014',
    name: 'WHO IMCI chart booklet 2014',
    document: 'WHO Integrated Management of Childhood Illness: chart booklet, March 2014',
    sickChild: sickChild2014,
    youngInfant: youngInfant2014,
    youngInfantFromDays: 0,
  },
  'imci-2005': {
    id: 'imci-2005',
    name: 'WHO IMCI handbook 2005',
    document: 'WHO Handbook: IMCI integrated management of childhood illness, 2005',
    sickChild: sickChild2005,
    youngInfant: youngInfant2005,
    // The HB05 young-infant chart starts at 1 week (imci-facts 0.3, G15).
    youngInfantFromDays: 7,
  },
};

export const DEFAULT_EDITION = 'imci-2014';

/** A national adaptation: an overlay of a base edition's two protocols. */
export interface Adaptation {
  id: string;
  name: string;
  base: string;
  sickChild?: ProtocolOverlay;
  youngInfant?: ProtocolOverlay;
}

/** The edition by id, or undefined. */
export function findEdition(id: string): Edition | undefined {
  return EDITIONS[id];
}

/** Applies a national adaptation to its base edition. */
export function adaptEdition(base: Edition, adaptation: Adaptation): Edition {
  return {
    ...base,
    id: adaptation.id,
    name: adaptation.name,
    sickChild: applyOverlay(base.sickChild, { edition: adaptation.id, ...adaptation.sickChild }),
    youngInfant: applyOverlay(base.youngInfant, {
      edition: adaptation.id,
      ...adaptation.youngInfant,
    }),
  };
}
