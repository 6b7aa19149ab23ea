/**
 * SHA-2 constants, derived as FIPS 180-4 defines them (fractional parts of square and cube roots of
 * the first primes) instead of being pasted as tables: a derivation cannot contain a typo, and the
 * tests compare every digest with `node:crypto`. Computed once at load with exact BigInt roots.
 */

function firstPrimes(count: number): number[] {
  const primes: number[] = [];
  for (let n = 2; primes.length < count; n++) {
    if (primes.every((p) => n % p !== 0)) primes.push(n);
  }
  return primes;
}

/** floor(n^(1/k)) for a non-negative BigInt, by Newton's method from an overestimate. */
function integerRoot(n: bigint, k: number): bigint {
  const kb = BigInt(k);
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / k) + 1);
  for (;;) {
    const next = ((kb - 1n) * x + n / x ** (kb - 1n)) / kb;
    if (next >= x) return x;
    x = next;
  }
}

/** The first `bits` bits of the fractional part of prime^(1/k). */
function fractionBits(prime: number, k: number, bits: number): bigint {
  const scaled = integerRoot(BigInt(prime) << BigInt(bits * k), k);
  return scaled & ((1n << BigInt(bits)) - 1n);
}

/** Splits 64-bit values into an interleaved [hi, lo, hi, lo, …] word array. */
function toWordPairs(values: readonly bigint[]): Uint32Array {
  const out = new Uint32Array(values.length * 2);
  values.forEach((v, i) => {
    out[i * 2] = Number(v >> 32n);
    out[i * 2 + 1] = Number(v & 0xffffffffn);
  });
  return out;
}

const PRIMES = firstPrimes(80);

/**
 * SHA-256 round constants: 32 bits of the cube roots of the first 64 primes.
 *
 * @example
 * K256[0]?.toString(16); // '428a2f98'
 */
export const K256: Uint32Array = Uint32Array.from(
  PRIMES.slice(0, 64).map((p) => Number(fractionBits(p, 3, 32))),
);

/**
 * SHA-256 initial hash: 32 bits of the square roots of the first 8 primes.
 *
 * @example
 * IV256[0]?.toString(16); // '6a09e667'
 */
export const IV256: Uint32Array = Uint32Array.from(
  PRIMES.slice(0, 8).map((p) => Number(fractionBits(p, 2, 32))),
);

/**
 * SHA-224 initial hash: the second 32 bits of the square roots of the 9th to 16th primes.
 *
 * @example
 * IV224[0]?.toString(16); // 'c1059ed8'
 */
export const IV224: Uint32Array = Uint32Array.from(
  PRIMES.slice(8, 16).map((p) => Number(fractionBits(p, 2, 64) & 0xffffffffn)),
);

/**
 * SHA-512 round constants as [hi, lo] pairs: 64 bits of the cube roots of the first 80 primes.
 *
 * @example
 * K512[1]?.toString(16); // 'd728ae22' (K512[0..1] = 0x428a2f98d728ae22)
 */
export const K512: Uint32Array = toWordPairs(PRIMES.map((p) => fractionBits(p, 3, 64)));

/**
 * SHA-512 initial hash as [hi, lo] pairs: 64 bits of the square roots of the first 8 primes.
 *
 * @example
 * IV512[1]?.toString(16); // 'f3bcc908'
 */
export const IV512: Uint32Array = toWordPairs(PRIMES.slice(0, 8).map((p) => fractionBits(p, 2, 64)));

/**
 * SHA-384 initial hash as [hi, lo] pairs: 64 bits of the square roots of the 9th to 16th primes.
 *
 * @example
 * IV384[0]?.toString(16); // 'cbbb9d5d'
 */
export const IV384: Uint32Array = toWordPairs(
  PRIMES.slice(8, 16).map((p) => fractionBits(p, 2, 64)),
);
