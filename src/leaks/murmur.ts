/**
 * MurmurHash 1, 2 (32 and 64-bit "64A") and 3 (x86 32-bit, x64 128-bit), seed 0 by default: the
 * non-cryptographic hashes the CITP email-tracking study's leak detector tests next to CRC-32 and
 * Adler-32. 32-bit arithmetic uses Math.imul; 64-bit uses BigInt, which is slow but runs once per
 * address spelling. Browser-safe.
 */

const U64 = (v: bigint): bigint => BigInt.asUintN(64, v);

/** Little-endian 32-bit word at `i`. */
function word32(b: Uint8Array, i: number): number {
  return ((b[i] ?? 0) | ((b[i + 1] ?? 0) << 8) | ((b[i + 2] ?? 0) << 16) | ((b[i + 3] ?? 0) << 24)) >>> 0;
}

/** Little-endian 64-bit word of `n` bytes (n ≤ 8) at `i`. */
function word64(b: Uint8Array, i: number, n = 8): bigint {
  let v = 0n;
  for (let k = n - 1; k >= 0; k--) v = (v << 8n) | BigInt(b[i + k] ?? 0);
  return v;
}

/**
 * MurmurHash1 (Austin Appleby, 2008), unsigned 32-bit.
 *
 * @example
 * murmur1(new Uint8Array(0)); // 0
 */
export function murmur1(data: Uint8Array, seed = 0): number {
  const m = 0xc6a4a793;
  const len = data.length;
  let h = (seed ^ Math.imul(len, m)) >>> 0;
  const blocks = len & ~3;
  for (let i = 0; i < blocks; i += 4) {
    h = (h + word32(data, i)) >>> 0;
    h = Math.imul(h, m) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
  }
  const rest = len & 3;
  if (rest > 0) {
    if (rest === 3) h = (h + ((data[blocks + 2] ?? 0) << 16)) >>> 0;
    if (rest >= 2) h = (h + ((data[blocks + 1] ?? 0) << 8)) >>> 0;
    h = (h + (data[blocks] ?? 0)) >>> 0;
    h = Math.imul(h, m) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
  }
  h = Math.imul(h, m) >>> 0;
  h = (h ^ (h >>> 10)) >>> 0;
  h = Math.imul(h, m) >>> 0;
  return (h ^ (h >>> 17)) >>> 0;
}

/**
 * MurmurHash2, unsigned 32-bit.
 *
 * @example
 * murmur2(new Uint8Array(0)); // 0
 */
export function murmur2(data: Uint8Array, seed = 0): number {
  const m = 0x5bd1e995;
  const len = data.length;
  let h = (seed ^ len) >>> 0;
  const blocks = len & ~3;
  for (let i = 0; i < blocks; i += 4) {
    let k = Math.imul(word32(data, i), m);
    k ^= k >>> 24;
    k = Math.imul(k, m);
    h = (Math.imul(h, m) ^ k) >>> 0;
  }
  const rest = len & 3;
  if (rest > 0) {
    if (rest === 3) h ^= (data[blocks + 2] ?? 0) << 16;
    if (rest >= 2) h ^= (data[blocks + 1] ?? 0) << 8;
    h ^= data[blocks] ?? 0;
    h = Math.imul(h, m) >>> 0;
  }
  h = (h ^ (h >>> 13)) >>> 0;
  h = Math.imul(h, m) >>> 0;
  return (h ^ (h >>> 15)) >>> 0;
}

/**
 * MurmurHash64A (MurmurHash2, 64-bit), unsigned.
 *
 * @example
 * murmur2x64(new Uint8Array(0)); // 0n
 */
export function murmur2x64(data: Uint8Array, seed = 0n): bigint {
  const m = 0xc6a4a7935bd1e995n;
  const len = data.length;
  let h = U64(seed ^ U64(BigInt(len) * m));
  const blocks = len & ~7;
  for (let i = 0; i < blocks; i += 8) {
    let k = U64(word64(data, i) * m);
    k ^= k >> 47n;
    k = U64(k * m);
    h = U64((h ^ k) * m);
  }
  const rest = len & 7;
  if (rest > 0) h = U64((h ^ word64(data, blocks, rest)) * m);
  h ^= h >> 47n;
  h = U64(h * m);
  return h ^ (h >> 47n);
}

function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const rotl32 = (x: number, r: number): number => (x << r) | (x >>> (32 - r));

/**
 * MurmurHash3 x86 32-bit, unsigned.
 *
 * @example
 * murmur3x86(new TextEncoder().encode('hello')).toString(16); // '248bfa47'
 */
export function murmur3x86(data: Uint8Array, seed = 0): number {
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  const len = data.length;
  let h = seed >>> 0;
  const blocks = len & ~3;
  for (let i = 0; i < blocks; i += 4) {
    const k = Math.imul(rotl32(Math.imul(word32(data, i), c1), 15), c2);
    h = rotl32(h ^ k, 13);
    h = (Math.imul(h, 5) + 0xe6546b64) >>> 0;
  }
  const rest = len & 3;
  if (rest > 0) {
    let k = 0;
    if (rest === 3) k ^= (data[blocks + 2] ?? 0) << 16;
    if (rest >= 2) k ^= (data[blocks + 1] ?? 0) << 8;
    k ^= data[blocks] ?? 0;
    h ^= Math.imul(rotl32(Math.imul(k, c1), 15), c2);
  }
  return fmix32((h ^ len) >>> 0);
}

const rotl64 = (x: bigint, r: bigint): bigint => U64((x << r) | (x >> (64n - r)));

function fmix64(k: bigint): bigint {
  k = U64((k ^ (k >> 33n)) * 0xff51afd7ed558ccdn);
  k = U64((k ^ (k >> 33n)) * 0xc4ceb9fe1a85ec53n);
  return k ^ (k >> 33n);
}

/**
 * MurmurHash3 x64 128-bit: its two unsigned 64-bit halves.
 *
 * @example
 * murmur3x64(new Uint8Array(0)); // [0n, 0n]
 */
export function murmur3x64(data: Uint8Array, seed = 0n): readonly [bigint, bigint] {
  const c1 = 0x87c37b91114253d5n;
  const c2 = 0x4cf5ad432745937fn;
  const mix1 = (k: bigint): bigint => U64(rotl64(U64(k * c1), 31n) * c2);
  const mix2 = (k: bigint): bigint => U64(rotl64(U64(k * c2), 33n) * c1);
  const len = data.length;
  let h1 = U64(seed);
  let h2 = U64(seed);
  const blocks = len & ~15;
  for (let i = 0; i < blocks; i += 16) {
    h1 ^= mix1(word64(data, i));
    h1 = U64((U64(rotl64(h1, 27n) + h2)) * 5n + 0x52dce729n);
    h2 ^= mix2(word64(data, i + 8));
    h2 = U64((U64(rotl64(h2, 31n) + h1)) * 5n + 0x38495ab5n);
  }
  const rest = len & 15;
  if (rest > 8) h2 ^= mix2(word64(data, blocks + 8, rest - 8));
  if (rest > 0) h1 ^= mix1(word64(data, blocks, Math.min(rest, 8)));
  h1 ^= BigInt(len);
  h2 ^= BigInt(len);
  h1 = U64(h1 + h2);
  h2 = U64(h2 + h1);
  h1 = fmix64(h1);
  h2 = fmix64(h2);
  h1 = U64(h1 + h2);
  h2 = U64(h2 + h1);
  return [h1, h2];
}
