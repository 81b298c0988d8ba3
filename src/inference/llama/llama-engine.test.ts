import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { TINY_SHAPE, writeLlamaGguf } from '../gguf/llama-model.js';
import { MODEL_ANSWER_JSON_SCHEMA, parseModelAnswer } from '../output-schema.js';
import type { ChatRequest } from '../types.js';
import { createLlamaEngine, type LlamaEngine } from './llama-engine.js';

const dir = mkdtempSync(join(tmpdir(), 'medassist-engine-'));
const tiny = join(dir, 'tiny.gguf');
writeLlamaGguf(tiny, TINY_SHAPE);
after(() => rmSync(dir, { recursive: true, force: true }));

const SYSTEM = 'You assist a health worker. Answer in JSON only. '.repeat(8);
const request = (caseText: string, over: Partial<ChatRequest> = {}): ChatRequest => ({
  messages: [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: caseText },
  ],
  jsonSchema: MODEL_ANSWER_JSON_SCHEMA,
  // Enough for the longest answer the schema allows in byte tokens: a random model never stops
  // early, so a smaller cap would cut the JSON.
  maxTokens: 1200,
  temperature: 0.9,
  ...over,
});
/** At least 1,000 characters of text: about a second of generation here, never 60 ms. */
const LONG_ANSWER = {
  type: 'object',
  properties: { text: { type: 'string', minLength: 1000 } },
  required: ['text'],
  additionalProperties: false,
};
const isCode = (code: string) => (e: unknown) => (e as { code?: string }).code === code;

describe('the local engine on the tiny generated model', () => {
  let engine: LlamaEngine;
  before(() => {
    engine = createLlamaEngine({ modelPath: tiny, threads: 1, contextSize: 2048 });
  });
  after(() => engine.close());

  test('answers follow the schema on every run, over several seeds and cases', async () => {
    for (const [i, c] of ['cough 3 days', 'fever, malaria test negative'].entries()) {
      for (const seed of [1, 2]) {
        const res = await engine.complete(request(c, { seed: seed + i * 10 }));
        assert.ok(parseModelAnswer(res.text), res.text);
        assert.ok(res.promptTokens > 0 && res.completionTokens > 0);
      }
    }
  });

  test('the fixed system prompt stays in the KV cache between consults', async () => {
    await engine.complete(request('first case'));
    await engine.complete(request('second case'));
    const timing = engine.lastTiming;
    assert.ok(timing && timing.cachedTokens > timing.promptTokens / 2, JSON.stringify(timing));
  });

  test('an abort mid-generation rejects at once and the same process answers the next request', async () => {
    await engine.load();
    const before = await engine.stats();
    const controller = new AbortController();
    const started = Date.now();
    // A schema that forces a long answer: the answer schema lets a quick run close its JSON
    // within the 60 ms before the abort (an idle CI machine did), and then nothing is aborted.
    const pending = engine.complete(
      request('long case', { signal: controller.signal, jsonSchema: LONG_ANSWER }),
    );
    setTimeout(() => controller.abort(), 60);
    await assert.rejects(pending, isCode('MODEL_ABORTED'));
    assert.ok(Date.now() - started < 1000);
    const res = await engine.complete(request('next case'));
    assert.ok(parseModelAnswer(res.text));
    assert.equal((await engine.stats())?.pid, before?.pid);
  });

  test('the clinic event loop keeps turning while the model generates', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const res = await engine.complete(request('responsive case', { seed: 5 }));
    clearInterval(timer);
    assert.ok(res.ms > 100, `${res.ms}`);
    assert.ok(ticks >= res.ms / 10 / 3, `${ticks} ticks in ${res.ms} ms`);
  });
});

describe('an engine with a short timeout and no prefix cache', () => {
  let engine: LlamaEngine;
  before(() => {
    engine = createLlamaEngine({ modelPath: tiny, threads: 1, timeoutMs: 300, prefixCache: false });
  });
  after(() => engine.close());

  test('a request over its timeout stops with MODEL_ABORTED [timeout] and the engine still works', async () => {
    await engine.load();
    // 5 ms: well inside prompt evaluation and generation however fast the machine is (an idle
    // one finished the whole answer within the engine's 300 ms).
    await assert.rejects(engine.complete(request('slow case', { timeoutMs: 5 })), /\[timeout\]/);
    const quick = await engine.complete(request('short case', { maxTokens: 4 }));
    assert.ok(quick.completionTokens <= 4);
  });

  test('without the prefix cache every consult evaluates the whole prompt again', async () => {
    await engine.complete(request('a', { maxTokens: 4 }));
    await engine.complete(request('b', { maxTokens: 4 }));
    assert.equal(engine.lastTiming?.cachedTokens, 0);
  });
});

test('the memory guard refuses a model over the budget before starting any process', async () => {
  const engine = createLlamaEngine({ modelPath: tiny, threads: 1, budgetBytes: 1024 });
  await assert.rejects(engine.complete(request('x')), isCode('MODEL_DOES_NOT_FIT'));
  assert.equal(engine.loaded, false);
  await engine.close();
});

test('an idle model is unloaded and loads again on the next request', async () => {
  const engine = createLlamaEngine({ modelPath: tiny, threads: 1, idleUnloadMs: 50 });
  try {
    await engine.complete(request('a', { maxTokens: 4 }));
    assert.equal(engine.loaded, true);
    await sleep(600);
    assert.equal(engine.loaded, false);
    assert.equal(await engine.stats(), null);
    await engine.complete(request('b', { maxTokens: 4 }));
    assert.equal(engine.loaded, true);
  } finally {
    await engine.close();
  }
});

test('a closed engine refuses requests with MODEL_CLOSED', async () => {
  const engine = createLlamaEngine({ modelPath: tiny, threads: 1 });
  await engine.close();
  await assert.rejects(engine.complete(request('x')), isCode('MODEL_CLOSED'));
});

// ../shared beside the repository, when present.
const STORIES = fileURLToPath(
  new URL('../../../../shared/models/stories260K.gguf', import.meta.url),
);
test(
  'the shared stories260K model answers within the schema',
  { skip: existsSync(STORIES) ? false : `no ${STORIES} (../shared absent)` },
  async () => {
    const engine = createLlamaEngine({ modelPath: STORIES, threads: 1 });
    try {
      for (const seed of [1, 2]) {
        const res = await engine.complete(request('cough and fever', { seed }));
        assert.ok(parseModelAnswer(res.text), res.text);
      }
    } finally {
      await engine.close();
    }
  },
);
