/**
 * The part of the OpenAI chat completions API that MedAssist speaks, on both sides: the
 * client (clinic to coordinator, coordinator to model servers) and `medassist model serve`.
 * vLLM, llama.cpp's server and Ollama accept the same request shape; JSON-schema output is
 * asked for with `response_format: { type: 'json_schema', json_schema: { name, schema,
 * strict } }` (OpenAI API reference, "Structured Outputs").
 */
import { z } from 'zod';

const Role = z.enum(['system', 'user', 'assistant']);

export const ChatMessage = z.object({
  role: Role,
  content: z.string().max(200_000),
});

const JsonSchemaFormat = z.object({
  type: z.literal('json_schema'),
  json_schema: z.object({
    name: z.string().min(1).max(64),
    schema: z.record(z.string(), z.unknown()),
    strict: z.boolean().optional(),
  }),
});
const TextFormat = z.object({ type: z.enum(['text', 'json_object']) });

/** A chat completions request; unknown keys (top_p, seed, ...) are accepted and ignored. */
export const ChatCompletionRequest = z.object({
  model: z.string().max(200).optional(),
  messages: z.array(ChatMessage).min(1).max(64),
  response_format: z.union([JsonSchemaFormat, TextFormat]).optional(),
  max_tokens: z.number().int().min(1).max(8192).optional(),
  max_completion_tokens: z.number().int().min(1).max(8192).optional(),
  temperature: z.number().min(0).max(2).optional(),
  stream: z.boolean().optional(),
});
export type ChatCompletionRequest = z.infer<typeof ChatCompletionRequest>;

/** What the client reads from an answer: the first choice and the token counts. */
export const ChatCompletionResponse = z.object({
  id: z.string().optional(),
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullable() }),
        finish_reason: z.string().nullable().optional(),
      }),
    )
    .min(1),
  usage: z
    .object({ prompt_tokens: z.number().int().min(0), completion_tokens: z.number().int().min(0) })
    .optional(),
});
export type ChatCompletionResponse = z.infer<typeof ChatCompletionResponse>;

/** The error body of the OpenAI API: `{ error: { message, type, code } }`. */
export interface ApiErrorBody {
  error: { message: string; type: string; code: string | null };
}

export function apiError(type: string, message: string, code: string | null = null): ApiErrorBody {
  return { error: { message, type, code } };
}

/** Builds the answer of a finished completion, with the usage the client reads. */
export function completionBody(o: {
  id: string;
  model: string;
  text: string;
  promptTokens: number;
  completionTokens: number;
  finishReason: 'stop' | 'length';
}) {
  return {
    id: o.id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: o.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: o.text },
        finish_reason: o.finishReason,
      },
    ],
    usage: {
      prompt_tokens: o.promptTokens,
      completion_tokens: o.completionTokens,
      total_tokens: o.promptTokens + o.completionTokens,
    },
  };
}
