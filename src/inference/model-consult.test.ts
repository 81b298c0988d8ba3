import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NO_DANGER_SIGNS, run } from '../clinical/test-helpers/classify.js';
import { MedAssistError } from '../shared/errors.js';
import type { CaseView } from './case-view.js';
import { consultModel } from './model-consult.js';
import type { ChatEngine, ChatRequest } from './types.js';

// An in-memory engine for this unit test only; the real one is tested in llama/.
function fakeEngine(answer: (req: ChatRequest) => string | Error): ChatEngine {
  return {
    name: 'fake',
    complete: (req) => {
      const text = answer(req);
      if (text instanceof Error) return Promise.reject(text);
      return Promise.resolve({ text, promptTokens: 1, completionTokens: 1, ms: 1 });
    },
    close: () => Promise.resolve(),
  };
}

const caseView: CaseView = {
  ageMonths: 18,
  ageDays: null,
  sex: null,
  weightKg: 11,
  temperatureC: null,
  heightCm: null,
  pregnant: null,
  findings: { convulsions_history: true },
  medicines: [],
  allergies: [],
};
const protocol = run({ findings: { ...NO_DANGER_SIGNS, convulsions_history: true } });
const input = { caseView, protocol };

test('a model answer that drops the danger sign is overruled and the rest is kept', async () => {
  const engine = fakeEngine(() =>
    JSON.stringify({
      summary: 'No danger signs; mild illness, treat at home.',
      differential: [{ condition: 'Febrile seizure', confidence: 'medium' }],
      redFlags: ['Convulses again'],
      confidence: 'high',
    }),
  );
  const out = await consultModel(engine, input, { maxTokens: 64 });
  assert.equal(out.status, 'contributed');
  assert.ok(out.status === 'contributed');
  assert.equal(out.contribution.summary, null);
  assert.deepEqual(out.contribution.redFlags, ['Convulses again']);
  assert.equal(out.contribution.overruled[0]?.field, 'summary');
  assert.equal(out.contribution.confidence, 'low');
  assert.equal(protocol.urgentReferral, true);
});

test('an answer outside the schema leaves the guideline result alone with a notice', async () => {
  const engine = fakeEngine(() => '{"summary": 3}');
  const out = await consultModel(engine, input, { maxTokens: 64 });
  assert.ok(out.status === 'unavailable' && out.code === 'MODEL_ANSWER_INVALID');
  assert.match(out.notice, /guideline result stands alone/);
});

test('a stopped generation is an outcome, not an exception', async () => {
  const engine = fakeEngine(() => new MedAssistError('MODEL_ABORTED', 'stopped [timeout]'));
  const out = await consultModel(engine, input, { maxTokens: 64 });
  assert.ok(out.status === 'unavailable' && out.code === 'MODEL_ABORTED');
});

test("the engine is asked for the answer schema with the caller's token cap", async () => {
  let seen: ChatRequest | undefined;
  const engine = fakeEngine((req) => {
    seen = req;
    return JSON.stringify({ summary: 'ok', differential: [], redFlags: [], confidence: 'low' });
  });
  await consultModel(engine, input, { maxTokens: 77 });
  assert.equal(seen?.maxTokens, 77);
  assert.equal((seen?.jsonSchema as { type?: string }).type, 'object');
});
