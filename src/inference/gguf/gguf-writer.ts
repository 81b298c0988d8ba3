/**
 * A streaming GGUF (version 3) writer, after the format of ggml's `docs/gguf.md`: header,
 * metadata key-values, tensor infos, padding to `general.alignment`, then each tensor's data,
 * every one starting on an aligned offset. Data is written in chunks, so a 1 GB model never
 * sits in memory.
 */
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import { GGML_TYPE, tensorBytes, type TensorType } from './quant.js';

export const GGUF_ALIGNMENT = 32;

/** Metadata values: the GGUF value types the generator needs. */
export type GgufValue =
  | { type: 'u32'; value: number }
  | { type: 'i32'; value: number }
  | { type: 'f32'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'string'; value: string }
  | { type: 'string[]'; value: readonly string[] }
  | { type: 'f32[]'; value: readonly number[] }
  | { type: 'i32[]'; value: readonly number[] };

export interface GgufTensor {
  name: string;
  /** ne0 (the row) first, as ggml counts dimensions. */
  dims: readonly number[];
  type: TensorType;
  /** Fills `out` with the bytes at `offset` of this tensor's data. */
  fill(out: Buffer, offset: number): void;
}

// gguf_type numbers (gguf.h).
const T = { u32: 4, i32: 5, f32: 6, bool: 7, string: 8, array: 9, u64: 10 } as const;

/** Encodes header, metadata and tensor infos into one buffer (small: no tensor data). */
class HeaderBuilder {
  private readonly parts: Buffer[] = [];

  u32(n: number) {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    this.parts.push(b);
  }

  u64(n: number) {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(n));
    this.parts.push(b);
  }

  raw(b: Buffer) {
    this.parts.push(b);
  }

  string(s: string) {
    const bytes = Buffer.from(s, 'utf8');
    this.u64(bytes.length);
    this.parts.push(bytes);
  }

  private scalar(n: number, kind: 'i32' | 'f32' | 'u32') {
    const b = Buffer.alloc(4);
    if (kind === 'f32') b.writeFloatLE(n);
    else if (kind === 'i32') b.writeInt32LE(n);
    else b.writeUInt32LE(n);
    this.raw(b);
  }

  private arrayHead(type: number, n: number) {
    this.u32(T.array);
    this.u32(type);
    this.u64(n);
  }

  value(v: GgufValue) {
    switch (v.type) {
      case 'u32':
      case 'i32':
      case 'f32':
        this.u32(T[v.type]);
        this.scalar(v.value, v.type);
        return;
      case 'bool':
        this.u32(T.bool);
        this.raw(Buffer.from([v.value ? 1 : 0]));
        return;
      case 'string':
        this.u32(T.string);
        this.string(v.value);
        return;
      case 'string[]':
        this.arrayHead(T.string, v.value.length);
        v.value.forEach((s) => this.string(s));
        return;
      case 'f32[]':
      case 'i32[]': {
        const kind = v.type === 'f32[]' ? 'f32' : 'i32';
        this.arrayHead(T[kind], v.value.length);
        v.value.forEach((n) => this.scalar(n, kind));
        return;
      }
    }
  }

  get length() {
    return this.parts.reduce((n, b) => n + b.length, 0);
  }

  build(): Buffer {
    return Buffer.concat(this.parts);
  }
}

const align = (n: number) => Math.ceil(n / GGUF_ALIGNMENT) * GGUF_ALIGNMENT;

function buildHeader(
  metadata: Readonly<Record<string, GgufValue>>,
  tensors: readonly GgufTensor[],
) {
  const h = new HeaderBuilder();
  h.raw(Buffer.from('GGUF', 'ascii'));
  h.u32(3);
  h.u64(tensors.length);
  const entries = Object.entries({
    ...metadata,
    'general.alignment': { type: 'u32', value: GGUF_ALIGNMENT },
  } as Record<string, GgufValue>);
  h.u64(entries.length);
  for (const [key, value] of entries) {
    h.string(key);
    h.value(value);
  }

  let offset = 0;
  const offsets: number[] = [];
  for (const t of tensors) {
    h.string(t.name);
    h.u32(t.dims.length);
    t.dims.forEach((d) => h.u64(d));
    h.u32(GGML_TYPE[t.type]);
    h.u64(offset);
    offsets.push(offset);
    offset = align(offset + tensorBytes(t.type, t.dims));
  }
  h.raw(Buffer.alloc(align(h.length) - h.length));

  return { header: h.build(), offsets, dataBytes: offset };
}

const CHUNK = 4 << 20;

/**
 * Writes a GGUF file to `path` (through a temporary file and a rename, so a half-written model
 * is never taken for a whole one). Returns the file size in bytes.
 */
export function writeGguf(
  path: string,
  metadata: Readonly<Record<string, GgufValue>>,
  tensors: readonly GgufTensor[],
): number {
  const { header, offsets, dataBytes } = buildHeader(metadata, tensors);
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, header);
    const chunk = Buffer.alloc(CHUNK);
    tensors.forEach((t, i) => {
      const size = tensorBytes(t.type, t.dims);
      for (let at = 0; at < size; at += CHUNK) {
        const part = chunk.subarray(0, Math.min(CHUNK, size - at));
        t.fill(part, at);
        writeSync(fd, part);
      }
      const end = (offsets[i] ?? 0) + size;
      const next = offsets[i + 1] ?? dataBytes;
      if (next > end) writeSync(fd, Buffer.alloc(next - end));
    });
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);

  return header.length + dataBytes;
}
