/**
 * Byte and text helpers for the leak detector: UTF-8, hex, base64/base64url in both directions and
 * a lenient percent-decoder. Browser-safe on purpose (no `Buffer`): the leak check must run wherever
 * the library runs.
 */

const HEX = '0123456789abcdef';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Base64 character → 6-bit value; both alphabets map, anything else is -1. */
const B64_VALUE: Int8Array = (() => {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < 64; i++) {
    t[B64.charCodeAt(i)] = i;
    t[B64URL.charCodeAt(i)] = i;
  }
  return t;
})();

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/**
 * UTF-8 bytes of a string.
 *
 * @example
 * utf8('é'); // Uint8Array [0xc3, 0xa9]
 */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * Decodes bytes as UTF-8, replacing invalid sequences with U+FFFD. Never throws, so garbage
 * around an embedded address does not hide it.
 *
 * @example
 * bytesToText(new Uint8Array([0xff, 0x61])); // '\uFFFDa'
 */
export function bytesToText(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/**
 * Lower-case hex of bytes.
 *
 * @example
 * toHex(new Uint8Array([0, 255])); // '00ff'
 */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += HEX.charAt(b >> 4) + HEX.charAt(b & 15);
  return out;
}

/** Options of {@link toBase64}. */
export interface Base64Options {
  /** Use the URL-safe alphabet (`-`, `_`). Default false. */
  readonly url?: boolean;
  /** Append `=` padding. Default true. */
  readonly pad?: boolean;
}

/**
 * Base64 of bytes (RFC 4648), standard or URL-safe alphabet, with or without padding.
 *
 * @example
 * toBase64(utf8('ab'));                          // 'YWI='
 * toBase64(utf8('ab'), { url: true, pad: false }); // 'YWI'
 */
export function toBase64(bytes: Uint8Array, opts: Base64Options = {}): string {
  const alphabet = opts.url === true ? B64URL : B64;
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += alphabet.charAt(n >> 18) + alphabet.charAt((n >> 12) & 63);
    out += alphabet.charAt((n >> 6) & 63) + alphabet.charAt(n & 63);
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = ((bytes[i] ?? 0) << 16) | (rest === 2 ? (bytes[i + 1] ?? 0) << 8 : 0);
    out += alphabet.charAt(n >> 18) + alphabet.charAt((n >> 12) & 63);
    if (rest === 2) out += alphabet.charAt((n >> 6) & 63);
    if (opts.pad !== false) out += rest === 2 ? '=' : '==';
  }
  return out;
}

/**
 * Decodes base64 or base64url (either alphabet, padding optional, trailing `=` ignored). Returns
 * `null` when a character is outside both alphabets or the length cannot be base64. Leftover bits
 * of a final partial group are dropped rather than rejected, because tokens cut out of URLs are
 * often not exact base64.
 *
 * @example
 * fromBase64('YWI');  // Uint8Array [0x61, 0x62]
 * fromBase64('a*b');  // null
 */
export function fromBase64(text: string): Uint8Array | null {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61) end--;
  if (end % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? (B64_VALUE[c] ?? -1) : -1;
    if (v < 0) return null;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}

/**
 * Decodes the base64/base64url characters `text[start, end)` into `out` (which must hold
 * `⌊3·(end−start)/4⌋` bytes) and returns how many bytes were written, or -1 on a character outside
 * both alphabets. Same leniency as {@link fromBase64}, without allocating.
 *
 * @example
 * const out = new Uint8Array(8);
 * decodeBase64Into('xYWI', 1, 4, out); // 2 (out starts 0x61, 0x62)
 */
export function decodeBase64Into(text: string, start: number, end: number, out: Uint8Array): number {
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? (B64_VALUE[c] ?? -1) : -1;
    if (v < 0) return -1;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return o;
}

/**
 * Whether the first `length` bytes, read as lenient UTF-8, hold `min` characters in a row that are
 * printable ASCII or lower-case to ASCII (U+0130 → `i`, U+212A → `k`). Valid UTF-8 for those two is
 * counted; every other byte of 0x80 and up, and every ASCII control or space, ends a run. An ASCII
 * byte always decodes to itself, so this is exact about what the text holds.
 *
 * @example
 * hasPrintableRun(utf8('\u00ff user@x'), 8, 4); // true ('user')
 */
export function hasPrintableRun(bytes: Uint8Array, length: number, min: number): boolean {
  let run = 0;
  for (let i = 0; i < length; i++) {
    const b = bytes[i] ?? 0;
    if (b >= 0x21 && b <= 0x7e) {
      if (++run >= min) return true;
    } else if (b === 0xc4 && bytes[i + 1] === 0xb0 && i + 1 < length) {
      i += 1;
      if (++run >= min) return true;
    } else if (b === 0xe2 && bytes[i + 1] === 0x84 && bytes[i + 2] === 0xaa && i + 2 < length) {
      i += 2;
      if (++run >= min) return true;
    } else {
      run = 0;
    }
  }
  return false;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 32;
  if (l >= 97 && l <= 102) return l - 87;
  return -1;
}

/**
 * One round of percent-decoding that never throws: valid `%XX` runs are decoded as UTF-8 (invalid
 * sequences become U+FFFD), anything else is kept as written. `+` is kept, because in base64 tokens
 * it is data, not a space.
 *
 * @example
 * percentDecode('a%40b%zz'); // 'a@b%zz'
 */
export function percentDecode(text: string): string {
  if (!text.includes('%')) return text;
  let out = '';
  let i = 0;
  const bytes: number[] = [];
  while (i < text.length) {
    const hi = text.charCodeAt(i) === 37 ? hexValue(text.charCodeAt(i + 1)) : -1;
    const lo = hi >= 0 ? hexValue(text.charCodeAt(i + 2)) : -1;
    if (lo >= 0) {
      bytes.push(hi * 16 + lo);
      i += 3;
      continue;
    }
    if (bytes.length > 0) {
      out += bytesToText(Uint8Array.from(bytes));
      bytes.length = 0;
    }
    out += text.charAt(i);
    i++;
  }
  if (bytes.length > 0) out += bytesToText(Uint8Array.from(bytes));
  return out;
}
