/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment --
   the API's JSON answers are read by path; a wrong path fails its assertion. */
/**
 * The web path's model notes with real llama.cpp: the tiny generated model (random weights,
 * byte vocabulary, src/inference/gguf) answers through the node, and what the node answered
 * is what the encounter keeps. One thread, set explicitly: the machine's cores are shared.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { TINY_SHAPE, writeLlamaGguf } from '../../inference/gguf/llama-model.js';
import { createLlamaEngine, type LlamaEngine } from '../../inference/llama/llama-engine.js';
import { apiClient, startNodeFixture, type NodeFixture } from './test-helpers/node-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'medassist-notes-llama-'));
let engine: LlamaEngine;
let fixture: NodeFixture;
before(async () => {
  const tiny = join(dir, 'tiny.gguf');
  writeLlamaGguf(tiny, TINY_SHAPE);
  engine = createLlamaEngine({ modelPath: tiny, threads: 1, contextSize: 2048 });
  fixture = await startNodeFixture({
    // A random model never stops early: room for the longest answer the schema allows.
    model: { local: engine, mode: () => 'OFFLINE', maxTokens: 1200, localTimeoutMs: 30_000 },
  });
});
after(async () => {
  await fixture?.close();
  await engine?.close();
  rmSync(dir, { recursive: true, force: true });
});

void test('the notes of the real local engine are kept with the encounter as answered', async () => {
  const api = apiClient(fixture.url);
  await api.signIn('nurse');
  const patient = await api.call('POST', '/api/patients', { name: 'Llama Child' });
  const body = {
    case: { patient: { id: patient.body.id, age_months: 18, weight_kg: 11 }, findings: {} },
  };
  const notes = await api.call('POST', '/api/consult/model', body);
  assert.equal(notes.status, 200);
  assert.match(String(notes.body.model.engines.local), /llama/);
  assert.equal(notes.body.model.servedBy, 'local', 'the grammar-bound answer passed the schema');
  const saved = await api.call('POST', '/api/encounters', {
    ...body,
    idempotencyKey: 'llama-key-1',
  });
  const encounterId = saved.body.saved.encounterId as string;
  const attach = await api.call('POST', `/api/encounters/${encounterId}/model-notes`, {
    notesId: notes.body.notesId,
  });
  assert.equal(attach.body.attached, true);
  const opened = await api.call('GET', `/api/encounters/${encounterId}`);
  assert.deepEqual(opened.body.encounter.model, notes.body.model);
});
