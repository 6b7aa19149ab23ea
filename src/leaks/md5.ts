/**
 * MD5 (RFC 1321) in plain TypeScript. Not for security: the leak detector needs it because ad-tech
 * and data brokers still send MD5 hashes of addresses, and the library must not depend on
 * `node:crypto` so that it runs in browsers too.
 */
import { padMessage } from './bytes.js';

/** Per-round left-rotation amounts, four per round group. */
const SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];

/** K[i] = floor(abs(sin(i + 1)) * 2^32), computed once rather than pasted as a table. */
const K: Uint32Array = (() => {
  const k = new Uint32Array(64);
  for (let i = 0; i < 64; i++) k[i] = Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0;
  return k;
})();

function rotl(x: number, n: number): number {
  return (x << n) | (x >>> (32 - n));
}

/**
 * MD5 digest (16 bytes) of the given bytes.
 *
 * @example
 * toHex(md5(utf8('user@example.com'))); // 'b58996c504c5638798eb6b511e6f49af'
 */
export function md5(bytes: Uint8Array): Uint8Array {
  const msg = padMessage(bytes, 64, true);
  const view = new DataView(msg.buffer);
  const h = new Uint32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476]);
  const w = new Uint32Array(16);
  for (let off = 0; off < msg.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4, true);
    let a = h[0] ?? 0;
    let b = h[1] ?? 0;
    let c = h[2] ?? 0;
    let d = h[3] ?? 0;
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (i < 32) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) % 16;
      } else if (i < 48) {
        f = b ^ c ^ d;
        g = (3 * i + 5) % 16;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) % 16;
      }
      const shift = SHIFTS[(i >> 4) * 4 + (i % 4)] ?? 0;
      const sum = (a + f + (K[i] ?? 0) + (w[g] ?? 0)) | 0;
      a = d;
      d = c;
      c = b;
      b = (b + rotl(sum, shift)) | 0;
    }
    h[0] = (h[0] ?? 0) + a;
    h[1] = (h[1] ?? 0) + b;
    h[2] = (h[2] ?? 0) + c;
    h[3] = (h[3] ?? 0) + d;
  }
  const out = new Uint8Array(16);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) outView.setUint32(i * 4, h[i] ?? 0, true);
  return out;
}
