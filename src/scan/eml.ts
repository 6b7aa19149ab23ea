/**
 * `scanEml`: the entry point for a raw RFC 5322 message.
 */
import { validateLimits, type ResolvedLimits } from '../limits.js';
import { parseMail } from '../mime/parse.js';
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
  const bytes = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
  return bytes.byteLength > max ? { bytes: bytes.subarray(0, max), cut: true } : { bytes, cut: false };
}

/**
 * Scans a raw message (`.eml` text or bytes): every text/html part, attached messages included.
 * Recipient addresses come from To, Cc, Delivered-To and X-Original-To plus `options.recipient`.
 * Never rejects on data: problems, limits reached included, are `errors` entries. The input is
 * never modified.
 *
 * Rejects with a `TypeError` only for invalid `options.limits` (a programmer error, see
 * `validateLimits`); it never throws synchronously.
 *
 * @example
 * const report = await scanEml(fs.readFileSync('newsletter.eml'));
 * for (const f of report.findings) console.log(f.kind, f.vendor?.name ?? f.host);
 */
export async function scanEml(raw: string | Uint8Array, options: ScanOptions = {}): Promise<Report> {
  const limits = validateLimits(options.limits);
  const source = options.source ?? 'message';
  if (typeof raw !== 'string' && !(raw instanceof Uint8Array)) {
    return { source, message: EMPTY_MESSAGE, findings: [], errors: [{ code: 'invalid-input', message: 'scanEml expects a string or Uint8Array.' }] };
  }
  try {
    const input = boundedInput(raw, limits);
    const mail = await parseMail(input.bytes, { maxDepth: limits.maxMimeDepth, maxParts: limits.maxParts });
    const h = mail.headers;
    const recipients = [...h.to, ...h.cc, ...h.deliveredTo, ...h.xOriginalTo, ...recipientsOf(options)];
    const ctx = messageContext(
      { from: h.from, returnPath: h.returnPath, dkimDomains: h.dkimDomains, listUnsubscribe: h.listUnsubscribe },
      recipients,
      options,
      limits,
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
