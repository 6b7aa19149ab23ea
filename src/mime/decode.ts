/**
 * Undoes Content-Transfer-Encoding and charset on a part body. Synchronous and buffer-based: the
 * splitter hands over views into the input, and only the parts we keep ever get here.
 */
import iconv from 'iconv-lite';
import libmime from 'libmime';
import { decodeCharsetWith, isValidUtf8, type CharsetFallback, type Decoded } from './charset.js';

export { isValidUtf8, type Decoded };

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
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  let o = 0;
  let i = 0;
  while (i < bytes.length) {
    // copy the run up to the next `=` natively; QP bodies are mostly such runs
    const eq = bytes.indexOf(EQUALS, i);
    const runEnd = eq < 0 ? bytes.length : eq;
    if (runEnd - i > 32) {
      o += bytes.copy(out, o, i, runEnd);
    } else {
      while (i < runEnd) out[o++] = bytes[i++] as number;
    }
    if (eq < 0) break;
    i = eq;
    const hi = hexValue(bytes[i + 1]);
    const lo = hexValue(bytes[i + 2]);
    if (hi >= 0 && lo >= 0) {
      out[o++] = hi * 16 + lo;
      i += 3;
      continue;
    }
    // soft line break, possibly with transport padding (spaces/tabs) before the line ending
    let j = i + 1;
    while (bytes[j] === 0x20 || bytes[j] === 0x09) j++;
    if (bytes[j] === LF) {
      i = j + 1;
    } else if (bytes[j] === CR) {
      i = bytes[j + 1] === LF ? j + 2 : j + 1;
    } else if (j >= bytes.length) {
      // `=` (plus padding) at the very end of the body: a soft break without a line ending
      i = j;
    } else {
      out[o++] = EQUALS;
      i++;
    }
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

/** Alphabet characters in lines, then at most two `=` with only whitespace after: one pass, no regex. */
function isWellFormedBase64(bytes: Uint8Array): boolean {
  let pads = 0;
  for (const byte of bytes) {
    if (isBase64Space(byte)) continue;
    if (byte === EQUALS) {
      if (++pads > 2) return false;
    } else if (pads > 0 || BASE64_CHAR[byte] !== 1) {
      return false;
    }
  }
  return true;
}

/**
 * Decodes base64 bytes, skipping whitespace. Stray characters are skipped too, but reported, so
 * the caller can tell the body was damaged.
 *
 * @example
 * decodeBase64(Buffer.from('PHA+aGk8L3A+')).value.toString(); // '<p>hi</p>'
 */
export function decodeBase64(input: Uint8Array): Decoded<Buffer> {
  // the common, well-formed case is checked and decoded natively
  if (isWellFormedBase64(input)) {
    const text = Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('latin1');
    return { value: Buffer.from(text, 'base64'), error: null };
  }
  const clean = Buffer.allocUnsafe(input.length);
  let n = 0;
  let stray = 0;
  for (let i = 0; i < input.length; i++) {
    const byte = input[i] as number;
    if (BASE64_CHAR[byte] === 1) {
      // data after padding means concatenated base64 blocks; keep decoding them as one
      clean[n++] = byte;
    } else if (byte !== EQUALS && !isBase64Space(byte)) {
      stray++;
    }
  }
  const value = Buffer.from(clean.subarray(0, n).toString('latin1'), 'base64');
  const what = stray > 0 ? `${stray} invalid character(s)` : 'misplaced padding or a truncated last group';
  return {
    value,
    error: { code: 'mime-decode-failed', message: `Base64 body has ${what}; decoded what was readable.` },
  };
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

/** Node's additions to `TextDecoder`: iconv-lite's codecs and libmime's alias table. */
const NODE_CHARSETS: CharsetFallback = {
  windows1252: (bytes) => iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'windows-1252'),
  normalize: (label) => libmime.normalizeCharset(label),
  decode: (bytes, label) => {
    if (!iconv.encodingExists(label)) return null;
    try {
      return iconv.decode(Buffer.from(bytes), label);
    } catch {
      return null;
    }
  },
};

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
  return decodeCharsetWith(NODE_CHARSETS, bytes, charset);
}
