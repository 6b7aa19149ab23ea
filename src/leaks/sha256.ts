/**
 * SHA-256 and SHA-224 (FIPS 180-4) in plain TypeScript, browser-safe. SHA-256 of the lower-cased
 * address is the ad-tech matching key (Meta, Google, UID2, ID5), so it must be recognised everywhere.
 */
import { padMessage } from './bytes.js';
import { IV224, IV256, K256 } from './sha2-constants.js';

function rotr(x: number, n: number): number {
  return (x >>> n) | (x << (32 - n));
}

function compress(bytes: Uint8Array, iv: Uint32Array): Uint32Array {
  const msg = padMessage(bytes, 64, false);
  const view = new DataView(msg.buffer);
  const h = Uint32Array.from(iv);
  const w = new Uint32Array(64);
  for (let off = 0; off < msg.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4, false);
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15] ?? 0;
      const y = w[i - 2] ?? 0;
      const s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3);
      const s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10);
      w[i] = (w[i - 16] ?? 0) + s0 + (w[i - 7] ?? 0) + s1;
    }
    let a = h[0] ?? 0;
    let b = h[1] ?? 0;
    let c = h[2] ?? 0;
    let d = h[3] ?? 0;
    let e = h[4] ?? 0;
    let f = h[5] ?? 0;
    let g = h[6] ?? 0;
    let hh = h[7] ?? 0;
    for (let i = 0; i < 64; i++) {
      const s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + s1 + ch + (K256[i] ?? 0) + (w[i] ?? 0)) | 0;
      const s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (s0 + maj) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    const round = [a, b, c, d, e, f, g, hh];
    for (let i = 0; i < 8; i++) h[i] = (h[i] ?? 0) + (round[i] ?? 0);
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
 * SHA-256 digest (32 bytes) of the given bytes.
 *
 * @example
 * toHex(sha256(utf8('user@example.com')));
 * // 'b4c9a289323b21a01c3e940f150eb9b8c542587f1abfd8f0e1cc1ffc5e475514'
 */
export function sha256(bytes: Uint8Array): Uint8Array {
  return serialize(compress(bytes, IV256), 8);
}

/**
 * SHA-224 digest (28 bytes) of the given bytes: SHA-256 with its own initial hash, truncated.
 *
 * @example
 * toHex(sha224(utf8('user@example.com')));
 * // 'e9b4c6464705db0de9f7c1d5ffb2d25f050c726f1a10e017d0a060d3'
 */
export function sha224(bytes: Uint8Array): Uint8Array {
  return serialize(compress(bytes, IV224), 7);
}
