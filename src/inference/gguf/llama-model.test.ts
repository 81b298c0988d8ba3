import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { getLlama, LlamaCompletion, LlamaLogLevel } from 'node-llama-cpp';
import { archNumber, readGgufHeader } from './gguf-header.js';
import { BENCH_2B_SHAPE, buildVocab, TINY_SHAPE, writeLlamaGguf } from './llama-model.js';
import { tensorBytes, toF16 } from './quant.js';

const dir = mkdtempSync(join(tmpdir(), 'medassist-gguf-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('the tiny model header carries the llama keys llama.cpp reads', () => {
  const path = join(dir, 'tiny.gguf');
  const bytes = writeLlamaGguf(path, TINY_SHAPE);
  const header = readGgufHeader(path);
  assert.equal(header.fileBytes, bytes);
  assert.equal(header.version, 3);
  // token_embd, 9 per layer, output_norm, output
  assert.equal(header.tensorCount, 3 + 9 * TINY_SHAPE.layers);
  assert.equal(header.metadata.get('general.architecture'), 'llama');
  assert.equal(header.metadata.get('tokenizer.ggml.model'), 'llama');
  assert.equal(archNumber(header, 'block_count'), TINY_SHAPE.layers);
  assert.equal(archNumber(header, 'attention.head_count_kv'), TINY_SHAPE.headsKv);
  assert.equal(archNumber(header, 'rope.dimension_count'), TINY_SHAPE.embd / TINY_SHAPE.heads);
});

test('the same seed writes the same file and another seed a different one', () => {
  const [a, b, c] = ['a', 'b', 'c'].map((n) => join(dir, `${n}.gguf`)) as [string, string, string];
  writeLlamaGguf(a, TINY_SHAPE, 7);
  writeLlamaGguf(b, TINY_SHAPE, 7);
  writeLlamaGguf(c, TINY_SHAPE, 8);
  assert.ok(readFileSync(a).equals(readFileSync(b)));
  assert.ok(!readFileSync(a).equals(readFileSync(c)));
});

test('the vocabulary is specials, 256 byte tokens and the word-start mark', () => {
  const { tokens, types } = buildVocab(TINY_SHAPE.vocab);
  assert.equal(tokens.length, 260);
  assert.equal(tokens[3], '<0x00>');
  assert.equal(tokens[258], '<0xFF>');
  assert.equal(tokens[259], '▁');
  assert.equal(types.filter((t) => t === 6).length, 256);
  assert.equal(new Set(buildVocab(32000).tokens).size, 32000);
});

test('half floats and block sizes follow ggml', () => {
  assert.equal(toF16(1), 0x3c00);
  assert.equal(toF16(-2), 0xc000);
  assert.equal(toF16(0.5), 0x3800);
  assert.equal(tensorBytes('Q4_0', [64, 3]), 2 * 18 * 3);
  assert.equal(tensorBytes('Q8_0', [32]), 34);
  assert.throws(() => tensorBytes('Q4_0', [48]), /multiple of 32 \[48\]/);
});

test('the 2B-class benchmark shape is a 1-1.5 GB Q4_0 model', () => {
  const s = BENCH_2B_SHAPE;
  const kv = (s.embd / s.heads) * s.headsKv;
  const layer = [
    [s.embd, s.embd],
    [s.embd, kv],
    [s.embd, kv],
    [s.embd, s.embd],
    [s.embd, s.ff],
    [s.ff, s.embd],
    [s.embd, s.ff],
  ].reduce((n, dims) => n + tensorBytes(s.type, dims), 0);
  const total = s.layers * layer + 2 * tensorBytes(s.type, [s.embd, s.vocab]);
  assert.ok(total > 1.0e9 && total < 1.5e9, `${total}`);
});

for (const type of ['F32', 'Q8_0', 'Q4_0'] as const) {
  test(`node-llama-cpp loads the tiny ${type} model and generates text`, async () => {
    const path = join(dir, `tiny-${type}.gguf`);
    writeLlamaGguf(path, { ...TINY_SHAPE, type });
    const llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error });
    const model = await llama.loadModel({ modelPath: path, gpuLayers: 0 });
    const context = await model.createContext({ contextSize: 256, threads: 1 });
    try {
      assert.equal(model.detokenize(model.tokenize('cough, fever')), 'cough, fever');
      const completion = new LlamaCompletion({ contextSequence: context.getSequence() });
      const meta = await completion.generateCompletionWithMeta('Child with', { maxTokens: 8 });
      assert.equal(meta.metadata.stopReason, 'maxTokens');
      assert.ok(meta.response.length > 0);
    } finally {
      await context.dispose();
      await model.dispose();
    }
  });
}

test('words seed the vocabulary with every prefix so a common word becomes one token', async () => {
  const path = join(dir, 'words.gguf');
  writeLlamaGguf(path, { ...TINY_SHAPE, vocab: 2048 }, 1, ['cough', 'breathing']);
  const llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error });
  const model = await llama.loadModel({ modelPath: path, gpuLayers: 0 });
  try {
    assert.equal(model.tokenize('cough breathing').length, 2);
    assert.equal(
      model.detokenize(model.tokenize('Fast breathing, 52/min')),
      'Fast breathing, 52/min',
    );
  } finally {
    await model.dispose();
  }
});
