/**
 * Building blocks for classifier tests: a parsed URL that must parse, and an `<img>` resource.
 */
import type { Resource } from '../../src/html/types.js';
import { parseUrl, type ParsedUrl } from '../../src/url/parse.js';

/**
 * Parses a URL written in a test table; a typo fails the test instead of passing `null` on.
 *
 * @example
 * url('https://t.shop.example/c/Q9vX2kLm8pR4').host; // 't.shop.example'
 */
export function url(s: string): ParsedUrl {
  const u = parseUrl(s);
  if (u === null) throw new Error(`bad test url ${s}`);
  return u;
}

/**
 * An `<img src>` resource as the walker reports it, with the size and hiding the row gives.
 *
 * @example
 * img('https://t.shop.example/o.gif', 1, 1).width; // 1
 */
export function img(u: string, width: number | null, height: number | null, hidden: Resource['hidden'] = null): Resource {
  return { via: 'element', tag: 'img', attribute: 'src', line: 1, col: 1, startOffset: 0, endOffset: 0, width, height, hidden, media: null, selector: null, url: u };
}
