export { orchestrate } from './orchestrate.js';
export type {
  ConnectivityMode,
  HybridOptions,
  HybridResult,
  OrchestratorView,
  ServedBy,
} from './orchestrate.js';
export { askModel, type Asked } from './ask-model.js';
export { buildCasePrompt, ESCALATION_SYSTEM_PROMPT, type PromptView } from './case-prompt.js';
export {
  combineConfidence,
  COMPLETENESS_PENALTY,
  DEFAULT_THRESHOLD,
  PROTOCOL_SHARE,
  protocolCompleteness,
  type CompletenessView,
} from './confidence.js';
export {
  countModel,
  readModelCounters,
  resetModelCounters,
  type ModelCounters,
} from './counters.js';
export {
  MERGED_DIFFERENTIAL_MAX,
  mergeContributions,
  SOURCE_PRIOR,
  type MergedContribution,
  type Ranked,
  type Source,
} from './merge.js';
export { renderModelText } from './render-text.js';
