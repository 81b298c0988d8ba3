/**
 * Random-weight llama-architecture models: a tiny one for tests (byte-level vocabulary, a few
 * layers, loads in milliseconds) and one with the shapes of a 2B-class model at Q4_0 for the
 * benchmark. Metadata keys and tensor names are the ones llama.cpp's loader reads for
 * LLM_ARCH_LLAMA (`llama-arch.cpp`: `%s.context_length`, `%s.attention.head_count_kv`, ...,
 * `blk.%d.attn_q.weight`, ...); the tokenizer is SentencePiece style (`tokenizer.ggml.model` =
 * "llama") with byte fallback tokens `<0x00>`..`<0xFF>`.
 */
import type { GgufTensor, GgufValue } from './gguf-writer.js';
import { writeGguf } from './gguf-writer.js';
import { BLOCK, randomBlocks, type TensorType } from './quant.js';

export interface LlamaShape {
  name: string;
  vocab: number;
  embd: number;
  layers: number;
  ff: number;
  heads: number;
  headsKv: number;
  context: number;
  /** Type of the big matrices; norms stay F32 as llama.cpp expects. */
  type: TensorType;
}

/** Loads in milliseconds, runs over a thousand tokens a second on one thread. */
export const TINY_SHAPE: LlamaShape = {
  name: 'medassist-tiny',
  vocab: 260,
  embd: 64,
  layers: 2,
  ff: 128,
  heads: 4,
  headsKv: 2,
  context: 2048,
  type: 'F32',
};

/**
 * 2B-class at Q4_0, about 1.1 GB: the size of the 4-bit model a rural clinic runs (issue 5).
 * About 1.9 billion weights (26 layers of 2048, feed-forward 8192, 32,000 tokens).
 */
export const BENCH_2B_SHAPE: LlamaShape = {
  name: 'medassist-bench-2b-q4',
  vocab: 32000,
  embd: 2048,
  layers: 26,
  ff: 8192,
  heads: 16,
  headsKv: 16,
  context: 4096,
  type: 'Q4_0',
};

// llama_token_type (llama.h): 1 normal, 2 unknown, 3 control, 6 byte.
const SPECIALS = ['<unk>', '<s>', '</s>'];
const hex = (b: number) => b.toString(16).toUpperCase().padStart(2, '0');

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const PRINTABLE = Array.from({ length: 0x7e - 0x20 }, (_, i) => String.fromCharCode(0x21 + i));

/** Every prefix of the word with and without the word-start mark: `▁c`, `▁co`, ..., `c`, `co`. */
const prefixes = (word: string) =>
  [...word].flatMap((_, i) => [`▁${word.slice(0, i + 1)}`, word.slice(0, i + 1)]);

/** Letter strings of growing length (`a`..`z`, `aa`..`zz`, ...), endless. */
function* letterPieces(): Generator<string> {
  for (let pieces = ['']; ;) {
    pieces = pieces.flatMap((p) => [...LETTERS].map((c) => p + c));
    for (const p of pieces) yield* [`▁${p}`, p];
  }
}

/**
 * Specials, 256 byte tokens and the word-start mark; then, room allowing, printable ASCII,
 * every prefix of `words` (so SentencePiece can merge a word character by character into one
 * token, as a trained vocabulary does for common words), then letter strings up to `size`.
 */
export function buildVocab(size: number, words: readonly string[] = []) {
  const tokens = [...SPECIALS, ...Array.from({ length: 256 }, (_, b) => `<0x${hex(b)}>`)];
  const types = [2, 3, 3, ...Array<number>(256).fill(6)];
  // The word-start mark must be a piece of its own, or a space would come back as the three
  // UTF-8 bytes of U+2581 when text is detokenized.
  tokens.push('▁');
  types.push(1);
  if (tokens.length > size) throw new RangeError(`vocabulary below ${tokens.length} [${size}]`);
  const seen = new Set(tokens);
  const add = (p: string) => {
    if (tokens.length >= size || seen.has(p)) return;
    seen.add(p);
    tokens.push(p);
    types.push(1);
  };
  PRINTABLE.flatMap((c) => [`▁${c}`, c]).forEach(add);
  words.flatMap(prefixes).forEach(add);
  for (const p of letterPieces()) {
    if (tokens.length >= size) break;
    add(p);
  }
  // SentencePiece merges the pair whose result scores highest: longer pieces first.
  const scores = tokens.map((t, i) => (i < 260 ? 0 : [...t].length - i / size));

  return { tokens, types, scores };
}

