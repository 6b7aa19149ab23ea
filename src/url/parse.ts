/**
 * A URL split into the parts the classifier looks at. Pure, browser-safe (WHATWG `URL` only).
 */

/**
 * A parsed http(s) URL.
 *
 * @example
 * const u = parseUrl('https://A.Example.com/t/o.gif?id=1#x');
 * // u.host === 'a.example.com', u.segments === ['t', 'o.gif'], u.query === [['id', '1']]
 */
export interface ParsedUrl {
  /** Normalised href as the WHATWG URL parser gives it. */
  readonly href: string;
  /** `http` or `https`. */
  readonly scheme: 'http' | 'https';
  /** Lower-case host name without port; IDNs in punycode; IPv6 without brackets. */
  readonly host: string;
  /** Path as requested, percent-encoding kept, always starting with `/`. */
  readonly path: string;
  /** Non-empty path segments, percent-decoded where valid. */
  readonly segments: readonly string[];
  /** Query pairs in order, names and values percent-decoded (`+` as space). */
  readonly query: ReadonlyArray<readonly [string, string]>;
  /** Fragment without `#`, as written. */
  readonly fragment: string;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Parses an absolute http(s) URL (protocol-relative `//host/…` counts as https). Returns `null` for
 * anything a mail client would not fetch from the network (`cid:`, `data:`, `mailto:`, relative
 * paths, malformed input). Never throws.
 *
 * @example
 * parseUrl('//t.example/p.gif')?.scheme; // 'https'
 * parseUrl('cid:logo@x');               // null
 */
export function parseUrl(raw: string): ParsedUrl | null {
  const input = raw.trim();
  if (input.length === 0) return null;
  const absolute = input.startsWith('//') ? `https:${input}` : input;
  const colon = absolute.indexOf(':');
  if (colon <= 0) return null;
  const scheme = absolute.slice(0, colon).toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return null;
  let u: URL;
  try {
    u = new URL(absolute);
  } catch {
    return null;
  }
  let host = u.hostname.toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host.length === 0) return null;
  const path = u.pathname || '/';
  const segments = path
    .split('/')
    .filter((s) => s.length > 0)
    .map(safeDecode);
  const query: Array<readonly [string, string]> = [];
  const search = u.search.startsWith('?') ? u.search.slice(1) : u.search;
  if (search.length > 0) {
    for (const pair of search.split('&')) {
      if (pair.length === 0) continue;
      const eq = pair.indexOf('=');
      const k = eq < 0 ? pair : pair.slice(0, eq);
      const v = eq < 0 ? '' : pair.slice(eq + 1);
      query.push([safeDecode(k.replace(/\+/g, ' ')), safeDecode(v.replace(/\+/g, ' '))]);
    }
  }
  return {
    href: u.href,
    scheme,
    host,
    path,
    segments,
    query,
    fragment: u.hash.startsWith('#') ? u.hash.slice(1) : u.hash,
  };
}

/**
 * The first value of a query parameter, or `null` when absent.
 *
 * @example
 * queryValue(parseUrl('https://x.example/?a=1&a=2')!, 'a'); // '1'
 */
export function queryValue(url: ParsedUrl, name: string): string | null {
  for (const [k, v] of url.query) if (k === name) return v;
  return null;
}

/**
 * Where the first `http://` or `https://` starts in lower-cased text, or -1: where a URL embedded in
 * a parameter, a token or a JSON payload begins (each caller decides where it ends).
 *
 * @example
 * firstHttpStart('go to https://a.example or http://b.example'); // 6
 */
export function firstHttpStart(lower: string): number {
  const plain = lower.indexOf('http://');
  const secure = lower.indexOf('https://');
  return plain < 0 ? secure : secure < 0 ? plain : Math.min(plain, secure);
}
