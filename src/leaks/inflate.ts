/**
 * A small, bounded zlib/DEFLATE decoder (RFC 1950/1951) for tracking tokens. Some mail services
 * compress the recipient's data before base64-encoding it into a pixel or link path, so the leak
 * search has to inflate those tokens to see the address. Synchronous and free of Node built-ins
 * (the HTML path runs in browsers); it stops at an output cap, so a small hostile token cannot
 * expand into megabytes, and it returns `null` instead of throwing on corrupt data.
 */

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193,
  12289, 16385, 24577,
];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
/** The order in which a dynamic block lists the code lengths of its code-length alphabet. */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
const MAX_BITS = 15;

/** Thrown inside the decoder only; `inflateZlib` turns it into `null` or a prefix. */
class Corrupt extends Error {}
const TRUNCATED = 'unexpected end of input';

/** A canonical Huffman code: how many codes of each length, and the symbols in code order. */
interface Huffman {
  readonly counts: Uint16Array;
  readonly symbols: Uint16Array;
}

function huffman(lengths: ArrayLike<number>): Huffman {
  const counts = new Uint16Array(MAX_BITS + 1);
  for (let s = 0; s < lengths.length; s++) {
    const len = lengths[s] ?? 0;
    counts[len] = (counts[len] ?? 0) + 1;
  }
  counts[0] = 0;
  let left = 1;
  for (let len = 1; len <= MAX_BITS; len++) {
    left = left * 2 - (counts[len] ?? 0);
    if (left < 0) throw new Corrupt('over-subscribed code');
  }
  const offsets = new Uint16Array(MAX_BITS + 2);
  for (let len = 1; len <= MAX_BITS; len++) offsets[len + 1] = (offsets[len] ?? 0) + (counts[len] ?? 0);
  const symbols = new Uint16Array(lengths.length);
  for (let s = 0; s < lengths.length; s++) {
    const len = lengths[s] ?? 0;
    if (len === 0) continue;
    const at = offsets[len] ?? 0;
    symbols[at] = s;
    offsets[len] = at + 1;
  }
  return { counts, symbols };
}

const FIXED: { readonly lit: Huffman; readonly dist: Huffman } = (() => {
  const lit = new Uint8Array(288);
  lit.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
  return { lit: huffman(lit), dist: huffman(new Uint8Array(30).fill(5)) };
})();

class Reader {
  private pos: number;
  private bitBuf = 0;
  private bitCount = 0;
  constructor(
    private readonly input: Uint8Array,
    start: number,
    private readonly end: number,
  ) {
    this.pos = start;
  }

  bits(n: number): number {
    while (this.bitCount < n) {
      if (this.pos >= this.end) throw new Corrupt(TRUNCATED);
      this.bitBuf |= (this.input[this.pos++] ?? 0) << this.bitCount;
      this.bitCount += 8;
    }
    const v = this.bitBuf & ((1 << n) - 1);
    this.bitBuf >>>= n;
    this.bitCount -= n;
    return v;
  }

  /** Reads one symbol bit by bit: codes are short and tokens small, so no lookup table is built. */
  symbol(h: Huffman): number {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len <= MAX_BITS; len++) {
      code |= this.bits(1);
      const count = h.counts[len] ?? 0;
      if (code - first < count) return h.symbols[index + code - first] ?? 0;
      index += count;
      first = (first + count) << 1;
      code <<= 1;
    }
    throw new Corrupt('bad code');
  }

  /** Drops the bits left in the current byte and returns the byte position. */
  align(): number {
    this.bitBuf = 0;
    this.bitCount = 0;
    return this.pos;
  }

  skipTo(pos: number): void {
    this.pos = pos;
  }
}

function dynamicCodes(r: Reader): { lit: Huffman; dist: Huffman } {
  const nLit = r.bits(5) + 257;
  const nDist = r.bits(5) + 1;
  const nCode = r.bits(4) + 4;
  if (nLit > 286 || nDist > 30) throw new Corrupt('too many codes');
  const codeLengths = new Uint8Array(19);
  for (let i = 0; i < nCode; i++) codeLengths[CODE_LENGTH_ORDER[i] ?? 0] = r.bits(3);
  const lengthCode = huffman(codeLengths);
  const lengths = new Uint8Array(nLit + nDist);
  for (let i = 0; i < lengths.length; ) {
    const sym = r.symbol(lengthCode);
    if (sym < 16) {
      lengths[i++] = sym;
      continue;
    }
    let repeat: number;
    let value = 0;
    if (sym === 16) {
      if (i === 0) throw new Corrupt('repeat with no previous length');
      value = lengths[i - 1] ?? 0;
      repeat = 3 + r.bits(2);
    } else repeat = sym === 17 ? 3 + r.bits(3) : 11 + r.bits(7);
    if (i + repeat > lengths.length) throw new Corrupt('too many lengths');
    lengths.fill(value, i, i + repeat);
    i += repeat;
  }
  if (lengths[256] === 0) throw new Corrupt('no end-of-block code');
  return { lit: huffman(lengths.subarray(0, nLit)), dist: huffman(lengths.subarray(nLit)) };
}

