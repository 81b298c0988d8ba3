/**
 * The simpler dose rules: a fixed amount (salbutamol puffs, eye ointment, sugar water), RUTF
 * by energy per kg, and the fluid plans (volumes in fluid-plans.ts).
 */
import { planA, planB, planC } from './fluid-plans.js';
import { ageInMonths } from './patient.js';
import type { Outcome } from './prescribe.js';
import type { DosingPatient } from './result.js';
import { ceilToStep, floorToStep } from './rounding.js';
import { fromCandidates, pickBand, productsOf } from './select.js';
import type { EnergyRule, FixedRule, Regimen } from './types.js';

/** A fixed amount, checked against the regimen's age range when it has one. */
export function fixed(
  regimen: Regimen,
  rule: FixedRule,
  patient: DosingPatient,
  stock: ReadonlySet<string>,
): Outcome {
  const limited = rule.minMonths !== undefined || rule.maxMonths !== undefined;
  if (limited) {
    const band = { label: regimen.indication, ...ageBounds(rule) };
    const pick = pickBand(regimen.id, [band], patient, false);
    if (pick.kind !== 'band') return pick;
  }
  const all = productsOf(regimen).map((f) => ({
    formulation: f,
    amount: rule.amount,
    inRange: true,
    printed: true,
  }));
  const best = fromCandidates(regimen, all, stock);
  if ('kind' in best) return best;
  const basis = patient.weightKg === undefined ? 'age' : 'weight';

  return { formulation: best.formulation, amount: rule.amount, ...textOf(rule), basis };
}

const ageBounds = (r: { minMonths?: number; maxMonths?: number }) => ({
  ...(r.minMonths === undefined ? {} : { minMonths: r.minMonths }),
  ...(r.maxMonths === undefined ? {} : { maxMonths: r.maxMonths }),
});

const textOf = (rule: FixedRule) =>
  rule.amountText === undefined ? {} : { amountText: rule.amountText };

/** RUTF sachets per day: the largest ½ sachet under 200 kcal/kg/day, at least 150 (C.13). */
export function energy(
  regimen: Regimen,
  rule: EnergyRule,
  patient: DosingPatient,
  stock: ReadonlySet<string>,
): Outcome {
  const kg = patient.weightKg;
  if (kg === undefined)
    return { kind: 'insufficient-data', regimenId: regimen.id, missing: ['weightKg'] };
  const months = ageInMonths(patient);
  if (months !== undefined && months < rule.minMonths) {
    const field = patient.ageMonths === undefined ? 'ageDays' : 'ageMonths';
    const value = patient.ageMonths ?? patient.ageDays ?? months;
    return {
      kind: 'out-of-range',
      regimenId: regimen.id,
      field,
      value,
      range: { min: rule.minMonths },
    };
  }
  const f = productsOf(regimen).find((p) => stock.has(p.id));
  if (!f?.contentPerUnit)
    return { kind: 'not-in-stock', regimenId: regimen.id, needed: regimen.formulations };

  const [low, high] = [
    (rule.minKcalPerKgDay * kg) / f.contentPerUnit,
    (rule.maxKcalPerKgDay * kg) / f.contentPerUnit,
  ];
  const down = floorToStep(high, f.step);
  const amount = down >= low ? down : ceilToStep(low, f.step);
  const warnings =
    months === undefined ? ['RUTF is for children 6 months and older (CB14, K).'] : [];

  return {
    formulation: f,
    amount,
    band: `${rule.minKcalPerKgDay}-${rule.maxKcalPerKgDay} kcal/kg/day`,
    basis: 'weight',
    warnings,
  };
}

/** Fluid plans A, B and C with the first product in stock. */
export function fluid(
  regimen: Regimen,
  plan: 'plan-a' | 'plan-b' | 'plan-c',
  patient: DosingPatient,
  stock: ReadonlySet<string>,
): Outcome {
  const f = productsOf(regimen).find((p) => stock.has(p.id));
  if (!f) return { kind: 'not-in-stock', regimenId: regimen.id, needed: regimen.formulations };
  const outcome =
    plan === 'plan-a'
      ? planA(regimen.id, patient)
      : plan === 'plan-b'
        ? planB(regimen.id, patient)
        : planC(regimen.id, patient, f);

  return 'kind' in outcome ? outcome : { ...outcome, formulation: f };
}
