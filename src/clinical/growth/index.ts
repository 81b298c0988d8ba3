/** WHO growth z-scores (LMS method) for children and adolescents. */
export type {
  AgeInput,
  GrowthIndicator,
  GrowthReference,
  GrowthTable,
  MeasuredAs,
  Sex,
  ZScoreNotApplicable,
  ZScoreOk,
  ZScoreResult,
} from './types.js';
export { GROWTH_FLAGS } from './types.js';
export { DAYS_PER_MONTH, resolveAge, roundHalfUp } from './age.js';
export type { ResolvedAge } from './age.js';
export {
  HEIGHT_FROM_DAYS,
  HEIGHT_TABLE_FROM_CM,
  POSITION_DIFFERENCE_CM,
  positionMeasure,
} from './length-height.js';
export type { PositionedMeasure } from './length-height.js';
export { lmsValueAt, lmsZ, lmsZRestricted } from './lms.js';
export type { LmsZ } from './lms.js';
export { lmsAt, tableRange } from './lms-table.js';
export type { Lms, PackedColumn, PackedLmsTable, PackedSexTable } from './lms-table.js';
export {
  WEIGHT_FOR_HEIGHT_RANGE_CM,
  WEIGHT_FOR_LENGTH_RANGE_CM,
  weightForLengthHeight,
} from './weight-for-length-height.js';
export type { WeightForLengthHeightInput } from './weight-for-length-height.js';
export { bmiForAge, lengthHeightForAge, muacForAge, weightForAge } from './age-indicators.js';
export type {
  BmiForAgeInput,
  LengthHeightForAgeInput,
  MuacForAgeInput,
  WeightForAgeInput,
} from './age-indicators.js';
