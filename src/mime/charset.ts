/**
 * Charset decoding of a part body, browser-safe: WHATWG decoders (`TextDecoder`) first, so the HTML
 * reads as a mail client's web view would read it; what they cannot do comes from a fallback
 * passed in (iconv-lite and libmime's alias table in Node, nothing more in the browser build).
 */
import type { ScanError } from '../types.js';

/**
 * Result of a decoding step: the value plus any problem met on the way.
 *
 * @example
 * const d: Decoded<string> = { value: 'é', error: null };
 */
export interface Decoded<T> {
  readonly value: T;
  readonly error: ScanError | null;
}

/**
 * What a platform adds to its `TextDecoder`.
 *
 * @example
 * const none: CharsetFallback = { windows1252: (b) => new TextDecoder('windows-1252').decode(b), normalize: (l) => l, decode: () => null };
 */
export interface CharsetFallback {
  /** windows-1252 text (Node 20's `TextDecoder` decodes that label as ISO-8859-1). */
  readonly windows1252: (bytes: Uint8Array) => string;
  /** An alias for an odd label (`win-1252` → `windows-1252`), or the label itself. */
  readonly normalize: (label: string) => string;
  /** Decodes a label no WHATWG decoder knows, or returns null. */
  readonly decode: (bytes: Uint8Array, label: string) => string | null;
}

/**
 * The browser's fallback: its `TextDecoder` already decodes windows-1252 right, and nothing else
 * is added (charsets outside the WHATWG list get the UTF-8/windows-1252 guess and an error).
 *
 * @example
 * decodeCharsetWith(BROWSER_CHARSETS, bytes, 'ibm850').error?.code; // 'unknown-charset'
 */
export const BROWSER_CHARSETS: CharsetFallback = {
  windows1252: (bytes) => new TextDecoder('windows-1252').decode(bytes),
  normalize: (label) => label,
  decode: () => null,
};

/**
 * Codecs that are no text charset. UTF-7 in particular can hide markup from a scanner
 * (`+ADw-img+AD4-` is `<img>`), and no browser decodes it either.
 */
function isRefusedCharset(name: string): boolean {
  const compact = name.replace(/[^a-z0-9]/g, '');
  return compact.includes('utf7') || compact === 'base64' || compact === 'hex';
}

/**
 * Whether the bytes are well-formed UTF-8.
 *
 * @example
 * isValidUtf8(new Uint8Array([0xc3, 0xa9])); // true
 */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Best effort without a usable charset: UTF-8 when the bytes are valid UTF-8, else windows-1252. */
function decodeGuess(bytes: Uint8Array, fallback: CharsetFallback): string {
  if (isValidUtf8(bytes)) return new TextDecoder('utf-8').decode(bytes);
  return fallback.windows1252(bytes);
}

/** The WHATWG decoding of bytes for a label, as browsers would do it, or null for no decoder. */
function decodeWhatwg(bytes: Uint8Array, label: string, fallback: CharsetFallback): string | null {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    return null;
  }
  // labels such as iso-2022-kr map to the "replacement" decoder, which yields one U+FFFD
  if (decoder.encoding === 'replacement') return null;
  return decoder.encoding === 'windows-1252' ? fallback.windows1252(bytes) : decoder.decode(bytes);
}

/**
 * Decodes bytes in a declared charset: WHATWG decoders first, then the fallback's alias and
 * decoder. No charset: UTF-8, or windows-1252 when the bytes are not UTF-8. An unknown (or
 * refused, like UTF-7) charset gives the same guess plus an `unknown-charset` error.
 *
 * @example
 * decodeCharsetWith(BROWSER_CHARSETS, new Uint8Array([0xe9]), 'iso-8859-1').value; // 'é'
 */
export function decodeCharsetWith(fallback: CharsetFallback, bytes: Uint8Array, charset: string | null): Decoded<string> {
  const label = charset?.trim().toLowerCase() ?? '';
  if (label === '') return { value: decodeGuess(bytes, fallback), error: null };
  const native = decodeWhatwg(bytes, label, fallback);
  if (native !== null) return { value: native, error: null };
  const alias = fallback.normalize(label).toLowerCase();
  const aliased = alias === label ? null : decodeWhatwg(bytes, alias, fallback);
  if (aliased !== null) return { value: aliased, error: null };
  if (!isRefusedCharset(alias)) {
    const decoded = fallback.decode(bytes, alias);
    if (decoded !== null) return { value: decoded, error: null };
  }
  return {
    value: decodeGuess(bytes, fallback),
    error: {
      code: 'unknown-charset',
      message: `Unknown or refused charset "${label.slice(0, 40)}"; decoded as UTF-8/windows-1252.`,
    },
  };
}
