/**
 * Mulberry32: a small seeded PRNG, enough for varied but reproducible generated data (the
 * benchmark's newsletters, the report's synthetic archive): every run makes the same bytes.
 *
 * @example
 * const rand = prng(1);
 * rand(); // the same number in [0, 1) on every run
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
