/**
 * Folders a message's content images live in. A sender's CDN names folders by account, campaign
 * or upload batch (`/2026-02-11/IRaiNLpWEyu7X_fc/<name>.gif`): a token there is shared by every
 * picture of the message, so a tiny image in the same folder carries no per-recipient id through
 * it. A counter's per-recipient folder holds no content pictures.
 */
import type { Resource } from '../html/types.js';
import type { ParsedUrl } from '../url/parse.js';
import { sizeClass } from './signals.js';

/**
 * The host and folder of a URL (`cdn.example/a/b` for `https://cdn.example/a/b/c.png`); `null`
 * for a file at the root, which has no folder to share.
 *
 * @example
 * folderOf(parseUrl('https://cdn.example/a/b/c.png')!); // 'cdn.example/a/b'
 */
export function folderOf(url: ParsedUrl): string | null {
  if (url.segments.length < 2) return null;
  return `${url.host}/${url.segments.slice(0, -1).join('/')}`;
}

/**
 * Folders of the images shown at a content size (sized or unsized, not tiny), with the URLs seen
 * in each, so that a folder counts as shared only with another file.
 *
 * @example
 * const folders = contentFolders([{ resource, url }]);
 * sharesContentFolder(folders, parseUrl('https://cdn.example/a/b/px.gif')!); // true when c.png was shown
 */
export function contentFolders(seen: ReadonlyArray<{ readonly resource: Resource; readonly url: ParsedUrl }>): ReadonlyMap<string, ReadonlySet<string>> {
  const out = new Map<string, Set<string>>();
  for (const { resource, url } of seen) {
    if (resource.via === 'link-click') continue;
    const size = sizeClass(resource);
    if (size !== 'sized' && size !== 'none') continue;
    const folder = folderOf(url);
    if (folder === null) continue;
    const files = out.get(folder) ?? new Set<string>();
    files.add(url.href);
    out.set(folder, files);
  }
  return out;
}

/**
 * Whether another content image of the message sits in the URL's folder.
 *
 * @example
 * sharesContentFolder(new Map([['cdn.example/a', new Set(['https://cdn.example/a/c.png'])]]), parseUrl('https://cdn.example/a/px.gif')!); // true
 */
export function sharesContentFolder(folders: ReadonlyMap<string, ReadonlySet<string>>, url: ParsedUrl): boolean {
  const folder = folderOf(url);
  if (folder === null) return false;
  const files = folders.get(folder);
  return files !== undefined && [...files].some((h) => h !== url.href);
}

/** Distinct links that must end in, or hold, the same token before it counts as the reader's. */
const MIN_LINKS_SHARING = 3;
const LINK_TOKEN = /^[A-Za-z0-9_-]{5,64}$/;

/** A path segment shaped like a short machine token: letters and digits mixed (`bgba1y`, `Xk3h9`). */
function isTokenSegment(s: string): boolean {
  return LINK_TOKEN.test(s) && /[0-9]/.test(s) && /[A-Za-z]/.test(s);
}

/**
 * Tokens that fill a path segment of at least three distinct links of one registrable domain
 * (`mlnk.example/<link>/bgba1y`): the same token on links to different places is the reader's,
 * not a link's. Keyed `domain token`.
 *
 * @example
 * linkTokens(links, domainOf); // Set { 'mlnk.example bgba1y' }
 */
export function linkTokens(links: readonly ParsedUrl[], domainOf: (host: string) => string | null): ReadonlySet<string> {
  const hrefs = new Map<string, Set<string>>();
  for (const url of links) {
    const domain = domainOf(url.host) ?? url.host;
    for (const seg of new Set(url.segments)) {
      if (!isTokenSegment(seg)) continue;
      const key = `${domain} ${seg}`;
      const seen = hrefs.get(key) ?? new Set<string>();
      seen.add(url.href);
      hrefs.set(key, seen);
    }
  }
  const out = new Set<string>();
  for (const [key, seen] of hrefs) if (seen.size >= MIN_LINKS_SHARING) out.add(key);
  return out;
}

/**
 * Whether an image's file name is a token the message's links share (see {@link linkTokens}):
 * `mlnk.example/img/bgba1y.png` beside links ending `/bgba1y`.
 *
 * @example
 * namedByLinkToken(new Set(['mlnk.example bgba1y']), parseUrl('http://mlnk.example/img/bgba1y.png')!, (h) => h); // true
 */
export function namedByLinkToken(tokens: ReadonlySet<string>, url: ParsedUrl, domainOf: (host: string) => string | null): boolean {
  if (tokens.size === 0) return false;
  const last = url.segments[url.segments.length - 1] ?? '';
  const dot = last.lastIndexOf('.');
  const stem = dot > 0 ? last.slice(0, dot) : last;
  return isTokenSegment(stem) && tokens.has(`${domainOf(url.host) ?? url.host} ${stem}`);
}
