/**
 * Tensor types the generator writes and their block layout, after ggml's `ggml-common.h`:
 * Q8_0 is 32 int8 values with one f16 scale (34 bytes), Q4_0 is 32 4-bit values with one f16
 * scale (18 bytes). Weights are random: the generated models cost what real ones cost to load
 * and run, but say nothing.
 */

export type TensorType = 'F32' | 'Q8_0' | 'Q4_0';

/** ggml_type numbers (ggml.h). */
export const GGML_TYPE: Readonly<Record<TensorType, number>> = { F32: 0, Q4_0: 2, Q8_0: 8 };

/** Elements per block and bytes per block. */
export const BLOCK: Readonly<Record<TensorType, { elems: number; bytes: number }>> = {
  F32: { elems: 1, bytes: 4 },
  Q8_0: { elems: 32, bytes: 34 },
  Q4_0: { elems: 32, bytes: 18 },
};

/** Bytes of a tensor of `dims` (ne0 first, the row); ne0 must be a whole number of blocks. */
export function tensorBytes(type: TensorType, dims: readonly number[]): number {
  const { elems, bytes } = BLOCK[type];
  const [ne0 = 1, ...rest] = dims;
  if (ne0 % elems !== 0)
    throw new RangeError(`row of ${type} must be a multiple of ${elems} [${ne0}]`);

  return (ne0 / elems) * bytes * rest.reduce((a, b) => a * b, 1);
}

/** IEEE half precision bits of a float (round to nearest; enough for weight scales). */
export function toF16(value: number): number {
  const f32 = new Float32Array([value]);
  const bits = new Uint32Array(f32.buffer)[0] ?? 0;
  const sign = (bits >>> 16) & 0x8000;
  const exp = ((bits >>> 23) & 0xff) - 127 + 15;
  const mant = bits & 0x7fffff;
  if (exp <= 0) return sign;
  if (exp >= 31) return sign | 0x7c00;

  return sign | (exp << 10) | Math.round(mant / 0x2000);
}

/** A small seeded generator (xorshift32): the same seed writes the same model. */
export function createRandom(seed: number): () => number {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

/**
 * A buffer of whole random blocks with valid scales. Writers cycle through it: a pool of a few
 * MB makes a 1 GB file in seconds, and repeated weights cost a CPU exactly what fresh ones do.
 */
export function randomBlocks(type: TensorType, blocks: number, seed: number, std = 0.02): Buffer {
  const { bytes } = BLOCK[type];
  const random = createRandom(seed);
  const buf = Buffer.alloc(blocks * bytes);
  if (type === 'F32') {
    // Uniform on [-a, a] with a = std * sqrt(3) has the wanted standard deviation.
    for (let i = 0; i < blocks; i++)
      buf.writeFloatLE((random() * 2 - 1) * std * Math.sqrt(3), i * 4);
    return buf;
  }
  const scale = toF16(type === 'Q8_0' ? (std * 2) / 127 : (std * 2) / 8);
  for (let b = 0; b < blocks; b++) {
    const at = b * bytes;
    buf.writeUInt16LE(scale, at);
    for (let i = at + 2; i < at + bytes; i++) buf[i] = Math.floor(random() * 256);
  }

  return buf;
}
