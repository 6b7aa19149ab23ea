/**
 * Destination recovery for click redirects: turns the value a redirect keeps (percent-encoded,
 * double-encoded, base64/base64url, schemeless, embedded in JSON) into an absolute URL string.
 * Knows no vendor; the catalogue's `DestinationSpec` says where to look.
 */
import type { DestinationSpec } from './types.js';
import { firstHttpStart, queryValue, type ParsedUrl } from '../url/parse.js';

/** A decoded value longer than this is not searched: destinations are URLs, not documents. */
const MAX_VALUE_LENGTH = 16_384;

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function hasScheme(s: string): boolean {
  const lower = s.slice(0, 8).toLowerCase();
  return lower.startsWith('https://') || lower.startsWith('http://');
}

const HOST_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789.-:';

/** `www.example.com/page` (a host with a dot, then `/` or the end) reads as a schemeless URL. */
function looksSchemeless(s: string): boolean {
  const slash = s.indexOf('/');
  const host = (slash < 0 ? s : s.slice(0, slash)).toLowerCase();
  if (host.length < 4 || !host.includes('.') || host.startsWith('.')) return false;
  for (const c of host) if (!HOST_CHARS.includes(c)) return false;
  return true;
}

/**
 * Reads a value as an absolute http(s) URL, percent-decoding up to three times (double-encoded
 * destinations are common in chained retail redirects) and accepting `//host` and `host/path`.
 *
 * @example
 * asUrl('https%253A%252F%252Fshop.example%252F'); // 'https://shop.example/'
 * asUrl('not a url');                               // null
 */
export function asUrl(value: string): string | null {
  let s = value.trim();
  for (let round = 0; round < 4 && s.length <= MAX_VALUE_LENGTH; round += 1) {
    if (hasScheme(s)) return s;
    if (s.startsWith('//')) return `https:${s}`;
    const decoded = safeDecode(s);
    if (decoded === s) return looksSchemeless(s) ? `https://${s}` : null;
    s = decoded.trim();
  }
  return null;
}

const BASE64_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_=';

/**
 * Decodes base64 or base64url (padding optional) to text, or `null` when it is not base64. Only
 * the leading run of base64 characters is decoded, so a trailing separator does not spoil it.
 *
 * @example
 * decodeBase64('aHR0cHM6Ly9leGFtcGxlLmNvbS8');   // 'https://example.com/'
 * decodeBase64('aHR0cHM6Ly9leGFtcGxlLmNvbS8~~'); // 'https://example.com/'
 */
export function decodeBase64(value: string): string | null {
  return decodeBase64Run(value, 4);
}

