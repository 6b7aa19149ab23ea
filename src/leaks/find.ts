/**
 * Finds the recipient's address inside a URL, however it was wrapped: percent-encoded (up to three
 * rounds), inside base64/base64url tokens (Nylas `r=`, Postmark, Marketo `mid`, SparkPost `/q/`),
 * zlib-compressed ones among them (Mailgun `/o/eJ…`),
 * JSON-escaped, hashed, or inside a destination URL carried by a parameter.
 */
import type { Leak } from '../types.js';
import type { ParsedUrl } from '../url/parse.js';
import { percentDecode } from './bytes.js';
import type { Needle, NeedleSet } from './needles.js';
import { scanText } from './scan.js';
import { decodedText, inflatedText } from './tokens.js';
import { jsonUnescape, nestedUrl, rawQuery, tidy } from './url-parts.js';
import type { AddressVariant } from './variants.js';

/**
 * A {@link Leak} that also says which spelling of the address was encoded.
 *
 * @example
 * const l: AddressLeak = { encoding: 'sha256', location: 'param:em', address: 'me@mail.example',
 *   variant: 'normalized' };
 */
export interface AddressLeak extends Leak {
  readonly variant: AddressVariant;
}

/**
 * Options of {@link findLeaks}.
 *
 * @example
 * const o: FindLeaksOptions = { nestedUrls: false };
 */
export interface FindLeaksOptions {
  /** Parse a URL found in a parameter, path segment or fragment and search it too (default true). */
  readonly nestedUrls?: boolean;
}

const PERCENT_ROUNDS = 3;
const BASE64_DEPTH = 2;
const MIN_BASE64_TOKEN = 8;

interface Context {
  readonly needles: NeedleSet;
  /** Remaining base64 layers to open. */
  readonly base64Depth: number;
  /** Whether a nested URL may still be parsed. */
  readonly nested: boolean;
  /** Inside a decoded base64 payload, where neighbouring bytes say nothing about address bounds. */
  readonly insideBinary: boolean;
}

function contextFor(needles: NeedleSet, opts: FindLeaksOptions): Context {
  return { needles, base64Depth: BASE64_DEPTH, nested: opts.nestedUrls !== false, insideBinary: false };
}

function leakOf(n: Needle, encoding: string, location: string, percentEncoded = 0): AddressLeak {
  const leak: AddressLeak = { encoding, location, address: n.address, variant: n.variant };
  return percentEncoded > 0 ? { ...leak, percentEncoded } : leak;
}

/**
 * How many rounds of percent-encoding were peeled off (or matched) to reveal a plain form. The
 * server decodes them itself, so such an address is reported as `plain` with this count beside it.
 */
function percentRounds(n: Needle, round: number): number {
  if (n.encoding !== 'plain' && n.encoding !== 'percent-encoded') return 0;
  return round + (n.encoding === 'percent-encoded' ? 1 : 0);
}

/** The encoding name of a form found after `round` percent-decodings: plain forms stay `plain`. */
function percentName(n: Needle): string {
  return n.encoding === 'percent-encoded' ? 'plain' : n.encoding;
}

/** A leak found inside a token: the token's encoding is the outer layer, so the count goes. */
function wrapped(leak: AddressLeak, encoding: string): AddressLeak {
  const { percentEncoded: _inner, ...rest } = leak;
  return { ...rest, encoding };
}

/** What a form found inside a base64 token is called from the outside. */
function base64Name(encoding: string): string {
  if (encoding === 'plain') return 'base64';
  return `base64(${encoding})`;
}

/** What a form found inside a compressed base64 token is called from the outside. */
function zlibName(encoding: string): string {
  const inner = encoding === 'plain' ? '' : `(${encoding})`;
  return `base64(zlib${inner})`;
}

/** Base64 alphabet without padding: 1 = hex digit (either case), 2 = other base64 character. */
const B64_KIND: Uint8Array = (() => {
  const t = new Uint8Array(128);
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_';
  for (let i = 0; i < chars.length; i++) {
    const c = chars.charCodeAt(i);
    t[c] = /[0-9a-fA-F]/.test(chars.charAt(i)) ? 1 : 2;
  }
  return t;
})();

/**
 * Decodes each maximal base64 run of `text` (at least {@link MIN_BASE64_TOKEN} long, not all hex)
 * at all four alignments and searches the decoded bytes.
 */
