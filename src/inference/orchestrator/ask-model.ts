/**
 * One model call of the orchestrator: prompt, JSON-schema output, parse, safety gate. It is
 * bounded twice: by an abort signal the engine honours, and by a deadline here that stops
 * waiting even for an engine that does not, so a consult's worst case is known in advance.
 * Failures are values (a stable code), since the protocol result stands without a model.
 */
import { performance } from 'node:perf_hooks';
import { MedAssistError } from '../../shared/errors.js';
import { MODEL_ANSWER_JSON_SCHEMA, parseModelAnswer } from '../output-schema.js';
import type { ChatEngine, ChatMessage } from '../types.js';
import { validateContribution, type ModelContribution } from '../validator.js';
import { buildCasePrompt, type PromptView } from './case-prompt.js';

export type Asked =
  | { ok: true; contribution: ModelContribution; ms: number }
  | { ok: false; code: string; ms: number };

export interface AskOptions {
  timeoutMs: number;
  maxTokens: number;
  messages?: ChatMessage[] | undefined;
}

/** Stops waiting at `ms` even if the engine ignores its signal. */
function withDeadline<T>(job: Promise<T>, ms: number, controller: AbortController): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new MedAssistError('MODEL_TIMEOUT', `no model answer within [${ms}] ms`));
    }, ms);
  });
  // An engine that rejects after the deadline must not surface as an unhandled rejection.
  job.catch(() => undefined);
  return Promise.race([job, deadline]).finally(() => clearTimeout(timer));
}

export async function askModel(
  engine: ChatEngine,
  view: PromptView,
  o: AskOptions,
): Promise<Asked> {
  const started = performance.now();
  const controller = new AbortController();
  const elapsed = () => Math.round(performance.now() - started);
  const request = {
    messages: o.messages ?? buildCasePrompt(view),
    jsonSchema: MODEL_ANSWER_JSON_SCHEMA,
    maxTokens: o.maxTokens,
    temperature: 0,
    signal: controller.signal,
  };
  try {
    const result = await withDeadline(engine.complete(request), o.timeoutMs, controller);
    const contribution = validateContribution(view, parseModelAnswer(result.text));
    return { ok: true, contribution, ms: elapsed() };
  } catch (error) {
    const code = error instanceof MedAssistError ? error.code : 'MODEL_FAILED';
    return { ok: false, code, ms: elapsed() };
  }
}