/** `decodeBase64` with a shortest accepted run: short runs are noise in a token, not in a fill. */
function decodeBase64Run(value: string, minRun: number): string | null {
  if (value.length === 0 || value.length > MAX_VALUE_LENGTH) return null;
  // Tokens often end with a vendor separator (`~~`, `.`): decode the leading base64 run only.
  let end = 0;
  while (end < value.length && BASE64_CHARS.includes(value[end] ?? ' ')) end += 1;
  if (end < minRun) return null;
  let s = value.slice(0, end).replaceAll('-', '+').replaceAll('_', '/');
  const cut = s.indexOf('=');
  if (cut >= 0) s = s.slice(0, cut);
  if (s.length % 4 === 1) return null;
  s += '='.repeat((4 - (s.length % 4)) % 4);
  let binary: string;
  try {
    binary = atob(s);
  } catch {
    return null;
  }
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

const URL_END = '"\'<>\\ \t\r\n';

/** URLs in mail are printable ASCII: a control or non-ASCII character (binary tokens) ends one. */
function isUrlChar(c: string): boolean {
  const code = c.charCodeAt(0);
  return code > 0x20 && code < 0x7f && !URL_END.includes(c);
}

/** Nested JSON escapes `/` once per level (`\\\/`): one linear pass drops every backslash run before a slash. */
function unescapeSlashes(text: string): string {
  let out = '';
  let run = '';
  for (const c of text) {
    if (c === '\\') {
      run += c;
      continue;
    }
    out += c === '/' ? c : run + c;
    run = '';
  }
  return out + run;
}

/**
 * Finds the first http(s) URL inside decoded text (JSON payloads escape `/` as `\/`; binary
 * tokens end the URL at the first control or non-ASCII byte).
 *
 * @example
 * embeddedUrl('{"url":"https:\\/\\/shop.example\\/a"}'); // 'https://shop.example/a'
 */
export function embeddedUrl(text: string): string | null {
  const s = unescapeSlashes(text);
  const start = firstHttpStart(s.toLowerCase());
  if (start < 0) return null;
  let end = start;
  while (end < s.length && isUrlChar(s[end] ?? ' ')) end += 1;
  return s.slice(start, end);
}

function fromBase64(value: string): string | null {
  const text = decodeBase64(value);
  if (text === null) return null;
  return asUrl(text) ?? embeddedUrl(text);
}

/** `-XX` for `%XX` and `_` for `/`: a rewriting that keeps a URL free of `%` and `/`. */
function fromDashHex(value: string): string | null {
  return asUrl(value.replaceAll('-', '%').replaceAll('_', '/'));
}

/** A bare host name (`github.com`, `shop.example:8443`) read as the root of that site. */
function fromHost(value: string): string | null {
  const host = value.trim().toLowerCase();
  if (host.length === 0 || host.length > 253 || !looksSchemeless(host) || host.includes('/')) return null;
  return `https://${host}/`;
}

/** `**` + one of these stands for a run of (its index + 2) characters of the fill text. */
const RUN_CODES = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Puts back the characters a rewriting replaced by `*` (those it could not leave in a path, such
 * as `#` and `%`), taking them in order from `fill`. A run code outside the table stands for one
 * character; a `*` with nothing left to fill stays as it is.
 *
 * @example
 * fillStars('https://a.example/x*y**Az', ['#', '%', '%', '%']); // 'https://a.example/x#y%%%z'
 */
export function fillStars(text: string, fill: readonly string[]): string {
  let out = '';
  let next = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] ?? '';
    if (c !== '*' || next >= fill.length) {
      out += c;
      continue;
    }
    let run = 1;
    if (text[i + 1] === '*' && i + 2 < text.length) {
      run = Math.max(1, RUN_CODES.indexOf(text[i + 2] ?? '') + 2);
      i += 2;
    }
    out += fill.slice(next, next + run).join('');
    next += run;
  }
  return out;
}

/** The destination written into the path after `prefix`, `*`-filled from the token after `__;`. */
function fromStarredPath(url: ParsedUrl, prefix: string): string | null {
  const { href } = url;
  const pathStart = href.indexOf('/', href.indexOf('//') + 2);
  if (pathStart < 0 || href.slice(pathStart, pathStart + prefix.length).toLowerCase() !== prefix.toLowerCase()) return null;
  const rest = href.slice(pathStart + prefix.length);
  if (rest.length > MAX_VALUE_LENGTH) return null;
  const end = rest.indexOf('__;');
  if (end < 0) return asUrl(rest);
  const token = rest.slice(end + 3);
  const bang = token.indexOf('!');
  // One replaced character is two base64 digits, so short fills are the common case.
  const fill = decodeBase64Run(bang < 0 ? token : token.slice(0, bang), 2);
  // Code points, not UTF-16 units: a replaced non-ASCII character is one `*`.
  return asUrl(fillStars(rest.slice(0, end), fill === null ? [] : Array.from(fill)));
}

/**
 * Reads the raw destination a rule's `DestinationSpec` points at, one level deep.
 *
 * @example
 * const u = parseUrl('https://r.example/l?url=https%3A%2F%2Fshop.example%2F')!;
 * recoverDestination(u, { type: 'param', name: 'url' }); // 'https://shop.example/'
 */
export function recoverDestination(url: ParsedUrl, spec: DestinationSpec): string | null {
  switch (spec.type) {
    case 'param': {
      const v = queryValue(url, spec.name);
      return v === null ? null : asUrl(v);
    }
    case 'param-base64': {
      const v = queryValue(url, spec.name);
      return v === null ? null : fromBase64(v);
    }
    case 'path-segment': {
      const seg = url.segments.at(spec.index);
      if (seg === undefined) return null;
      return spec.encoding === 'base64' ? fromBase64(seg) : asUrl(seg);
    }
    case 'fragment':
      return url.fragment.length > 0 ? asUrl(url.fragment) : null;
    case 'param-dash-hex': {
      const v = queryValue(url, spec.name);
      return v === null ? null : fromDashHex(v);
    }
    case 'param-host': {
      const v = queryValue(url, spec.name);
      return v === null ? null : fromHost(v);
    }
    case 'path-rest-starred':
      return fromStarredPath(url, spec.prefix);
  }
}
