/**
 * Every regimen the IMCI charts use, by stable id. The data lives in the regimens-*.ts files,
 * grouped by kind of treatment; this module joins them and looks them up.
 */
import { ORAL_ANTIBIOTIC_REGIMENS } from './regimens-antibiotics.js';
import { ANTIMALARIAL_REGIMENS } from './regimens-antimalarials.js';
import { INJECTABLE_ANTIBIOTIC_REGIMENS } from './regimens-injectables.js';
import { LOCAL_AND_FLUID_REGIMENS } from './regimens-local-and-fluids.js';
import { SUPPORTIVE_REGIMENS } from './regimens-supportive.js';
import type { Regimen } from './types.js';

/** All regimens, in a stable order. */
export const REGIMENS: readonly Regimen[] = [
  ...ORAL_ANTIBIOTIC_REGIMENS,
  ...INJECTABLE_ANTIBIOTIC_REGIMENS,
  ...ANTIMALARIAL_REGIMENS,
  ...SUPPORTIVE_REGIMENS,
  ...LOCAL_AND_FLUID_REGIMENS,
];

/**
 * Treatments the charts give as one step with two drugs. CB14 "give first dose of IM
 * ampicillin and gentamicin" (imci-facts C.11, C.12) is two regimens given together.
 */
export const REGIMEN_COMBINATIONS: Readonly<Record<string, readonly string[]>> = {
  'ampicillin-gentamicin-prereferral-child-cb14': [
    'ampicillin-im-prereferral',
    'gentamicin-im-prereferral-child',
  ],
  'ampicillin-gentamicin-young-infant-cb14': [
    'ampicillin-im-young-infant',
    'gentamicin-im-young-infant',
  ],
  'benzylpenicillin-gentamicin-young-infant-hb05': [
    'benzylpenicillin-im-young-infant-hb05',
    'gentamicin-im-young-infant',
  ],
};

const BY_ID = new Map(REGIMENS.map((r) => [r.id, r]));

/** The regimen with this id, or undefined. */
export function findRegimen(id: string): Regimen | undefined {
  return BY_ID.get(id);
}
