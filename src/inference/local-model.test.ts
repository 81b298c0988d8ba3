import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseCase } from '../clinical/case/parse-case.js';
import { NO_DANGER_SIGNS, run } from '../clinical/test-helpers/classify.js';
import { buildCaseView } from './case-view.js';
import { TINY_SHAPE, writeLlamaGguf } from './gguf/llama-model.js';
import { openLocalModel } from './local-model.js';
import { consultModel } from './model-consult.js';

const dir = mkdtempSync(join(tmpdir(), 'medassist-local-'));
const path = join(dir, 'tiny.gguf');
writeLlamaGguf(path, TINY_SHAPE);
after(() => rmSync(dir, { recursive: true, force: true }));

const findings = { ...NO_DANGER_SIGNS, convulsions_history: true };
const caseView = buildCaseView(
  parseCase({ patient: { age_months: 14 }, findings }, { visitDate: '2026-01-05' }),
);
const protocol = run({ months: 14, findings });

test('a consult through the real local model gives a gated contribution', async () => {
  const local = openLocalModel({ path, tier: 'district-hospital', threads: 1 });
  assert.ok(local.engine);
  try {
    // The random model never stops early: give it the whole schema's worth of byte tokens.
    const out = await consultModel(
      local.engine,
      { caseView, protocol },
      { maxTokens: 1200, temperature: 0.8 },
    );
    assert.equal(out.status, 'contributed', JSON.stringify(out));
    assert.ok(out.status === 'contributed' && out.engine === 'llama.cpp:tiny.gguf');
  } finally {
    await local.engine.close();
  }
});

test('with too little free memory no model is opened and the notice says the guidelines go on', () => {
  const local = openLocalModel({ path, tier: 'rural-clinic' }, { freeBytes: () => 1024 ** 2 });
  assert.equal(local.engine, null);
  assert.ok(local.engine === null && local.code === 'MODEL_DOES_NOT_FIT');
  assert.match(local.engine === null ? local.notice : '', /guidelines alone/);
});

test('a missing model file is a notice, not a crash', () => {
  const local = openLocalModel({ path: join(dir, 'gone.gguf'), tier: 'rural-clinic' });
  assert.ok(local.engine === null && local.code === 'MODEL_FILE_MISSING');
});

test('threads and mmap come from the tier', () => {
  const local = openLocalModel({ path, tier: 'village-health-post' }, { cores: 8 });
  assert.ok(local.engine);
  assert.equal(local.tier.useMmap, false);
  assert.equal(local.maxTokens, local.tier.maxTokens);
  void local.engine.close();
});
