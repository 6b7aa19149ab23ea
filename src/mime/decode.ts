/**
 * Undoes Content-Transfer-Encoding and charset on a part body. Synchronous and buffer-based: the
 * splitter hands over views into the input, and only the parts we keep ever get here.
 */
import iconv from 'iconv-lite';
import libmime from 'libmime';
import type { ScanError } from '../types.js';

/** Result of a decoding step: the value plus any problem met on the way. */
export interface Decoded<T> {
  readonly value: T;
  readonly error: ScanError | null;
}

const EQUALS = 0x3d;
const CR = 0x0d;
const LF = 0x0a;

/** Hex digit value of a byte, or -1. */
function hexValue(byte: number | undefined): number {
  if (byte === undefined) return -1;
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x37;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x57;
  return -1;
}

/**
 * Decodes quoted-printable bytes. Lenient like mail clients: a `=` that starts neither an escape
 * nor a soft line break is kept as a literal, because unencoded `a=b` in URLs is common in the wild.
 *
 * @example
 * decodeQuotedPrintable(Buffer.from('a=3Db=\r\nc')).toString(); // 'a=bc'
 */
export function decodeQuotedPrintable(input: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(input.length);
  let o = 0;
  let i = 0;
  while (i < input.length) {
    const byte = input[i] as number;
    if (byte !== EQUALS) {
      out[o++] = byte;
      i++;
      continue;
    }
    const hi = hexValue(input[i + 1]);
    const lo = hexValue(input[i + 2]);
    if (hi >= 0 && lo >= 0) {
      out[o++] = hi * 16 + lo;
      i += 3;
      continue;
    }
    // soft line break, possibly with transport padding (spaces/tabs) before the line ending
    let j = i + 1;
    while (input[j] === 0x20 || input[j] === 0x09) j++;
    if (input[j] === LF) {
      i = j + 1;
      continue;
    }
    if (input[j] === CR) {
      i = input[j + 1] === LF ? j + 2 : j + 1;
      continue;
    }
    if (j >= input.length) {
      // `=` (plus padding) at the very end of the body: a soft break without a line ending
      i = j;
      continue;
    }
    out[o++] = byte;
    i++;
  }
  return out.subarray(0, o);
}

/** Base64 alphabet membership, by byte. */
const BASE64_CHAR = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') {
  BASE64_CHAR[c.charCodeAt(0)] = 1;
}

function isBase64Space(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === CR || byte === LF;
}

/**
 * Decodes base64 bytes, skipping whitespace. Stray characters are skipped too, but reported, so
 * the caller can tell the body was damaged.
 *
 * @example
 * decodeBase64(Buffer.from('PHA+aGk8L3A+')).value.toString(); // '<p>hi</p>'
 */
export function decodeBase64(input: Uint8Array): Decoded<Buffer> {
  const clean = Buffer.allocUnsafe(input.length);
  let n = 0;
  let stray = 0;
  let padding = 0;
  for (const byte of input) {
    if (BASE64_CHAR[byte] === 1) {
      // data after padding means concatenated base64 blocks; keep decoding them as one
      clean[n++] = byte;
    } else if (byte === EQUALS) {
      padding++;
    } else if (!isBase64Space(byte)) {
      stray++;
    }
  }
  const truncated = n % 4 === 1;
  const value = Buffer.from(clean.subarray(0, n).toString('latin1'), 'base64');
  if (stray > 0 || truncated || padding > 2) {
    const what = stray > 0 ? `${stray} invalid character(s)` : 'a truncated last group';
    return {
      value,
      error: { code: 'mime-decode-failed', message: `Base64 body has ${what}; decoded what was readable.` },
    };
  }
  return { value, error: null };
}

/** Transfer encodings that leave the bytes as they are. */
const IDENTITY_ENCODINGS: ReadonlySet<string> = new Set(['', '7bit', '8bit', 'binary']);

/**
 * Undoes a Content-Transfer-Encoding. Unknown encodings keep the raw bytes and report it.
 *
 * @example
 * decodeTransfer(Buffer.from('=3D'), 'quoted-printable').value.toString(); // '='
 */
export function decodeTransfer(body: Uint8Array, encoding: string): Decoded<Buffer> {
  const name = encoding.trim().toLowerCase();
  if (name === 'base64') return decodeBase64(body);
  if (name === 'quoted-printable') return { value: decodeQuotedPrintable(body), error: null };
  const value = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (IDENTITY_ENCODINGS.has(name)) return { value, error: null };
  return {
    value,
    error: {
      code: 'mime-decode-failed',
      message: `Unknown Content-Transfer-Encoding "${name.slice(0, 40)}"; body kept as is.`,
    },
  };
}

/**
 * iconv-lite codecs that are no text charset. UTF-7 in particular can hide markup from a scanner
 * (`+ADw-img+AD4-` is `<img>`), and no browser decodes it either.
 */
function isRefusedCharset(name: string): boolean {
  const compact = name.replace(/[^a-z0-9]/g, '');
  return compact.includes('utf7') || compact === 'base64' || compact === 'hex';
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Best effort without a usable charset: UTF-8 when the bytes are valid UTF-8, else windows-1252. */
function decodeGuess(bytes: Uint8Array): string {
  if (isValidUtf8(bytes)) return new TextDecoder('utf-8').decode(bytes);
  return new TextDecoder('windows-1252').decode(bytes);
}

/** The WHATWG decoder for a label, as browsers would pick it, or null. */
function whatwgDecoder(label: string): TextDecoder | null {
  try {
    const decoder = new TextDecoder(label);
    // labels such as iso-2022-kr map to the "replacement" decoder, which yields one U+FFFD
    return decoder.encoding === 'replacement' ? null : decoder;
  } catch {
    return null;
  }
}

/**
 * Decodes bytes in a declared charset. Browser (WHATWG) decoders come first so the HTML reads as a
 * mail client's web view would read it; libmime's alias table plus iconv-lite cover the odd names
 * (`win-1252`, `ibm850`). No charset: UTF-8, or windows-1252 when the bytes are not UTF-8.
 * An unknown charset gives the same guess plus an `unknown-charset` error.
 *
 * @example
 * decodeCharset(Buffer.from([0xe9]), 'iso-8859-1').value; // 'é'
 */
export function decodeCharset(bytes: Uint8Array, charset: string | null): Decoded<string> {
  const label = charset?.trim().toLowerCase() ?? '';
  if (label === '') return { value: decodeGuess(bytes), error: null };
  const native = whatwgDecoder(label);
  if (native !== null) return { value: native.decode(bytes), error: null };
  const alias = libmime.normalizeCharset(label).toLowerCase();
  const aliased = alias === label ? null : whatwgDecoder(alias);
  if (aliased !== null) return { value: aliased.decode(bytes), error: null };
  if (!isRefusedCharset(alias) && iconv.encodingExists(alias)) {
    try {
      return { value: iconv.decode(Buffer.from(bytes), alias), error: null };
    } catch {
      // fall through to the guess
    }
  }
  return {
    value: decodeGuess(bytes),
    error: {
      code: 'unknown-charset',
      message: `Unknown or refused charset "${label.slice(0, 40)}"; decoded as UTF-8/windows-1252.`,
    },
  };
}
