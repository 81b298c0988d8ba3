/**
 * `prescribe`: the dose of one regimen for one patient with the products in stock.
 *
 * Weight chooses the chart row when known, age only when it is not (HB05 p.91); mg/kg rules are
 * computed from the weight as given and rounded to a givable amount (rounding.ts); no dose
 * exceeds the regimen's per-dose ceiling; the most practical product in stock is chosen
 * (select.ts). Expected outcomes are values; unknown ids and implausible facts throw InputError.
 */
import { InputError } from '../../shared/errors.js';
import { buildPrescription, perKgText, type DoseChoice } from './build.js';
import { FORMULARY, findFormulation } from './formulary.js';
import { energy, fixed, fluid } from './other-rules.js';
import { doseWindow, perKgCandidate } from './per-kg.js';
import { assertPatient } from './patient.js';
import type { DosingPatient, PrescribeOptions, PrescribeResult } from './result.js';
import { REGIMEN_COMBINATIONS, findRegimen } from './regimens.js';
import { bandAmount, fromCandidates, pickBand, productsOf, type Candidate } from './select.js';
import type { Band, BandRule, PerKgRule, Regimen } from './types.js';

/** A dosing path's answer: a choice to dress as a prescription, or a non-ok result. */
export type Outcome = Exclude<PrescribeResult, { kind: 'ok' }> | DoseChoice;

/**
 * The dose of regimen `regimenId` for `patient`.
 * @throws InputError for an unknown regimen or formulation id, or an implausible weight or age.
 */
export function prescribe(
  regimenId: string,
  patient: DosingPatient,
  options: PrescribeOptions = {},
): PrescribeResult {
  const regimen = findRegimen(regimenId);
  if (!regimen) {
    throw new InputError([{ field: 'regimenId', message: `unknown regimen [${regimenId}]` }]);
  }
  assertPatient(patient);
  const stock = resolveStock(options.stock);
  const outcome = dose(regimen, patient, stock);

  return 'kind' in outcome ? outcome : buildPrescription(regimen, outcome, patient);
}

/** The doses of a two-drug step such as `ampicillin-gentamicin-prereferral-child-cb14`. */
export function prescribeCombination(
  combinationId: string,
  patient: DosingPatient,
  options: PrescribeOptions = {},
): readonly PrescribeResult[] {
  const ids = REGIMEN_COMBINATIONS[combinationId];
  if (!ids) {
    throw new InputError([
      { field: 'combinationId', message: `unknown combination [${combinationId}]` },
    ]);
  }

  return ids.map((id) => prescribe(id, patient, options));
}

function resolveStock(stock: readonly string[] | undefined): ReadonlySet<string> {
  if (stock === undefined) return new Set(FORMULARY.map((f) => f.id));
  const issues = stock.flatMap((id, i) =>
    findFormulation(id) ? [] : [{ field: `stock[${i}]`, message: `unknown formulation [${id}]` }],
  );
  if (issues.length > 0) throw new InputError(issues);

  return new Set(stock);
}

function dose(regimen: Regimen, patient: DosingPatient, stock: ReadonlySet<string>): Outcome {
  const rule = regimen.rule;
  switch (rule.kind) {
    case 'bands':
      return byBand(regimen, rule, patient, stock);
    case 'per-kg':
      return byWeight(regimen, rule, patient, stock);
    case 'fixed':
      return fixed(regimen, rule, patient, stock);
    case 'energy-per-kg':
      return energy(regimen, rule, patient, stock);
    case 'plan-a':
    case 'plan-b':
    case 'plan-c':
      return fluid(regimen, rule.kind, patient, stock);
  }
}

function byBand(
  regimen: Regimen,
  rule: BandRule,
  patient: DosingPatient,
  stock: ReadonlySet<string>,
): Outcome {
  const pick = pickBand(regimen.id, rule.bands, patient, rule.basis === 'weight-or-age');
  if (pick.kind !== 'band') return pick;

  const choice = bandChoice(regimen, pick.band, pick.basis, stock);
  if ('kind' in choice) return choice;
  const kg = patient.weightKg;
  const mg = choice.amount * (choice.formulation.contentPerUnit ?? 0);
  const below =
    rule.targetMinPerKg !== undefined &&
    kg !== undefined &&
    pick.basis === 'weight' &&
    mg / kg < rule.targetMinPerKg;

  return below
    ? {
        ...choice,
        warnings: [
          `This chart row delivers ${perKgText(mg, kg)} mg/kg per dose, below the ` +
            `${rule.targetMinPerKg} mg/kg target (PNEU14, imci-facts C.1); the chart dose is shown.`,
        ],
      }
    : choice;
}

function bandChoice(
  regimen: Regimen,
  band: Band,
  basis: 'weight' | 'age',
  stock: ReadonlySet<string>,
): Outcome {
  const all = productsOf(regimen).flatMap((f) => {
    const amount = bandAmount(band, f);
    const printed = band.printed?.[f.id] !== undefined;
    return amount === undefined ? [] : [{ formulation: f, amount, inRange: true, printed }];
  });
  const best = fromCandidates(regimen, all, stock);
  if ('kind' in best) return best;

  return { formulation: best.formulation, amount: best.amount, band: band.label, basis };
}

function byWeight(
  regimen: Regimen,
  rule: PerKgRule,
  patient: DosingPatient,
  stock: ReadonlySet<string>,
): Outcome {
  const kg = patient.weightKg;
  if (kg === undefined) {
    if (!rule.ageFallback)
      return { kind: 'insufficient-data', regimenId: regimen.id, missing: ['weightKg'] };
    const pick = pickBand(regimen.id, rule.ageFallback, patient, false);
    if (pick.kind === 'insufficient-data') return { ...pick, missing: ['weightKg', 'ageMonths'] };

    return pick.kind === 'band' ? bandChoice(regimen, pick.band, 'age', stock) : pick;
  }

  const window = doseWindow(regimen.id, rule, { ...patient, weightKg: kg });
  if ('kind' in window) return window;
  const all = productsOf(regimen).flatMap((f) => perKgCandidate(f, window) ?? []);
  const best = fromCandidates(regimen, all, stock);
  if ('kind' in best) return best;

  const warnings = [
    ...(window.note === undefined ? [] : [window.note]),
    ...(window.capped ? [`Capped at the per-dose maximum (${window.ceiling} per dose).`] : []),
    ...(best.inRange ? [] : [outOfWindowWarning(best, window.lower, window.ceiling, kg)]),
  ];

  return { formulation: best.formulation, amount: best.amount, basis: 'weight', warnings };
}

function outOfWindowWarning(c: Candidate, lower: number, ceiling: number, kg: number): string {
  const given = c.amount * (c.formulation.contentPerUnit ?? 0);
  return (
    `No givable amount of ${c.formulation.strength} falls within ${perKgText(lower, kg)}-` +
    `${perKgText(ceiling, kg)} per kg; the lower amount (${perKgText(given, kg)} per kg) is shown: ` +
    'use another product if one is available.'
  );
}
