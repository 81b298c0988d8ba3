/** The clinic sync agent (issue 4, clinic side): what the node, the CLI and the web app use. */
export { activeAlerts, type AlertView } from './alerts.js';
export { batchSizeFor, INITIAL_MODE, nextMode, type ModeSettings, type ModeState } from './mode.js';
export { countQuarantined, listQuarantined } from './outbox-store.js';
export { registerClinic, type RegisterOptions, type SyncConfig } from './register.js';
export {
  runSync,
  type KnowledgeUpdateStep,
  type SyncOptions,
  type SyncReport,
} from './run-sync.js';
export { readSyncStatus, type SyncStatusView } from './status.js';
export { startSyncAgent, type SyncAgent, type SyncAgentOptions } from './sync-agent.js';
export { buildTelemetry, type NodeCounters } from './telemetry.js';