function metadata(s: LlamaShape, words: readonly string[]): Record<string, GgufValue> {
  const u32 = (value: number) => ({ type: 'u32', value }) as const;
  const vocab = buildVocab(s.vocab, words);
  const fileType = { F32: 0, Q4_0: 2, Q8_0: 7 }[s.type];
  return {
    'general.architecture': { type: 'string', value: 'llama' },
    'general.name': { type: 'string', value: s.name },
    'general.file_type': u32(fileType),
    'llama.context_length': u32(s.context),
    'llama.embedding_length': u32(s.embd),
    'llama.block_count': u32(s.layers),
    'llama.feed_forward_length': u32(s.ff),
    'llama.attention.head_count': u32(s.heads),
    'llama.attention.head_count_kv': u32(s.headsKv),
    'llama.rope.dimension_count': u32(s.embd / s.heads),
    'llama.rope.freq_base': { type: 'f32', value: 10000 },
    'llama.attention.layer_norm_rms_epsilon': { type: 'f32', value: 1e-5 },
    'llama.vocab_size': u32(s.vocab),
    'tokenizer.ggml.model': { type: 'string', value: 'llama' },
    'tokenizer.ggml.tokens': { type: 'string[]', value: vocab.tokens },
    'tokenizer.ggml.scores': { type: 'f32[]', value: vocab.scores },
    'tokenizer.ggml.token_type': { type: 'i32[]', value: vocab.types },
    'tokenizer.ggml.unknown_token_id': u32(0),
    'tokenizer.ggml.bos_token_id': u32(1),
    'tokenizer.ggml.eos_token_id': u32(2),
    'tokenizer.ggml.add_bos_token': { type: 'bool', value: true },
  };
}

/** A tensor whose bytes cycle through one pool of random blocks, from a per-tensor start. */
function pooled(
  name: string,
  dims: number[],
  type: TensorType,
  pool: Buffer,
  start: number,
): GgufTensor {
  const block = BLOCK[type].bytes;
  const poolBlocks = pool.length / block;
  const first = (start % poolBlocks) * block;
  return {
    name,
    dims,
    type,
    fill(out, offset) {
      for (let done = 0; done < out.length;) {
        const at = (first + offset + done) % pool.length;
        done += pool.copy(out, done, at, Math.min(pool.length, at + out.length - done));
      }
    },
  };
}

function tensors(s: LlamaShape, seed: number): GgufTensor[] {
  const kv = (s.embd / s.heads) * s.headsKv;
  const big = randomBlocks(s.type, 1 << 17, seed);
  // RMS norm weights of 1 keep activations in range through the layers.
  const ones = Buffer.alloc(4 * 4096);
  for (let i = 0; i < ones.length; i += 4) ones.writeFloatLE(1, i);
  let n = 0;
  const mat = (name: string, dims: number[]) => pooled(name, dims, s.type, big, (n += 7919));
  const norm = (name: string) => pooled(name, [s.embd], 'F32', ones, 0);
  const layer = (i: number) => [
    norm(`blk.${i}.attn_norm.weight`),
    mat(`blk.${i}.attn_q.weight`, [s.embd, s.embd]),
    mat(`blk.${i}.attn_k.weight`, [s.embd, kv]),
    mat(`blk.${i}.attn_v.weight`, [s.embd, kv]),
    mat(`blk.${i}.attn_output.weight`, [s.embd, s.embd]),
    norm(`blk.${i}.ffn_norm.weight`),
    mat(`blk.${i}.ffn_gate.weight`, [s.embd, s.ff]),
    mat(`blk.${i}.ffn_down.weight`, [s.ff, s.embd]),
    mat(`blk.${i}.ffn_up.weight`, [s.embd, s.ff]),
  ];

  return [
    mat('token_embd.weight', [s.embd, s.vocab]),
    ...Array.from({ length: s.layers }, (_, i) => layer(i)).flat(),
    norm('output_norm.weight'),
    mat('output.weight', [s.embd, s.vocab]),
  ];
}

/**
 * Writes the model to `path`; returns its size in bytes. The same seed gives the same file.
 * `words` seed the vocabulary (see buildVocab), so prompts tokenize about as densely as with
 * a trained tokenizer and cost what they would cost with a real model.
 */
export function writeLlamaGguf(
  path: string,
  shape: LlamaShape,
  seed = 1,
  words: readonly string[] = [],
): number {
  return writeGguf(path, metadata(shape, words), tensors(shape, seed));
}
