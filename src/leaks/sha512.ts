/**
 * SHA-512 and SHA-384 (FIPS 180-4) in plain TypeScript, browser-safe. 64-bit words are kept as
 * [hi, lo] 32-bit pairs because BigInt arithmetic would be far slower in the round loop.
 */
import { padMessage } from './bytes.js';
import { IV384, IV512, K512 } from './sha2-constants.js';

const TWO32 = 0x100000000;

/** High word of a 64-bit rotate right by n (0 < n < 64, n ≠ 32). */
function rotrHi(h: number, l: number, n: number): number {
  return n < 32 ? (h >>> n) | (l << (32 - n)) : (l >>> (n - 32)) | (h << (64 - n));
}

/** Low word of a 64-bit rotate right by n (0 < n < 64, n ≠ 32). */
function rotrLo(h: number, l: number, n: number): number {
  return n < 32 ? (l >>> n) | (h << (32 - n)) : (h >>> (n - 32)) | (l << (64 - n));
}

function compress(bytes: Uint8Array, iv: Uint32Array): Uint32Array {
  const msg = padMessage(bytes, 128, false);
  const view = new DataView(msg.buffer);
  const h = Uint32Array.from(iv);
  const w = new Uint32Array(160);
  const v = new Uint32Array(16);
  for (let off = 0; off < msg.length; off += 128) {
    for (let i = 0; i < 32; i++) w[i] = view.getUint32(off + i * 4, false);
    for (let i = 16; i < 80; i++) {
      const xh = w[(i - 15) * 2] ?? 0;
      const xl = w[(i - 15) * 2 + 1] ?? 0;
      const yh = w[(i - 2) * 2] ?? 0;
      const yl = w[(i - 2) * 2 + 1] ?? 0;
      const s0h = rotrHi(xh, xl, 1) ^ rotrHi(xh, xl, 8) ^ (xh >>> 7);
      const s0l = rotrLo(xh, xl, 1) ^ rotrLo(xh, xl, 8) ^ ((xl >>> 7) | (xh << 25));
      const s1h = rotrHi(yh, yl, 19) ^ rotrHi(yh, yl, 61) ^ (yh >>> 6);
      const s1l = rotrLo(yh, yl, 19) ^ rotrLo(yh, yl, 61) ^ ((yl >>> 6) | (yh << 26));
      const lo =
        (w[(i - 16) * 2 + 1] ?? 0) + (s0l >>> 0) + (w[(i - 7) * 2 + 1] ?? 0) + (s1l >>> 0);
      const hi = (w[(i - 16) * 2] ?? 0) + s0h + (w[(i - 7) * 2] ?? 0) + s1h;
      w[i * 2] = hi + Math.floor(lo / TWO32);
      w[i * 2 + 1] = lo;
    }
    v.set(h);
    for (let i = 0; i < 80; i++) {
      const ah = v[0] ?? 0;
      const al = v[1] ?? 0;
      const eh = v[8] ?? 0;
      const el = v[9] ?? 0;
      const fh = v[10] ?? 0;
      const fl = v[11] ?? 0;
      const gh = v[12] ?? 0;
      const gl = v[13] ?? 0;
      const S1h = rotrHi(eh, el, 14) ^ rotrHi(eh, el, 18) ^ rotrHi(eh, el, 41);
      const S1l = rotrLo(eh, el, 14) ^ rotrLo(eh, el, 18) ^ rotrLo(eh, el, 41);
      const chh = (eh & fh) ^ (~eh & gh);
      const chl = (el & fl) ^ (~el & gl);
      const t1l =
        (v[15] ?? 0) + (S1l >>> 0) + (chl >>> 0) + (K512[i * 2 + 1] ?? 0) + (w[i * 2 + 1] ?? 0);
      const t1h =
        (v[14] ?? 0) + S1h + chh + (K512[i * 2] ?? 0) + (w[i * 2] ?? 0) + Math.floor(t1l / TWO32);
      const bh = v[2] ?? 0;
      const bl = v[3] ?? 0;
      const ch = v[4] ?? 0;
      const cl = v[5] ?? 0;
      const S0h = rotrHi(ah, al, 28) ^ rotrHi(ah, al, 34) ^ rotrHi(ah, al, 39);
      const S0l = rotrLo(ah, al, 28) ^ rotrLo(ah, al, 34) ^ rotrLo(ah, al, 39);
      const majh = (ah & bh) ^ (ah & ch) ^ (bh & ch);
      const majl = (al & bl) ^ (al & cl) ^ (bl & cl);
      const t2l = (S0l >>> 0) + (majl >>> 0);
      const t2h = S0h + majh + Math.floor(t2l / TWO32);
      // Shift the eight words down one slot (h←g … b←a), then set a and e.
      v.copyWithin(2, 0, 14);
      const el2 = (v[9] ?? 0) + (t1l >>> 0);
      v[8] = (v[8] ?? 0) + t1h + Math.floor(el2 / TWO32);
      v[9] = el2;
      const al2 = (t1l >>> 0) + (t2l >>> 0);
      v[0] = t1h + t2h + Math.floor(al2 / TWO32);
      v[1] = al2;
    }
    for (let i = 0; i < 16; i += 2) {
      const lo = (h[i + 1] ?? 0) + (v[i + 1] ?? 0);
      h[i] = (h[i] ?? 0) + (v[i] ?? 0) + Math.floor(lo / TWO32);
      h[i + 1] = lo;
    }
  }
  return h;
}

function serialize(words: Uint32Array, count: number): Uint8Array {
  const out = new Uint8Array(count * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < count; i++) view.setUint32(i * 4, words[i] ?? 0, false);
  return out;
}

/**
 * SHA-512 digest (64 bytes) of the given bytes.
 *
 * @example
 * toHex(sha512(utf8('abc'))).slice(0, 16); // 'ddaf35a193617aba'
 */
export function sha512(bytes: Uint8Array): Uint8Array {
  return serialize(compress(bytes, IV512), 16);
}

/**
 * SHA-384 digest (48 bytes) of the given bytes: SHA-512 with its own initial hash, truncated.
 *
 * @example
 * toHex(sha384(utf8('abc'))).slice(0, 16); // 'cb00753f45a35e8b'
 */
export function sha384(bytes: Uint8Array): Uint8Array {
  return serialize(compress(bytes, IV384), 12);
}
