/**
 * URL text helpers for the walker: which URLs a mail client would fetch, `srcset` candidates and
 * `<meta http-equiv=refresh>` targets. Pure string operations, no URL parsing (the caller resolves).
 */

/** Schemes that never cause a network request from the message itself. */
const SKIPPED_SCHEMES: readonly string[] = ['data', 'cid', 'about', 'javascript', 'mailto', 'tel', 'sms'];

/** ASCII whitespace as HTML defines it (tab, LF, FF, CR, space). */
function isHtmlSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d;
}

/**
 * Trims HTML whitespace (and C0 controls, which URL parsing strips too) from both ends.
 *
 * @example
 * trimUrl('  https://a.example/x \n'); // 'https://a.example/x'
 */
export function trimUrl(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && value.charCodeAt(start) <= 0x20) start++;
  while (end > start && value.charCodeAt(end - 1) <= 0x20) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

/**
 * The lower-case scheme of a trimmed URL, or `''` when it has none. Tabs and newlines inside the
 * scheme are ignored as the URL parser does (`java\nscript:` is still `javascript`).
 *
 * @example
 * urlScheme('HTTPS://a.example/'); // 'https'
 * urlScheme('/relative'); // ''
 */
export function urlScheme(url: string): string {
  let scheme = '';
  const limit = Math.min(url.length, 40);
  for (let i = 0; i < limit; i++) {
    const c = url.charCodeAt(i);
    if (c === 0x3a) return i === 0 ? '' : scheme;
    if (c === 0x09 || c === 0x0a || c === 0x0d) continue;
    const isAlpha = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    const isOther = (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e;
    if (!isAlpha && !(isOther && scheme.length > 0)) return '';
    scheme += String.fromCharCode(c | 0x20);
  }
  return '';
}

/**
 * True when a trimmed URL would be fetched: not empty, not a fragment, not an inline or local scheme.
 *
 * @example
 * isLoadableUrl('https://t.example/o.gif'); // true
 * isLoadableUrl('cid:logo@x'); // false
 */
export function isLoadableUrl(url: string): boolean {
  if (url.length === 0 || url.charCodeAt(0) === 0x23) return false;
  const scheme = urlScheme(url);
  return scheme === '' || !SKIPPED_SCHEMES.includes(scheme);
}

/**
 * True for links the walker reports: absolute `http(s)` or protocol-relative (`//host/…`).
 *
 * @example
 * isWebLink('https://a.example/'); // true
 * isWebLink('/local'); // false
 */
export function isWebLink(url: string): boolean {
  const scheme = urlScheme(url);
  if (scheme === 'http' || scheme === 'https') return true;
  return scheme === '' && url.startsWith('//');
}

/**
 * The candidate URLs of a `srcset` attribute, following the HTML candidate-splitting steps:
 * a URL is a run of non-whitespace; trailing commas end it; descriptors run to the next comma
 * outside parentheses.
 *
 * @example
 * parseSrcset('a.png 1x, b.png 2x'); // ['a.png', 'b.png']
 */
export function parseSrcset(srcset: string): string[] {
  const urls: string[] = [];
  const n = srcset.length;
  let i = 0;
  while (i < n) {
    while (i < n && (isHtmlSpace(srcset.charCodeAt(i)) || srcset.charCodeAt(i) === 0x2c)) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isHtmlSpace(srcset.charCodeAt(i))) i++;
    let end = i;
    let endedByComma = false;
    while (end > start && srcset.charCodeAt(end - 1) === 0x2c) {
      end--;
      endedByComma = true;
    }
    if (end > start) urls.push(srcset.slice(start, end));
    if (endedByComma) continue;
    let depth = 0;
    while (i < n) {
      const c = srcset.charCodeAt(i);
      if (c === 0x28) depth++;
      else if (c === 0x29 && depth > 0) depth--;
      else if (c === 0x2c && depth === 0) break;
      i++;
    }
  }
  return urls;
}

/**
 * The URL of a `<meta http-equiv=refresh content="…">` value, or `null` when it only reloads.
 * Accepts `5;url=x`, `5, URL = 'x'` and `0; x`.
 *
 * @example
 * parseMetaRefresh('0; url=https://a.example/'); // 'https://a.example/'
 */
export function parseMetaRefresh(content: string): string | null {
  let i = 0;
  const n = content.length;
  while (i < n && isHtmlSpace(content.charCodeAt(i))) i++;
  while (i < n && /[0-9.]/.test(content.charAt(i))) i++;
  while (i < n && isHtmlSpace(content.charCodeAt(i))) i++;
  if (i < n && (content.charAt(i) === ';' || content.charAt(i) === ',')) i++;
  while (i < n && isHtmlSpace(content.charCodeAt(i))) i++;
  let rest = content.slice(i);
  if (rest.slice(0, 3).toLowerCase() === 'url') {
    const afterUrl = rest.slice(3).trimStart();
    if (afterUrl.startsWith('=')) rest = afterUrl.slice(1).trimStart();
  }
  const quote = rest.charAt(0);
  if (quote === '"' || quote === "'") {
    const close = rest.indexOf(quote, 1);
    rest = close === -1 ? rest.slice(1) : rest.slice(1, close);
  }
  const url = trimUrl(rest);
  return url.length > 0 ? url : null;
}
