/** Clinical calculators: pure functions, their result shapes and the registry. */
export type { InsufficientData, OutOfRange, Range } from './result.js';
export { checkRange, firstProblem, insufficientData, outOfRange, roundTo } from './result.js';
export {
  AGE_YEARS,
  DIASTOLIC_BP,
  HEIGHT_CM,
  RESPIRATORY_RATE,
  SYSTOLIC_BP,
  WEIGHT_KG,
} from './limits.js';
export type { CalculatorDescriptor, CalculatorOutput } from './descriptor.js';
export { defineCalculator, output, problemLines, toKebabCase } from './descriptor.js';
export { CALCULATORS, findCalculator } from './registry.js';
export { ADULT_BMI_FROM_YEARS, bmi, classifyAdultBmi } from './bmi.js';
export type { AdultBmiClass, BmiInput, BmiResult } from './bmi.js';
export { bsaMosteller } from './bsa.js';
export type { BsaInput, BsaResult } from './bsa.js';
export {
  ESTIMATED_WEIGHT_FLAGS,
  ESTIMATED_WEIGHT_MAX_MONTHS,
  estimateWeightFromAge,
} from './estimated-weight.js';
export type { AplsBand, EstimatedWeightResult } from './estimated-weight.js';
export { ADULT_MAXIMUM_ML_PER_DAY, maintenanceFluids } from './maintenance-fluids.js';
export type {
  MaintenanceFluidsInput,
  MaintenanceFluidsResult,
  MaintenanceMethod,
} from './maintenance-fluids.js';
export { PLAN_B_ML_PER_KG, orsPlanB } from './ors-plan-b.js';
export type { OrsPlanBInput, OrsPlanBResult, PlanBBand } from './ors-plan-b.js';
export {
  BLANTYRE_IMPAIRED_BELOW,
  blantyreComaScale,
  gcsSeverity,
  glasgowComaScale,
} from './coma-scales.js';
export type {
  BlantyreInput,
  BlantyreResult,
  GcsInput,
  GcsResult,
  GcsSeverity,
} from './coma-scales.js';
export { CREATININE_UMOL_PER_MG_DL, egfrCkdEpi2021, kdigoStage } from './egfr.js';
export type { CreatinineUnit, EgfrInput, EgfrResult, KdigoStage } from './egfr.js';
export { QSOFA_HIGH_RISK_FROM, QSOFA_RR_AT_LEAST, QSOFA_SBP_AT_MOST, qsofa } from './qsofa.js';
export type { QsofaInput, QsofaResult } from './qsofa.js';
export {
  CRB65_AGE_AT_LEAST,
  CRB65_DBP_AT_MOST,
  CRB65_RR_AT_LEAST,
  CRB65_SBP_BELOW,
  CURB65_UREA_ABOVE_MMOL_L,
  crb65,
  crb65Risk,
  curb65Risk,
} from './crb65.js';
export type { Crb65Input, Crb65Result, PneumoniaRisk } from './crb65.js';
export {
  CYCLE_RANGE_DAYS,
  MAX_GESTATION_DAYS,
  NAEGELE_DAYS,
  formatIsoDate,
  parseIsoDate,
  pregnancyDates,
} from './pregnancy-dates.js';
export type {
  GestationalAge,
  PregnancyDatesInput,
  PregnancyDatesResult,
} from './pregnancy-dates.js';
