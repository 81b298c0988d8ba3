/**
 * Case input layer: the finding vocabulary, the case schema, age resolution and the parsers
 * that turn untrusted case input into a typed `ClinicalCase`.
 */
export {
  CHART_BOXES,
  FINDINGS,
  FINDING_KEYS,
  isFindingKey,
  type ChartBox,
  type FindingKey,
  type FindingSpec,
  type FindingType,
  type FindingValue,
  type Findings,
  type PlausibleRange,
} from './vocabulary.js';
export { DURATION_DAYS_RANGE, RESPIRATORY_RATE_RANGE } from './finding-spec.js';
export {
  DECIMAL_PATTERN,
  parseDecimal,
  parseDecimalText,
  type DecimalParse,
} from './parse-decimal.js';
export {
  AGE_DAYS_TOLERANCE,
  AGE_MONTHS_TOLERANCE,
  DAYS_PER_MONTH,
  MAX_AGE_DAYS,
  MAX_AGE_MONTHS,
  ageFromDays,
  ageFromMonths,
  resolveAge,
  todayInTimeZone,
  type AgeInput,
  type AgeResult,
  type AgeSource,
  type ResolvedAge,
} from './age.js';
export {
  completedMonthsBetween,
  daysBetween,
  isCalendarDate,
  parseCalendarDate,
  type CalendarDate,
} from './calendar-date.js';
export {
  HEIGHT_CM_RANGE,
  TEMPERATURE_C_RANGE,
  WEIGHT_KG_RANGE,
  caseJsonSchema,
  caseSchema,
  findingsSchema,
  patientSchema,
  type CaseInput,
} from './case-schema.js';
export type {
  ClinicalCase,
  ParseCaseOptions,
  PatientData,
  PatientIdentity,
} from './clinical-case.js';
export { parseCase } from './parse-case.js';
export { parseCaseJson, parseCaseLines } from './parse-case-json.js';
export { editDistance, suggestKey } from './suggest-key.js';
