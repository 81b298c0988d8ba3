import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { MedAssistError } from '../shared/errors.js';
import {
  ANSWER_LIMITS,
  cleanText,
  MODEL_ANSWER_JSON_SCHEMA,
  modelAnswerSchema,
  parseModelAnswer,
} from './output-schema.js';

const valid = {
  summary: 'Cough for 3 days with fast breathing.',
  differential: [{ condition: 'Asthma', confidence: 'low' }],
  redFlags: ['Chest indrawing'],
  confidence: 'medium',
};

test('the hand-written JSON schema has the fields, bounds and enums of the zod schema', () => {
  const fromZod = z.toJSONSchema(modelAnswerSchema) as Record<string, unknown>;
  const strip = (s: unknown): unknown =>
    JSON.parse(JSON.stringify(s), (k, v: unknown) => (k === '$schema' ? undefined : v));
  assert.deepEqual(strip(fromZod), strip(MODEL_ANSWER_JSON_SCHEMA));
});

test('a valid answer parses to the same value', () => {
  assert.deepEqual(parseModelAnswer(JSON.stringify(valid)), valid);
});

test('text that is not JSON is refused with MODEL_ANSWER_INVALID', () => {
  assert.throws(
    () => parseModelAnswer('{"summary": "cut off'),
    (e: unknown) => e instanceof MedAssistError && e.code === 'MODEL_ANSWER_INVALID',
  );
});

test('a free number for confidence is refused, naming the field', () => {
  assert.throws(
    () => parseModelAnswer(JSON.stringify({ ...valid, confidence: 0.95 })),
    /\[confidence\]/,
  );
});

test('a summary one character over its bound is refused and at the bound is accepted', () => {
  const at = { ...valid, summary: 'x'.repeat(ANSWER_LIMITS.summaryChars) };
  assert.equal(parseModelAnswer(JSON.stringify(at)).summary.length, ANSWER_LIMITS.summaryChars);
  const over = { ...valid, summary: 'x'.repeat(ANSWER_LIMITS.summaryChars + 1) };
  assert.throws(() => parseModelAnswer(JSON.stringify(over)), /\[summary\]/);
});

test('extra fields are refused so a model cannot smuggle in a dose field', () => {
  const extra = { ...valid, dose: '500 mg' };
  assert.throws(() => parseModelAnswer(JSON.stringify(extra)), MedAssistError);
});

test('more red flags than the bound are refused', () => {
  const many = {
    ...valid,
    redFlags: Array.from({ length: ANSWER_LIMITS.redFlags + 1 }, () => 'x'),
  };
  assert.throws(() => parseModelAnswer(JSON.stringify(many)), /\[redFlags\]/);
});

test('bounds count characters, so an emoji at the bound is one character, not two', () => {
  const at = { ...valid, redFlags: [`${'x'.repeat(ANSWER_LIMITS.redFlagChars - 1)}🩺`] };
  assert.equal(parseModelAnswer(JSON.stringify(at)).redFlags.length, 1);
});

test('a run of undecodable bytes counts as one character and control characters as spaces', () => {
  assert.equal(cleanText('a\uFFFD\uFFFD\uFFFDb'), 'a\uFFFDb');
  assert.equal(cleanText('a\tb\nc'), 'a b\nc');
});
