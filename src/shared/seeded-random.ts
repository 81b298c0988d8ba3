/**
 * mulberry32: a small seeded generator of numbers in [0, 1), for generated cases in tests and
 * benches, so that a failing run or a measured set can be replayed from its seed. Not for
 * anything secret.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
