/**
 * `sanitizeHtml`: the synchronous, browser-safe entry point of the sanitiser.
 */
import { validateLimits } from '../limits.js';
import { messageContext, recipientsOf } from '../scan/context.js';
import { rulesFor } from './decide.js';
import { partSettings, sanitizePart } from './part.js';
import type { SanitizeHtmlResult, SanitizeOptions } from './types.js';

/**
 * Makes an HTML message body safe to display: tracking pixels and beacons removed (the element,
 * or the CSS declaration or `@import` that loads them), click redirects replaced by their
 * destination, tracking parameters stripped from links. Everything else stays byte-for-byte: the
 * document is edited by offsets, never re-serialised. Never throws (invalid `limits` included: they
 * come back as an `invalid-input` error); uses no Node built-ins.
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
  if (typeof html !== 'string') {
    return { html: '', removed: [], kept: [], changes: [], errors: [{ code: 'invalid-input', message: 'sanitizeHtml expects a string.' }] };
  }
  try {
    const opts: SanitizeOptions = typeof options === 'object' && options !== null ? options : {};
    const ctx = messageContext({}, recipientsOf(opts), opts, validateLimits(opts.limits));
    const rules = rulesFor(opts, typeof opts.sender === 'string' ? opts.sender : null);
    return sanitizePart(html, 0, partSettings(ctx, rules, opts));
  } catch (e) {
    if (e instanceof TypeError && String(e.message).includes('limit')) {
      return { html, removed: [], kept: [], changes: [], errors: [{ code: 'invalid-input', message: e.message }] };
    }
    return { html, removed: [], kept: [], changes: [], errors: [{ code: 'internal-error', message: `Sanitiser failure: ${String(e)}` }] };
  }
}
