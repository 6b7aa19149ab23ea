/**
 * `scanHtml`: the synchronous, browser-safe entry point for one HTML document.
 */
import { validateLimits } from '../limits.js';
import type { Report, ScanOptions } from '../types.js';
import { domainOfAddress, messageContext, recipientsOf } from './context.js';
import { scanPart } from './part.js';

/**
 * Scans an HTML document (a message body) for trackers. Never throws on data: problems, limits
 * reached included, are `errors` entries. Uses no Node built-ins, so it runs in browsers and
 * extensions.
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
    const ctx = messageContext({}, recipientsOf(options), options, limits);
    const { findings, links, errors } = scanPart(html, 0, ctx);
    return { source, message, findings, errors: ctx.recipientError === null ? errors : [ctx.recipientError, ...errors], links };
  } catch (e) {
    return { source, message, findings: [], errors: [{ code: 'internal-error', message: `Scanner failure: ${String(e)}` }] };
  }
}
