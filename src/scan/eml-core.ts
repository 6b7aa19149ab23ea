/**
 * The body of `scanEml`, with its dependencies passed in: the MIME adapter (mailsplit in Node,
 * postal-mime in the browser build) and the default catalogue. Imports neither.
 */
import type { CatalogueIndex } from '../catalogue/types.js';
import { validateLimits, type ResolvedLimits } from '../limits.js';
import type { MailParser } from '../mime/types.js';
import type { Finding, LinkNote, Report, ScanError, ScanOptions } from '../types.js';
import { domainOfAddress, messageContext, recipientsOf } from './context.js';
import { scanPart } from './part.js';
import { headerLookup } from './sender.js';

const EMPTY_MESSAGE: Report['message'] = { from: null, senderDomain: null, to: [], subject: null, date: null, messageId: null };

/** The first `maxMessageBytes` bytes of the input, and whether it was cut. */
function boundedInput(raw: string | Uint8Array, limits: ResolvedLimits): { bytes: string | Uint8Array; cut: boolean } {
  const max = limits.maxMessageBytes;
  // a UTF-16 unit is at most 3 UTF-8 bytes: short strings need no encoding to be measured
  if (typeof raw === 'string' && raw.length * 3 <= max) return { bytes: raw, cut: false };
  const bytes = typeof raw === 'string' ? new TextEncoder().encode(raw) : raw;
  return bytes.byteLength > max ? { bytes: bytes.subarray(0, max), cut: true } : { bytes, cut: false };
}

/**
 * What {@link scanEmlWith} depends on.
 *
 * @example
 * const deps: EmlScanDeps = { parseMail, defaultCatalogue };
 */
export interface EmlScanDeps {
  /** The MIME adapter. */
  readonly parseMail: MailParser;
  /** The catalogue used when `options.catalogue` is absent. */
  readonly defaultCatalogue: () => CatalogueIndex;
}

/**
 * Scans a raw message with the given MIME adapter and default catalogue. See `scanEml`.
 *
 * @example
 * const report = await scanEmlWith({ parseMail, defaultCatalogue }, rawMessage);
 */
export async function scanEmlWith(deps: EmlScanDeps, raw: string | Uint8Array, options: ScanOptions = {}): Promise<Report> {
  const limits = validateLimits(options.limits);
  const source = options.source ?? 'message';
  if (typeof raw !== 'string' && !(raw instanceof Uint8Array)) {
    return { source, message: EMPTY_MESSAGE, findings: [], errors: [{ code: 'invalid-input', message: 'scanEml expects a string or Uint8Array.' }] };
  }
  try {
    const input = boundedInput(raw, limits);
    const mail = await deps.parseMail(input.bytes, { maxDepth: limits.maxMimeDepth, maxParts: limits.maxParts });
    const h = mail.headers;
    const recipients = [...h.to, ...h.cc, ...h.deliveredTo, ...h.xOriginalTo, ...recipientsOf(options)];
    const ctx = messageContext(
      { from: h.from, returnPath: h.returnPath, dkimDomains: h.dkimDomains, listUnsubscribe: h.listUnsubscribe },
      recipients,
      options,
      limits,
      deps.defaultCatalogue,
      headerLookup(h),
      // this copy's recipient is searched for first when the To/Cc lists are too long
      [...recipientsOf(options), ...h.deliveredTo, ...h.xOriginalTo],
    );
    const findings: Finding[] = [];
    const links: LinkNote[] = [];
    const errors: ScanError[] = [...mail.errors];
    if (ctx.recipientError !== null) errors.push(ctx.recipientError);
    if (input.cut) {
      errors.unshift({ code: 'limit-exceeded', message: `The message is larger than maxMessageBytes (${limits.maxMessageBytes} bytes); only its first ${limits.maxMessageBytes} bytes were scanned.` });
    }
    mail.htmlParts.forEach((p, i) => {
      // An attached .html file is not displayed when the message opens, so it loads nothing.
      if (p.attachment === true) return;
      const r = scanPart(p.html, i, ctx);
      findings.push(...r.findings);
      links.push(...r.links);
      errors.push(...r.errors);
    });
    const from = h.from ?? (options.sender !== undefined && options.sender.includes('@') ? options.sender : null);
    return {
      source,
      message: { from, senderDomain: domainOfAddress(from), to: [...h.to], subject: h.subject, date: h.date, messageId: h.messageId },
      findings,
      errors,
      links,
    };
  } catch (e) {
    return { source, message: EMPTY_MESSAGE, findings: [], errors: [{ code: 'internal-error', message: `Scanner failure: ${String(e)}` }] };
  }
}
