export type { ChatEngine, ChatMessage, ChatRequest, ChatResult, ChatRole } from './types.js';
export { ENGINE_ERRORS } from './types.js';
export {
  ANSWER_LIMITS,
  CONFIDENCE_LEVELS,
  CONFIDENCE_WEIGHT,
  MODEL_ANSWER_JSON_SCHEMA,
  modelAnswerSchema,
  parseModelAnswer,
  type Confidence,
  type DifferentialItem,
  type ModelAnswer,
} from './output-schema.js';
export {
  validateContribution,
  type ModelContribution,
  type Overruled,
  type OverruleReason,
  type ProtocolView,
} from './validator.js';
