/**
 * Messages between the engine (clinic node side) and its llama.cpp host process. The model
 * runs in a child process so a long prompt evaluation never blocks the clinic node's event
 * loop, and its memory is given back whole when it unloads.
 */
import type { ChatMessage } from '../types.js';

export interface HostLoadOptions {
  modelPath: string;
  threads: number;
  contextSize: number;
  useMmap: boolean;
  batchSize: number;
}

export interface HostCompleteRequest {
  t: 'complete';
  id: number;
  messages: readonly ChatMessage[];
  jsonSchema: object;
  maxTokens: number;
  temperature: number;
  seed?: number;
  /** Keep the KV cache of the previous request so a shared prompt prefix is not re-evaluated. */
  prefixCache: boolean;
}

export type HostRequest =
  | ({ t: 'load' } & HostLoadOptions)
  | HostCompleteRequest
  | { t: 'abort'; id: number }
  | { t: 'stats' }
  | { t: 'unload' };

export interface HostStats {
  pid: number;
  rssBytes: number;
  /** Peak resident memory of the host process since it started (getrusage maxrss). */
  peakRssBytes: number;
}

export type HostReply =
  | { t: 'loaded'; ms: number; name: string }
  | { t: 'load-failed'; message: string }
  | {
      t: 'done';
      id: number;
      text: string;
      promptTokens: number;
      cachedTokens: number;
      completionTokens: number;
      promptMs: number;
      generateMs: number;
      stopReason: string;
    }
  | { t: 'failed'; id: number; code: string; message: string }
  | ({ t: 'stats' } & HostStats);
