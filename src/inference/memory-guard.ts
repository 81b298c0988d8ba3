/**
 * Refuses to load a model that would not fit, so a clinic laptop never swaps itself to a halt
 * in the middle of a consult: the consult goes on with the protocol alone and says why.
 * The estimate is the model file (llama.cpp reads or maps all of it), the KV cache for the
 * context, and the compute buffers (logits for one batch plus a fixed allowance).
 */
import { freemem } from 'node:os';
import { archNumber, readGgufHeader } from './gguf/gguf-header.js';

const MiB = 1024 ** 2;

export interface ModelFootprint {
  fileBytes: number;
  kvBytes: number;
  computeBytes: number;
  totalBytes: number;
}

/** What a model of this GGUF file needs with a context of `contextSize` tokens (f16 KV). */
export function estimateFootprint(
  path: string,
  contextSize: number,
  batchSize = 512,
): ModelFootprint {
  const header = readGgufHeader(path);
  const n = (key: string, fallback: number) => archNumber(header, key) ?? fallback;
  const embd = n('embedding_length', 4096);
  const heads = n('attention.head_count', 32);
  const kvDim = (embd / heads) * n('attention.head_count_kv', heads);
  const vocab = n('vocab_size', 32000);
  // K and V, f16 (2 bytes), every layer, every position.
  const kvBytes = 2 * 2 * n('block_count', 32) * contextSize * kvDim;
  const computeBytes = 4 * vocab * batchSize + 64 * MiB;

  return {
    fileBytes: header.fileBytes,
    kvBytes,
    computeBytes,
    totalBytes: header.fileBytes + kvBytes + computeBytes,
  };
}

export type FitDecision =
  | { fits: true; footprint: ModelFootprint }
  | {
      fits: false;
      footprint: ModelFootprint;
      reason: 'over-tier-budget' | 'low-free-memory';
      notice: string;
    };

const mb = (bytes: number) => `${Math.round(bytes / MiB)} MB`;

/**
 * Free memory keeps a margin of a quarter for the clinic node, the browser and the OS page
 * cache the encrypted database relies on.
 */
export function decideFit(
  footprint: ModelFootprint,
  limits: { budgetBytes: number; freeBytes?: number },
): FitDecision {
  const need = footprint.totalBytes;
  if (need > limits.budgetBytes) {
    const notice = `the model needs about ${mb(need)}, more than this tier allows [${mb(limits.budgetBytes)}]: consults go on with the guidelines alone; choose a smaller model or tier`;
    return { fits: false, footprint, reason: 'over-tier-budget', notice };
  }
  const usable = (limits.freeBytes ?? freemem()) * 0.75;
  if (need > usable) {
    const notice = `the model needs about ${mb(need)}, more than the free memory allows [${mb(usable)}]: consults go on with the guidelines alone; close other programs or choose a smaller model`;
    return { fits: false, footprint, reason: 'low-free-memory', notice };
  }

  return { fits: true, footprint };
}
