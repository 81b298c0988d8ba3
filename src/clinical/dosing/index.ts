/**
 * Treatment dosing for the IMCI charts: the formulary, the regimens and `prescribe`.
 */
export { FORMULARY, findFormulation, formulationsOf } from './formulary.js';
export { REGIMENS, REGIMEN_COMBINATIONS, findRegimen } from './regimens.js';
export { prescribe, prescribeCombination } from './prescribe.js';
export { amountText } from './rounding.js';
export type {
  DoseAmount,
  DosingField,
  DosingPatient,
  FluidPhase,
  FluidPlan,
  InsufficientData,
  NotInStock,
  OutOfRange,
  PrescribeOptions,
  PrescribeResult,
  Prescription,
} from './result.js';
export type {
  Band,
  BandRule,
  ContentUnit,
  DoseRule,
  DoseUnit,
  Duration,
  Edition,
  EnergyRule,
  FixedRule,
  FluidRule,
  Formulation,
  FormulationForm,
  PerKgRule,
  PerKgVariant,
  Regimen,
  Route,
} from './types.js';
