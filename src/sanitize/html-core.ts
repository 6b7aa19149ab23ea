/**
 * The body of `sanitizeHtml`, with the default catalogue passed in: the Node entry binds the
 * bundled catalogue, the browser entry (`spypixel/html`) the lazily loaded one.
 */
import type { CatalogueIndex } from '../catalogue/types.js';
import { validateLimits } from '../limits.js';
import { messageContext, recipientsOf } from '../scan/context.js';
import { rulesFor } from './decide.js';
import { refusedHtml } from './guard.js';
import { partSettings, sanitizePart } from './part.js';
import type { SanitizeHtmlResult, SanitizeOptions } from './types.js';

/**
 * Sanitises an HTML document with `options.catalogue`, else `defaultOf()`. See `sanitizeHtml`.
 *
 * @example
 * const { html } = sanitizeHtmlWith(defaultCatalogue, '<p>Hi</p><img src="https://t.example/o.gif" width="1" height="1">');
 */
export function sanitizeHtmlWith(defaultOf: () => CatalogueIndex, html: string, options: SanitizeOptions = {}): SanitizeHtmlResult {
  if (typeof html !== 'string') {
    return { html: '', removed: [], kept: [], changes: [], errors: [{ code: 'invalid-input', message: 'sanitizeHtml expects a string.' }] };
  }
  try {
    const opts: SanitizeOptions = typeof options === 'object' && options !== null ? options : {};
    const ctx = messageContext({}, recipientsOf(opts), opts, validateLimits(opts.limits), defaultOf);
    // an address left unsearched could be the evidence that makes a link a tracker: fail closed
    if (ctx.recipientError !== null) return refusedHtml('the HTML', `a limit was reached (${ctx.recipientError.message})`, [], [ctx.recipientError]);
    const rules = rulesFor(opts, typeof opts.sender === 'string' ? opts.sender : null);
    return sanitizePart(html, 0, partSettings(ctx, rules, opts));
  } catch (e) {
    if (e instanceof TypeError && String(e.message).includes('limit')) {
      return { html, removed: [], kept: [], changes: [], errors: [{ code: 'invalid-input', message: e.message }] };
    }
    return { html, removed: [], kept: [], changes: [], errors: [{ code: 'internal-error', message: `Sanitiser failure: ${String(e)}` }] };
  }
}
