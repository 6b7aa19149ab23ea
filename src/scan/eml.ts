/**
 * `scanEml`: the entry point for a raw RFC 5322 message.
 */
import { parseMail } from '../mime/parse.js';
import type { Finding, LinkNote, Report, ScanError, ScanOptions } from '../types.js';
import { domainOfAddress, messageContext, recipientsOf } from './context.js';
import { scanPart } from './part.js';

const EMPTY_MESSAGE: Report['message'] = { from: null, senderDomain: null, to: [], subject: null, date: null, messageId: null };

/**
 * Scans a raw message (`.eml` text or bytes): every text/html part, attached messages included.
 * Recipient addresses come from To, Cc, Delivered-To and X-Original-To plus `options.recipient`.
 * Never rejects: problems are `errors` entries.
 *
 * @example
 * const report = await scanEml(fs.readFileSync('newsletter.eml'));
 * for (const f of report.findings) console.log(f.kind, f.vendor?.name ?? f.host);
 */
export async function scanEml(raw: string | Uint8Array, options: ScanOptions = {}): Promise<Report> {
  const source = options.source ?? 'message';
  if (typeof raw !== 'string' && !(raw instanceof Uint8Array)) {
    return { source, message: EMPTY_MESSAGE, findings: [], errors: [{ code: 'invalid-input', message: 'scanEml expects a string or Uint8Array.' }] };
  }
  try {
    const mail = await parseMail(raw);
    const h = mail.headers;
    const recipients = [...h.to, ...h.cc, ...h.deliveredTo, ...h.xOriginalTo, ...recipientsOf(options)];
    const ctx = messageContext(
      { from: h.from, returnPath: h.returnPath, dkimDomains: h.dkimDomains, listUnsubscribe: h.listUnsubscribe },
      recipients,
      options,
    );
    const findings: Finding[] = [];
    const links: LinkNote[] = [];
    const errors: ScanError[] = [...mail.errors];
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
