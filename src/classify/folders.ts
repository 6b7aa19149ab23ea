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
