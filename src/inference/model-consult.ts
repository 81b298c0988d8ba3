/**
 * One consult through a model: prompt, generation, parse, safety gate. Expected failures (the
 * model does not fit, times out, or answers outside the schema) are outcomes, not exceptions:
 * the consult goes on with the protocol alone and the record says why.
 */
import { MedAssistError } from '../shared/errors.js';
import type { CaseView } from './case-view.js';
import { MODEL_ANSWER_JSON_SCHEMA, parseModelAnswer } from './output-schema.js';
import {
  buildConsultMessages,
  PROMPT_VERSION,
  type PassageRef,
  type PromptProtocol,
} from './prompt.js';
import { ENGINE_ERRORS, type ChatEngine } from './types.js';
import { validateContribution, type ModelContribution } from './validator.js';

export type ModelOutcome =
  | {
      status: 'contributed';
      engine: string;
      promptVersion: number;
      contribution: ModelContribution;
      ms: number;
      promptTokens: number;
      completionTokens: number;
    }
  | { status: 'unavailable'; engine: string | null; code: string; notice: string; ms: number };

export interface ModelConsultOptions {
  maxTokens: number;
  temperature?: number;
  signal?: AbortSignal;
}

const NOTICES: Readonly<Record<string, string>> = {
  [ENGINE_ERRORS.aborted]:
    'the model took too long and was stopped; the guideline result stands alone',
  [ENGINE_ERRORS.badAnswer]: 'the model answer was not usable; the guideline result stands alone',
  [ENGINE_ERRORS.closed]: 'the model is not running; the guideline result stands alone',
};

/** The outcome when there is no model at all (no file, the guard refused it, tier without one). */
export function modelUnavailable(code: string, notice: string): ModelOutcome {
  return { status: 'unavailable', engine: null, code, notice, ms: 0 };
}

export async function consultModel(
  engine: ChatEngine,
  input: { caseView: CaseView; protocol: PromptProtocol; passages?: readonly PassageRef[] },
  options: ModelConsultOptions,
): Promise<ModelOutcome> {
  const started = Date.now();
  try {
    const res = await engine.complete({
      messages: buildConsultMessages(input.caseView, input.protocol, input.passages),
      jsonSchema: MODEL_ANSWER_JSON_SCHEMA,
      maxTokens: options.maxTokens,
      temperature: options.temperature ?? 0,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const contribution = validateContribution(input.protocol, parseModelAnswer(res.text));

    return {
      status: 'contributed',
      engine: engine.name,
      promptVersion: PROMPT_VERSION,
      contribution,
      ms: Date.now() - started,
      promptTokens: res.promptTokens,
      completionTokens: res.completionTokens,
    };
  } catch (error) {
    if (!(error instanceof MedAssistError)) throw error;
    const notice =
      NOTICES[error.code] ?? `the model failed [${error.code}]; the guideline result stands alone`;
    return {
      status: 'unavailable',
      engine: engine.name,
      code: error.code,
      notice,
      ms: Date.now() - started,
    };
  }
}
