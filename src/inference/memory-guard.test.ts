import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { TINY_SHAPE, writeLlamaGguf } from './gguf/llama-model.js';
import { decideFit, estimateFootprint } from './memory-guard.js';

const dir = mkdtempSync(join(tmpdir(), 'medassist-guard-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const path = join(dir, 'tiny.gguf');
const size = writeLlamaGguf(path, TINY_SHAPE);
const MiB = 1024 ** 2;

test('the footprint counts the file, the KV cache of the context and the compute buffers', () => {
  const f = estimateFootprint(path, 1024);
  assert.equal(f.fileBytes, size);
  // 2 (K, V) x 2 bytes x layers x positions x KV width (16 per head x 2 KV heads).
  assert.equal(f.kvBytes, 2 * 2 * TINY_SHAPE.layers * 1024 * 32);
  assert.equal(f.totalBytes, f.fileBytes + f.kvBytes + f.computeBytes);
});

test('a model within the tier budget and the free memory fits', () => {
  const f = estimateFootprint(path, 1024);
  assert.equal(decideFit(f, { budgetBytes: f.totalBytes, freeBytes: f.totalBytes * 2 }).fits, true);
});

test('a model one byte over the tier budget is refused with a notice naming the budget', () => {
  const f = estimateFootprint(path, 1024);
  const d = decideFit(f, { budgetBytes: f.totalBytes - 1, freeBytes: 1e12 });
  assert.equal(d.fits, false);
  assert.ok(!d.fits && d.reason === 'over-tier-budget');
  assert.match(!d.fits ? d.notice : '', /guidelines alone/);
});

test('a model that fits the budget but not three quarters of free memory is refused', () => {
  const f = estimateFootprint(path, 1024);
  const d = decideFit(f, { budgetBytes: 1e12, freeBytes: f.totalBytes / 0.75 - MiB });
  assert.ok(!d.fits && d.reason === 'low-free-memory');
  assert.equal(decideFit(f, { budgetBytes: 1e12, freeBytes: f.totalBytes / 0.75 }).fits, true);
});

test('a file that is not GGUF is refused as MODEL_FILE_INVALID', () => {
  const bad = join(dir, 'notes.gguf');
  writeFileSync(bad, 'not a model');
  assert.throws(() => estimateFootprint(bad, 1024), { code: 'MODEL_FILE_INVALID' });
});

test('a missing model file is refused as MODEL_FILE_MISSING naming the path', () => {
  assert.throws(() => estimateFootprint(join(dir, 'gone.gguf'), 1024), {
    code: 'MODEL_FILE_MISSING',
    message: /gone\.gguf\]/,
  });
});
