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
export { buildCaseView, type CaseView } from './case-view.js';
export { buildConsultMessages, PROMPT_VERSION, SYSTEM_PROMPT, type PassageRef } from './prompt.js';
export {
  consultModel,
  modelUnavailable,
  type ModelConsultOptions,
  type ModelOutcome,
} from './model-consult.js';
export {
  detectHardware,
  openLocalModel,
  tierOf,
  type LocalModel,
  type LocalModelSettings,
} from './local-model.js';
export {
  createLlamaEngine,
  type LlamaEngine,
  type LlamaEngineOptions,
  type LlamaTiming,
} from './llama/llama-engine.js';
export {
  isTierId,
  proposeTier,
  threadsFor,
  TIER_IDS,
  TIERS,
  type Hardware,
  type Tier,
  type TierId,
} from './tiers.js';
export {
  decideFit,
  estimateFootprint,
  type FitDecision,
  type ModelFootprint,
} from './memory-guard.js';
export { BENCH_2B_SHAPE, TINY_SHAPE, writeLlamaGguf, type LlamaShape } from './gguf/llama-model.js';