/** How far the output got: kept outside the decoder so a cut stream still yields its prefix. */
interface Progress {
  n: number;
}

/** Inflates compressed blocks into `out` until the last block ends or `out` is full. */
function inflateBlocks(r: Reader, input: Uint8Array, end: number, out: Uint8Array, progress: Progress): void {
  let n = 0;
  let last = 0;
  while (last === 0 && n < out.length) {
    last = r.bits(1);
    const type = r.bits(2);
    if (type === 0) {
      const at = r.align();
      if (at + 4 > end) throw new Corrupt(TRUNCATED);
      const len = (input[at] ?? 0) | ((input[at + 1] ?? 0) << 8);
      const nlen = (input[at + 2] ?? 0) | ((input[at + 3] ?? 0) << 8);
      if ((len ^ 0xffff) !== nlen) throw new Corrupt('bad stored block');
      const take = Math.min(len, end - at - 4, out.length - n);
      out.set(input.subarray(at + 4, at + 4 + take), n);
      n += take;
      progress.n = n;
      if (at + 4 + len > end && n < out.length) throw new Corrupt(TRUNCATED);
      r.skipTo(at + 4 + len);
      continue;
    }
    if (type === 3) throw new Corrupt('reserved block type');
    const { lit, dist } = type === 1 ? FIXED : dynamicCodes(r);
    for (;;) {
      const sym = r.symbol(lit);
      if (sym === 256) break;
      if (sym < 256) {
        out[n++] = sym;
        progress.n = n;
        if (n === out.length) return;
        continue;
      }
      const li = sym - 257;
      if (li >= LENGTH_BASE.length) throw new Corrupt('bad length symbol');
      const length = (LENGTH_BASE[li] ?? 0) + r.bits(LENGTH_EXTRA[li] ?? 0);
      const di = r.symbol(dist);
      if (di >= DIST_BASE.length) throw new Corrupt('bad distance symbol');
      const distance = (DIST_BASE[di] ?? 0) + r.bits(DIST_EXTRA[di] ?? 0);
      if (distance > n) throw new Corrupt('distance before start');
      const stop = Math.min(n + length, out.length);
      // Byte by byte: a copy may overlap the bytes it is producing (distance < length).
      while (n < stop) {
        out[n] = out[n - distance] ?? 0;
        n++;
      }
      progress.n = n;
      if (n === out.length) return;
    }
  }
}

/**
 * Whether `bytes` start with a zlib header (deflate, window ≤ 32 KiB, no preset dictionary, valid
 * check bits). Base64 of such data starts with `eJ`, `eF`, `eN`, `eA`…
 *
 * @example
 * isZlibHeader(Uint8Array.of(0x78, 0x9c), 2); // true
 */
export function isZlibHeader(bytes: Uint8Array, length: number): boolean {
  if (length < 2) return false;
  const cmf = bytes[0] ?? 0;
  const flg = bytes[1] ?? 0;
  return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && (flg & 0x20) === 0 && ((cmf << 8) | flg) % 31 === 0;
}

/**
 * Inflates the zlib stream in `bytes[0, length)`, keeping at most `maxOutput` bytes. Returns the
 * (possibly cut) output, or `null` when the data is not a zlib stream or is corrupt before any
 * output. A stream that merely stops early gives what it produced, and the trailing Adler-32
 * checksum is not required: tokens are often cut, and a prefix still shows the address.
 *
 * @example
 * inflateZlib(Uint8Array.of(0x78, 0x9c, 0x4b, 0x04, 0x00, 0x00, 0x62, 0x00, 0x62), 9, 64); // bytes of 'a'
 */
export function inflateZlib(bytes: Uint8Array, length: number, maxOutput: number): Uint8Array | null {
  if (!isZlibHeader(bytes, length) || maxOutput <= 0) return null;
  const out = new Uint8Array(maxOutput);
  const end = Math.min(length, bytes.length);
  const progress: Progress = { n: 0 };
  try {
    inflateBlocks(new Reader(bytes, 2, end), bytes, end, out, progress);
  } catch (e) {
    if (!(e instanceof Corrupt)) throw e;
    if (e.message !== TRUNCATED || progress.n === 0) return null;
  }
  return out.subarray(0, progress.n);
}
