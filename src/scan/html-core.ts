/**
 * The body of `scanHtml`, with the default catalogue passed in: the Node entry binds the bundled
 * catalogue, the browser entry (`spypixel/html`) the lazily loaded one. Imports no catalogue data.
 */
import type { CatalogueIndex } from '../catalogue/types.js';
import { validateLimits } from '../limits.js';
import type { Report, ScanOptions } from '../types.js';
import { domainOfAddress, messageContext, recipientsOf } from './context.js';
import { scanPart } from './part.js';

/**
 * Scans an HTML document with `options.catalogue`, else `defaultOf()`. See `scanHtml`.
 *
 * @throws {TypeError} only for invalid `options.limits` (a programmer error, see `validateLimits`).
 *
 * @example
 * const report = scanHtmlWith(defaultCatalogue, '<img src="https://t.example/o.gif" width="1" height="1">');
 */
export function scanHtmlWith(defaultOf: () => CatalogueIndex, html: string, options: ScanOptions = {}): Report {
  const limits = validateLimits(options.limits);
  const source = options.source ?? 'html';
  const sender = options.sender ?? null;
  const message = {
    from: sender !== null && sender.includes('@') ? sender.toLowerCase() : null,
    senderDomain: domainOfAddress(sender),
    to: recipientsOf(options).map((a) => a.trim().toLowerCase()),
    subject: null,
    date: null,
    messageId: null,
  };
  if (typeof html !== 'string') {
    return { source, message, findings: [], errors: [{ code: 'invalid-input', message: 'scanHtml expects a string.' }] };
  }
  try {
    const ctx = messageContext({}, recipientsOf(options), options, limits, defaultOf);
    const { findings, links, errors } = scanPart(html, 0, ctx);
    return { source, message, findings, errors: ctx.recipientError === null ? errors : [ctx.recipientError, ...errors], links };
  } catch (e) {
    return { source, message, findings: [], errors: [{ code: 'internal-error', message: `Scanner failure: ${String(e)}` }] };
  }
}
