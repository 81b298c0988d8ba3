/**
 * What the model may write into a consult: a short summary for the record, a differential for
 * complaints the protocols do not cover, and red flags to watch for (issue 5). Terse by design:
 * bounded strings and counts keep generation short, and confidence is an enumerated level,
 * never a free number. The JSON schema constrains generation; the zod schema checks the parsed
 * answer again, since a remote engine may ignore the schema.
 */
import { z } from 'zod';
import { ENGINE_ERRORS } from './types.js';
import { MedAssistError } from '../shared/errors.js';

export const CONFIDENCE_LEVELS = ['low', 'medium', 'high'] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

export const ANSWER_LIMITS = {
  summaryChars: 160,
  conditionChars: 48,
  differentialItems: 2,
  redFlagChars: 60,
  redFlags: 3,
} as const;
const L = ANSWER_LIMITS;

/**
 * A bounded string counted in characters (code points), as JSON Schema's `maxLength` and the
 * grammar count them; zod's own `.max` counts UTF-16 units, so one emoji would count two.
 */
const text = (max: number) =>
  z
    .string()
    .min(1)
    .refine((s) => [...s].length <= max, { message: `more than ${max} characters` })
    .meta({ maxLength: max });

export const modelAnswerSchema = z.strictObject({
  summary: text(L.summaryChars),
  differential: z
    .array(
      z.strictObject({
        condition: text(L.conditionChars),
        confidence: z.enum(CONFIDENCE_LEVELS),
      }),
    )
    .max(L.differentialItems),
  redFlags: z.array(text(L.redFlagChars)).max(L.redFlags),
  confidence: z.enum(CONFIDENCE_LEVELS),
});
export type ModelAnswer = z.infer<typeof modelAnswerSchema>;
export type DifferentialItem = ModelAnswer['differential'][number];

const level = { type: 'string', enum: CONFIDENCE_LEVELS } as const;

/**
 * The same shape as a JSON schema, written by hand in the subset that both node-llama-cpp's
 * grammar builder and OpenAI-style `response_format` accept (a test keeps it in step with zod).
 */
export const MODEL_ANSWER_JSON_SCHEMA = {
  type: 'object',
  properties: {
    summary: { type: 'string', minLength: 1, maxLength: L.summaryChars },
    differential: {
      type: 'array',
      maxItems: L.differentialItems,
      items: {
        type: 'object',
        properties: {
          condition: { type: 'string', minLength: 1, maxLength: L.conditionChars },
          confidence: level,
        },
        required: ['condition', 'confidence'],
        additionalProperties: false,
      },
    },
    redFlags: {
      type: 'array',
      maxItems: L.redFlags,
      items: { type: 'string', minLength: 1, maxLength: L.redFlagChars },
    },
    confidence: level,
  },
  required: ['summary', 'differential', 'redFlags', 'confidence'],
  additionalProperties: false,
} as const;

/**
 * Bytes that were not valid UTF-8 decode to one U+FFFD each, while the grammar counted the
 * sequence as one character: a run of them becomes one, so the bounds agree. Control
 * characters other than the newline become spaces.
 */
export function cleanText(s: string): string {
  return (
    s
      .replace(/\uFFFD+/g, '\uFFFD')
      // eslint-disable-next-line no-control-regex -- control characters are what it removes
      .replace(/[\u0000-\u0009\u000B-\u001F\u007F]/g, ' ')
      .normalize('NFC')
  );
}

/**
 * Untrusted model text to a typed answer. Throws MODEL_ANSWER_INVALID naming the field; the
 * model text itself is not put in the message (it may echo case details).
 */
export function parseModelAnswer(raw: string): ModelAnswer {
  let json: unknown;
  try {
    json = JSON.parse(raw, (_key, value: unknown) =>
      typeof value === 'string' ? cleanText(value) : value,
    );
  } catch (cause) {
    throw new MedAssistError(ENGINE_ERRORS.badAnswer, 'model answer is not JSON', { cause });
  }
  const parsed = modelAnswerSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    throw new MedAssistError(
      ENGINE_ERRORS.badAnswer,
      `model answer does not follow the schema [${field}]: ${issue?.message ?? ''}`,
    );
  }

  return parsed.data;
}

/**
 * The level as a weight for merging answers (orchestrator). Limitation: these weights are a
 * convention, not calibrated against outcomes; a tiny model's "high" means little.
 */
export const CONFIDENCE_WEIGHT: Readonly<Record<Confidence, number>> = {
  low: 0.3,
  medium: 0.6,
  high: 0.9,
};
