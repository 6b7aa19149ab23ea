/**
 * `sanitizeHtml`: the synchronous, browser-safe entry point of the sanitiser.
 */
import { defaultCatalogue } from '../catalogue/index.js';
import { sanitizeHtmlWith } from './html-core.js';
import type { SanitizeHtmlResult, SanitizeOptions } from './types.js';

/**
 * Makes an HTML message body safe to display: tracking pixels and beacons removed (the element,
 * or the CSS declaration or `@import` that loads them), click redirects replaced by their
 * destination, tracking parameters stripped from links. Everything else stays byte-for-byte: the
 * document is edited by offsets, never re-serialised. Never throws (invalid `limits` included: they
 * come back as an `invalid-input` error); uses no Node built-ins (in a browser, import it from
 * `spypixel/html`).
 *
 * @example
 * const { html, removed } = sanitizeHtml(
 *   '<p>Hi</p><img src="https://www.google-analytics.com/collect?v=1&tid=UA-1-1&cid=42" width="1" height="1">',
 *   { sender: 'news@shop.example' },
 * );
 * html; // '<p>Hi</p>'
 * removed[0]?.vendor?.id; // 'google-analytics'
 */
export function sanitizeHtml(html: string, options: SanitizeOptions = {}): SanitizeHtmlResult {
  return sanitizeHtmlWith(defaultCatalogue, html, options);
}
