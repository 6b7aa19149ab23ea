/**
 * The browser build's entry functions: the same scanner and sanitiser as in Node, with the lazily
 * loaded catalogue as their default. They need {@link loadCatalogue} to have finished (it also
 * loads the public-suffix list, which a scan needs even with `options.catalogue`).
 */
import type { CatalogueIndex } from '../catalogue/types.js';
import { sanitizeHtmlWith } from '../sanitize/html-core.js';
import type { SanitizeHtmlResult, SanitizeOptions } from '../sanitize/types.js';
import { scanEmlWith } from '../scan/eml-core.js';
import { scanHtmlWith } from '../scan/html-core.js';
import type { Report, ScanOptions } from '../types.js';
import { defaultCatalogue, loadCatalogue } from './catalogue.js';
import { domainsLoaded } from './domains.js';

/**
 * `options.catalogue`, else the loaded one; throws (outside the scanner's own catch) when neither,
 * or when the suffix list is not loaded.
 */
function catalogueFor(options: unknown): () => CatalogueIndex {
  if (!domainsLoaded()) {
    throw new TypeError('spypixel/html: the public-suffix list is not loaded; `await loadCatalogue()` first.');
  }
  const given = typeof options === 'object' && options !== null ? (options as ScanOptions).catalogue : undefined;
  const catalogue = given ?? defaultCatalogue();
  return () => catalogue;
}

/**
 * Scans an HTML document (a message body) for trackers, as `scanHtml` of the Node entry does.
 *
 * @throws {TypeError} when `loadCatalogue()` has not finished, or for
 * invalid `options.limits`.
 *
 * @example
 * import { loadCatalogue, scanHtml } from 'spypixel/html';
 * await loadCatalogue();
 * const report = scanHtml(html, { sender: 'news@shop.example', recipient: 'me@mail.example' });
 */
export function scanHtml(html: string, options: ScanOptions = {}): Report {
  return scanHtmlWith(catalogueFor(options), html, options);
}

/**
 * Makes an HTML message body safe to display, as `sanitizeHtml` of the Node entry does.
 *
 * @throws {TypeError} when `loadCatalogue()` has not finished.
 *
 * @example
 * import { loadCatalogue, sanitizeHtml } from 'spypixel/html';
 * await loadCatalogue();
 * const { html: safe, removed } = sanitizeHtml(html, { sender: 'news@shop.example' });
 */
export function sanitizeHtml(html: string, options: SanitizeOptions = {}): SanitizeHtmlResult {
  return sanitizeHtmlWith(catalogueFor(options), html, options);
}

/**
 * Scans a raw message (`.eml` text or bytes, e.g. a dropped file's `arrayBuffer()`) as `scanEml`
 * of the Node entry does, with postal-mime as the MIME parser (loaded on first call).
 *
 * Rejects with a `TypeError` when `loadCatalogue()` has not finished,
 * or for invalid `options.limits`; never on data.
 *
 * @example
 * import { loadCatalogue, scanEml } from 'spypixel/html';
 * await loadCatalogue();
 * const report = await scanEml(new Uint8Array(await file.arrayBuffer()));
 */
export async function scanEml(raw: string | Uint8Array, options: ScanOptions = {}): Promise<Report> {
  const catalogue = catalogueFor(options);
  const { parseMail } = await import('./mime.js');
  return scanEmlWith({ parseMail, defaultCatalogue: catalogue }, raw, options);
}

export { defaultCatalogue, loadCatalogue };
