/** What every route module of the clinic node is given. */
import type { Edition } from '../../clinical/engine/types.js';
import type { KnowledgeBase } from '../../knowledge/index.js';
import type { OpenClinic } from '../clinic.js';
import type { HybridOptions } from '../../inference/orchestrator/index.js';
import type { ConsultStats } from './consult-stats.js';
import type { Logger } from './log.js';
import type { SyncAgentHandle } from './status-view.js';

export interface NodeContext {
  clinic: OpenClinic;
  /** The clinic's knowledge DB, opened once for the life of the node; null when absent. */
  kb: KnowledgeBase | null;
  edition: Edition;
  log: Logger;
  syncAgent: SyncAgentHandle | null;
  /** Cookies get `Secure` when the node is reached over TLS (a proxy in front). */
  secureCookies: boolean;
  /** The model step (local engine and/or cloud model), when the clinic has one. */
  model?: HybridOptions;
  /** Consult durations for telemetry; none: not measured. */
  consultStats?: ConsultStats;
  /** Today's date in the clinic's time zone, `YYYY-MM-DD`. */
  today(): string;
}
