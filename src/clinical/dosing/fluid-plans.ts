/**
 * Volumes of the diarrhoea fluid plans (HB05 Annex A, §23; imci-facts C.10). Volumes are
 * rounded to the nearest 5 ml, the finest mark on the cups, jugs and burettes used to measure
 * them; the exact figure is never more than 2.5 ml away.
 */
import type { DoseChoice } from './build.js';
import { ageInMonths } from './patient.js';
import type { DosingPatient, InsufficientData, OutOfRange } from './result.js';
import { nearestStep } from './rounding.js';
import { pickBand } from './select.js';
import type { Band, Formulation } from './types.js';

const ml = (value: number) => nearestStep(value, 5);

type FluidOutcome = Omit<DoseChoice, 'formulation'> | InsufficientData | OutOfRange;

/** Plan A: extra fluid after each loose stool, <2 years 50-100 ml, >=2 years 100-200 ml. */
export function planA(regimenId: string, patient: DosingPatient): FluidOutcome {
  const months = ageInMonths(patient);
  if (months === undefined) return { kind: 'insufficient-data', regimenId, missing: ['ageMonths'] };

  const [min, max, label] =
    months < 24 ? [50, 100, 'under 2 years'] : [100, 200, '2 years and over'];
  return {
    amount: max,
    amountText: `${min}-${max} ml after each loose stool`,
    band: label,
    basis: 'age',
    fluid: { rangeMl: { min, max } },
  };
}

// HB05 §23.2 Plan B table by weight, age when no weight (HEAT id=249, imci-facts C.10, V2).
interface PlanBRow extends Band {
  readonly rangeMl: { readonly min: number; readonly max: number };
}

const PLAN_B: readonly PlanBRow[] = [
  {
    maxKg: 6,
    minMonths: 0,
    maxMonths: 4,
    label: 'up to 4 months (<6 kg)',
    rangeMl: { min: 200, max: 400 },
  },
  {
    minKg: 6,
    maxKg: 10,
    minMonths: 4,
    maxMonths: 12,
    label: '4 up to 12 months (6 - <10 kg)',
    rangeMl: { min: 400, max: 700 },
  },
  {
    minKg: 10,
    maxKg: 12,
    minMonths: 12,
    maxMonths: 24,
    label: '12 months up to 2 years (10 - <12 kg)',
    rangeMl: { min: 700, max: 900 },
  },
  {
    minKg: 12,
    maxKg: 19,
    maxInclusive: true,
    minMonths: 24,
    maxMonths: 60,
    label: '2 up to 5 years (12 - 19 kg)',
    rangeMl: { min: 900, max: 1400 },
  },
];

const PLAN_B_WARNINGS = [
  'Non-breastfed infants under 6 months also get 100-200 ml clean water during these 4 hours.',
  'Reassess after 4 hours and choose Plan A, B or C (HB05 §23.2).',
];

/** Plan B: 75 ml/kg over 4 hours; the chart row gives the range (8 kg -> 600 ml). */
export function planB(regimenId: string, patient: DosingPatient): FluidOutcome {
  const pick = pickBand(regimenId, PLAN_B, patient, true);
  const kg = patient.weightKg;
  if (pick.kind === 'out-of-range' && kg !== undefined) return planBByWeightOnly(kg);
  if (pick.kind !== 'band') return pick;

  const rangeMl = pick.band.rangeMl;
  const volume = kg === undefined ? rangeMl.min : ml(75 * kg);
  const over = '4 hours';
  const text =
    kg === undefined
      ? `${rangeMl.min}-${rangeMl.max} ml over ${over}`
      : `${volume} ml over ${over}`;

  return {
    amount: volume,
    amountText: text,
    band: `${pick.band.label}: ${rangeMl.min}-${rangeMl.max} ml`,
    basis: pick.basis,
    fluid: { totalMl: volume, rangeMl, phases: [{ volumeMl: volume, overMinutes: 240, text }] },
    warnings: PLAN_B_WARNINGS,
  };
}

/** Above the under-5 table, 75 ml/kg still applies; the IMCI row range does not (FLAG G25). */
function planBByWeightOnly(kg: number): FluidOutcome {
  const volume = ml(75 * kg);
  const text = `${volume} ml over 4 hours`;

  return {
    amount: volume,
    amountText: text,
    basis: 'weight',
    fluid: { totalMl: volume, phases: [{ volumeMl: volume, overMinutes: 240, text }] },
    warnings: [
      ...PLAN_B_WARNINGS,
      'Weight is outside the IMCI under-5 Plan B table; the volume is 75 ml/kg (imci-facts ' +
        'C.10; all-age bands differ, FLAG G25).',
    ],
  };
}

/**
 * Plan C: 100 ml/kg IV. Infants under 12 months: 30 ml/kg in 1 hour, then 70 ml/kg in 5 hours;
 * 12 months and over: 30 ml/kg in 30 minutes, then 70 ml/kg in 2½ hours (HB05 Annex A p.143).
 */
export function planC(regimenId: string, patient: DosingPatient, f: Formulation): FluidOutcome {
  const kg = patient.weightKg;
  const months = ageInMonths(patient);
  const missing = [
    ...(kg === undefined ? (['weightKg'] as const) : []),
    ...(months === undefined ? (['ageMonths'] as const) : []),
  ];
  if (kg === undefined || months === undefined) {
    return { kind: 'insufficient-data', regimenId, missing };
  }

  const infant = months < 12;
  const [first, second] = [ml(30 * kg), ml(70 * kg)];
  const [firstMin, secondMin] = infant ? [60, 300] : [30, 150];
  const phases = [
    { volumeMl: first, overMinutes: firstMin, text: `${first} ml in ${minutesText(firstMin)}` },
    {
      volumeMl: second,
      overMinutes: secondMin,
      text: `then ${second} ml in ${minutesText(secondMin)}`,
    },
  ];

  return {
    amount: first + second,
    amountText: `${first + second} ml of ${f.strength}: ${phases[0]?.text ?? ''}, ${phases[1]?.text ?? ''}`,
    band: infant ? 'infant under 12 months' : 'child 12 months and over',
    basis: 'weight',
    fluid: { totalMl: first + second, phases },
    warnings: [
      'Repeat the first part once if the radial pulse is still very weak or not detectable.',
      `Give ORS (about 5 ml/kg/hour) as soon as the child can drink; reassess ${
        infant ? 'the infant at 6 hours' : 'the child at 3 hours'
      }, then choose Plan A, B or C.`,
      'Not for a child with severe acute malnutrition: use the WHO SAM protocol (imci-facts C.10).',
    ],
  };
}

function minutesText(minutes: number): string {
  if (minutes < 60) return `${minutes} minutes`;
  const hours = minutes / 60;

  return hours === 1 ? '1 hour' : `${String(hours).replace('.5', '½')} hours`;
}
