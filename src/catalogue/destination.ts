/**
 * Destination recovery for click redirects: turns the value a redirect keeps (percent-encoded,
 * double-encoded, base64/base64url, schemeless, embedded in JSON) into an absolute URL string.
 * Knows no vendor; the catalogue's `DestinationSpec` says where to look.
 */
import type { DestinationSpec } from './types.js';
import { queryValue, type ParsedUrl } from '../url/parse.js';

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
  if (value.length === 0 || value.length > MAX_VALUE_LENGTH) return null;
  // Tokens often end with a vendor separator (`~~`, `.`): decode the leading base64 run only.
  let end = 0;
  while (end < value.length && BASE64_CHARS.includes(value[end] ?? ' ')) end += 1;
  if (end < 4) return null;
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
  const lower = s.toLowerCase();
  const https = lower.indexOf('https://');
  const http = lower.indexOf('http://');
  const start = https < 0 ? http : http < 0 ? https : Math.min(http, https);
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
  }
}