function searchBase64(text: string, location: string, ctx: Context): AddressLeak[] {
  const out: AddressLeak[] = [];
  let inner: Context | null = null;
  let start = -1;
  let allHex = true;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0;
    const kind = c < 128 ? (B64_KIND[c] ?? 0) : 0;
    if (kind !== 0) {
      if (start < 0) {
        start = i;
        allHex = true;
      }
      if (kind === 2) allHex = false;
      continue;
    }
    const runStart = start;
    start = -1;
    if (runStart < 0 || i - runStart < MIN_BASE64_TOKEN || allHex) continue;
    const inflated = inflatedText(text, runStart, i);
    if (inflated !== null) {
      // Compressed payloads seen are text (a query string, JSON): address bounds still hold there.
      const textual = { ...ctx, base64Depth: ctx.base64Depth - 1, nested: false };
      for (const leak of searchString(inflated, `${location}/zlib`, textual)) out.push(wrapped(leak, zlibName(leak.encoding)));
      continue;
    }
    for (let offset = 0; offset < 4; offset++) {
      const decoded = decodedText(text, runStart + offset, i, ctx.needles.shortest);
      if (decoded === null) continue;
      inner ??= { ...ctx, base64Depth: ctx.base64Depth - 1, nested: false, insideBinary: true };
      for (const leak of searchString(decoded, `${location}/base64`, inner)) {
        out.push(wrapped(leak, base64Name(leak.encoding)));
      }
    }
  }
  return out;
}

function searchString(text: string, location: string, ctx: Context): AddressLeak[] {
  const out: AddressLeak[] = [];
  let seen: Set<Needle> | null = null;
  let layer = text;
  let unwrapped = false;
  for (let round = 0; round <= PERCENT_ROUNDS; round++) {
    const variants = layer.includes('\\') ? [layer, jsonUnescape(layer)] : [layer];
    for (const v of variants) {
      for (const n of scanText(v, ctx.needles, !ctx.insideBinary)) {
        seen ??= new Set();
        if (seen.has(n)) continue;
        seen.add(n);
        out.push(leakOf(n, percentName(n), location, percentRounds(n, round)));
      }
    }
    if (ctx.nested) {
      const url = nestedUrl(layer);
      if (url !== null) {
        out.push(...urlLeaks(url, { ...ctx, nested: false }, `${location}>`));
        unwrapped = true;
        break;
      }
    }
    const next = percentDecode(layer);
    if (next === layer || round === PERCENT_ROUNDS) break;
    layer = next;
  }
  if (ctx.base64Depth > 0 && !unwrapped) out.push(...searchBase64(layer, location, ctx));
  return out;
}

/**
 * Searches one URL part; its location label is only built when needed. A part shorter than every
 * needle and than `http://x` can hold neither a needle nor a nested URL, and nothing it decodes to
 * is longer.
 */
function searchPart(text: string, where: () => string, ctx: Context, out: AddressLeak[]): void {
  const shortest = ctx.needles.shortest;
  if (shortest > 0 && text.length < Math.min(shortest, 8)) return;
  for (const l of searchString(text, where(), ctx)) out.push(l);
}

function urlLeaks(url: ParsedUrl, ctx: Context, prefix: string): AddressLeak[] {
  const out: AddressLeak[] = [];
  searchPart(url.host, () => `${prefix}host`, ctx, out);
  let i = 0;
  for (const seg of url.path.split('/')) {
    if (seg.length === 0) continue;
    const at = i++;
    searchPart(seg, () => `${prefix}path:${at}`, ctx, out);
  }
  rawQuery(url.href).forEach(([name, value], k) => {
    searchPart(name, () => `${prefix}param-name:${k}`, ctx, out);
    searchPart(value, () => `${prefix}param:${url.query[k]?.[0] ?? percentDecode(name)}`, ctx, out);
  });
  if (url.fragment.length > 0) searchPart(url.fragment, () => `${prefix}fragment`, ctx, out);
  return out;
}

/**
 * Searches one string (a query value, a path segment, a decoded payload…) for the needles, peeling
 * percent-encoding, JSON escapes and base64 layers. `location` labels the findings.
 *
 * @example
 * findLeaksInString('r=dXNlckBleGFtcGxlLmNvbQ', 'param:x', buildNeedles(['user@example.com']));
 * // [{ encoding: 'base64', location: 'param:x', address: 'user@example.com', variant: 'normalized' }]
 */
export function findLeaksInString(
  text: string,
  location: string,
  needles: NeedleSet,
  opts: FindLeaksOptions = {},
): AddressLeak[] {
  if (needles.needles.length === 0) return [];
  const ctx = contextFor(needles, opts);
  return tidy(searchString(text, location, ctx));
}

/**
 * Every place where one of the recipient addresses appears in a URL: host, each path segment
 * (`path:<i>`), each query value (`param:<name>`) and name (`param-name:<i>`), the fragment, and
 * inside a destination URL carried by any of them (`param:url>param:e`).
 *
 * @example
 * const url = parseUrl('https://t.example/o?m=b58996c504c5638798eb6b511e6f49af');
 * findLeaks(url!, buildNeedles(['user@example.com']));
 * // [{ encoding: 'md5', location: 'param:m', address: 'user@example.com', variant: 'normalized' }]
 */
export function findLeaks(
  url: ParsedUrl,
  needles: NeedleSet,
  opts: FindLeaksOptions = {},
): AddressLeak[] {
  if (needles.needles.length === 0) return [];
  const ctx = contextFor(needles, opts);
  return tidy(urlLeaks(url, ctx, ''));
}
