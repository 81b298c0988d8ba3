/**
 * The one interface every model engine speaks (contracts.md, "Model"): the local llama.cpp
 * engine here, the OpenAI-compatible HTTP client and the hybrid orchestrator (modelnet) build
 * on it. An engine answers one chat request whose output is constrained to a JSON schema.
 */

export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

export interface ChatRequest {
  messages: readonly ChatMessage[];
  /** JSON schema the answer must follow (the engine constrains generation to it). */
  jsonSchema: object;
  maxTokens: number;
  temperature?: number;
  /** For reproducible sampling where the engine supports it; others ignore it. */
  seed?: number;
  /**
   * Stops the generation. `complete` then rejects with a MedAssistError of code
   * `MODEL_ABORTED`; the engine stays usable for the next request.
   */
  signal?: AbortSignal;
  /** This request's time limit in milliseconds, instead of the engine's; engines without
   * their own limit ignore it (the caller's signal still applies). */
  timeoutMs?: number;
}

export interface ChatResult {
  /** The raw answer text (JSON by the schema); parse it with `parseModelAnswer`. */
  text: string;
  promptTokens: number;
  completionTokens: number;
  /** Wall time of the request, queueing included. */
  ms: number;
}

export interface ChatEngine {
  /** For records and telemetry, e.g. `llama.cpp:model-file-name`; never a path with a name. */
  name: string;
  complete(req: ChatRequest): Promise<ChatResult>;
  close(): Promise<void>;
}

/** Stable error codes of the engines (MedAssistError.code). */
export const ENGINE_ERRORS = {
  aborted: 'MODEL_ABORTED',
  closed: 'MODEL_CLOSED',
  loadFailed: 'MODEL_LOAD_FAILED',
  doesNotFit: 'MODEL_DOES_NOT_FIT',
  badAnswer: 'MODEL_ANSWER_INVALID',
} as const;
