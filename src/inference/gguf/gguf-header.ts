/**
 * Reads the scalar metadata of a GGUF file's header (arrays such as the vocabulary are
 * skipped), enough for the memory guard to estimate what a model needs before it is loaded.
 * Reads only the header: a few MB at most, never the tensors.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { MedAssistError } from '../../shared/errors.js';

export type GgufScalar = number | bigint | boolean | string;

// Sizes of the fixed-size gguf_type values (gguf.h); 8 = string, 9 = array.
const FIXED: Readonly<Record<number, number>> = {
  0: 1,
  1: 1,
  2: 2,
  3: 2,
  4: 4,
  5: 4,
  6: 4,
  7: 1,
  10: 8,
  11: 8,
  12: 8,
};

class Reader {
  private buf = Buffer.alloc(0);
  private start = 0;
  pos = 0;

  constructor(private readonly fd: number) {}

  /** Makes `n` bytes from `pos` available, reading on in 1 MB steps. */
  private need(n: number): void {
    if (this.pos + n <= this.start + this.buf.length) return;
    const want = Math.max(n, 1 << 20);
    const chunk = Buffer.alloc(want);
    const got = readSync(this.fd, chunk, 0, want, this.pos);
    if (got < n) throw new RangeError('truncated');
    this.buf = chunk.subarray(0, got);
    this.start = this.pos;
  }

  bytes(n: number): Buffer {
    this.need(n);
    const at = this.pos - this.start;
    this.pos += n;
    return this.buf.subarray(at, at + n);
  }

  u32 = () => this.bytes(4).readUInt32LE();
  u64 = () => Number(this.bytes(8).readBigUInt64LE());
  string = () => this.bytes(this.u64()).toString('utf8');

  value(type: number): GgufScalar | null {
    if (type === 8) return this.string();
    if (type === 9) return this.skipArray();
    const size = FIXED[type];
    if (size === undefined) throw new RangeError(`unknown value type ${type}`);
    const b = this.bytes(size);
    const read: Record<number, () => GgufScalar> = {
      0: () => b.readUInt8(),
      1: () => b.readInt8(),
      2: () => b.readUInt16LE(),
      3: () => b.readInt16LE(),
      4: () => b.readUInt32LE(),
      5: () => b.readInt32LE(),
      6: () => b.readFloatLE(),
      7: () => b[0] !== 0,
      10: () => b.readBigUInt64LE(),
      11: () => b.readBigInt64LE(),
      12: () => b.readDoubleLE(),
    };
    return (read[type] ?? (() => 0))();
  }

  private skipArray(): null {
    const type = this.u32();
    const count = this.u64();
    const size = FIXED[type];
    if (size !== undefined) this.pos += size * count;
    else for (let i = 0; i < count; i++) this.value(type);
    return null;
  }
}

export interface GgufHeader {
  version: number;
  tensorCount: number;
  fileBytes: number;
  /** Scalar metadata by key; array values are left out. */
  metadata: ReadonlyMap<string, GgufScalar>;
}

function openModel(path: string): number {
  try {
    return openSync(path, 'r');
  } catch (cause) {
    throw new MedAssistError('MODEL_FILE_MISSING', `model file cannot be opened [${path}]`, {
      cause,
    });
  }
}

export function readGgufHeader(path: string): GgufHeader {
  const fd = openModel(path);
  try {
    const r = new Reader(fd);
    if (r.bytes(4).toString('ascii') !== 'GGUF')
      throw new MedAssistError('MODEL_FILE_INVALID', `not a GGUF file [${path}]`);
    const version = r.u32();
    const tensorCount = r.u64();
    const count = r.u64();
    const metadata = new Map<string, GgufScalar>();
    for (let i = 0; i < count; i++) {
      const key = r.string();
      const value = r.value(r.u32());
      if (value !== null) metadata.set(key, value);
    }
    return { version, tensorCount, fileBytes: statSync(path).size, metadata };
  } catch (cause) {
    if (cause instanceof MedAssistError) throw cause;
    throw new MedAssistError('MODEL_FILE_INVALID', `GGUF header cannot be read [${path}]`, {
      cause,
    });
  } finally {
    closeSync(fd);
  }
}

/** A whole-number metadata value of the file's own architecture, e.g. `block_count`. */
export function archNumber(header: GgufHeader, key: string): number | null {
  const arch = header.metadata.get('general.architecture');
  const value = header.metadata.get(`${String(arch)}.${key}`);
  return typeof value === 'number' || typeof value === 'bigint' ? Number(value) : null;
}
