/**
 * `scanHtml`: the synchronous, browser-safe entry point for one HTML document.
 */
import { defaultCatalogue } from '../catalogue/index.js';
import type { Report, ScanOptions } from '../types.js';
import { scanHtmlWith } from './html-core.js';

/**
 * Scans an HTML document (a message body) for trackers. Never throws on data: problems, limits
 * reached included, are `errors` entries. Uses no Node built-ins, so it runs in browsers and
 * extensions (there, import it from `spypixel/html`).
 *
 * @throws {TypeError} only for invalid `options.limits` (a programmer error, see `validateLimits`).
 *
 * @example
 * const report = scanHtml('<img src="https://www.google-analytics.com/collect?v=1&tid=UA-1-1&cid=42" width="1" height="1">', {
 *   sender: 'news@shop.example', recipient: 'me@mail.example',
 * });
 * report.findings[0]?.vendor?.id; // 'google-analytics'
 */
export function scanHtml(html: string, options: ScanOptions = {}): Report {
  return scanHtmlWith(defaultCatalogue, html, options);
}
