/**
 * Small pure helpers of the leak search: raw query pairs, JSON unescaping, URLs embedded in text,
 * and the final de-duplication of leaks.
 */
import { firstHttpStart, parseUrl, type ParsedUrl } from '../url/parse.js';
import type { AddressLeak } from './find.js';

/**
 * Undoes JSON string escapes that can hide an address (`\u0040`, `\/`); lenient, never throws.
 *
 * @example
 * jsonUnescape('me\\u0040mail.example'); // 'me@mail.example'
 */
export function jsonUnescape(text: string): string {
  return text
    .replace(/\\u([0-9a-fA-F]{4})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replaceAll('\\/', '/');
}

/** Whether a character ends a URL embedded in free text: space, tab, CR, LF, `"`, `<`, `>`. */
function endsUrl(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 34 || c === 60 || c === 62;
}

/**
 * The http(s) URL that starts somewhere in `text`, if any (up to whitespace, `"`, `<` or `>`).
 *
 * @example
 * nestedUrl('go to https://shop.example/a now')?.host; // 'shop.example'
 */
export function nestedUrl(text: string): ParsedUrl | null {
  // Lower-casing never makes `://`, so text without it holds no URL: most parts stop here.
  if (!text.includes('://')) return null;
  const at = firstHttpStart(text.toLowerCase());
  if (at < 0) return null;
  let end = at;
  while (end < text.length && !endsUrl(text.charCodeAt(end))) end++;
  return parseUrl(text.slice(at, end));
}

/**
 * Raw (still percent-encoded) query pairs of an href, in order.
 *
 * @example
 * rawQuery('https://x.example/?e=me%40mail.example#f'); // [['e', 'me%40mail.example']]
 */
export function rawQuery(href: string): Array<readonly [string, string]> {
  const hash = href.indexOf('#');
  const beforeHash = hash < 0 ? href : href.slice(0, hash);
  const q = beforeHash.indexOf('?');
  if (q < 0) return [];
  const search = beforeHash.slice(q + 1);
  const pairs: Array<readonly [string, string]> = [];
  for (const pair of search.split('&')) {
    if (pair.length === 0) continue;
    const eq = pair.indexOf('=');
    pairs.push(eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)]);
  }
  return pairs;
}

/**
 * Keeps one leak per (address, encoding, location) and drops restatements: a leak at `L` when the
 * same address was pinned down inside a nested URL `L>…`, and a `L/base64` finding that repeats a
 * direct match at `L` with the same encoding.
 *
 * @example
 * tidy([leak, leak]).length; // 1
 */
export function tidy(leaks: readonly AddressLeak[]): AddressLeak[] {
  const byKey = new Map<string, AddressLeak>();
  for (const l of leaks) {
    const key = `${l.address}\u0000${l.encoding}\u0000${l.location}`;
    if (!byKey.has(key)) byKey.set(key, l);
  }
  const all = [...byKey.values()];
  const nestedAt = new Set<string>();
  for (const l of all) {
    let cut = l.location.indexOf('>');
    while (cut >= 0) {
      nestedAt.add(`${l.address}\u0000${l.location.slice(0, cut)}`);
      cut = l.location.indexOf('>', cut + 1);
    }
  }
  return all.filter((l) => {
    if (nestedAt.has(`${l.address}\u0000${l.location}`)) return false;
    if (!l.location.endsWith('/base64')) return true;
    const outer = l.location.slice(0, -'/base64'.length);
    return !byKey.has(`${l.address}\u0000${l.encoding}\u0000${outer}`);
  });
}

