/**
 * `sanitizeEml`: a raw message in, the same message out with each rendered HTML part sanitised.
 * The parts are those the scanner reads, found by the same MIME layer under the same limits
 * (`parseMailLayout`), and edited by the byte offsets that layer gives. Only the bytes of those
 * bodies (and, when the encoding must change, their Content-Type or Content-Transfer-Encoding
 * field) differ; headers, boundaries and other parts are copied.
 */
import { defaultCatalogue } from '../catalogue/index.js';
import { validateLimits } from '../limits.js';
import type { MessageLayout } from '../mime/layout.js';
import { parseMailLayout } from '../mime/node.js';
import { headerLookup } from '../scan/sender.js';
import { messageContext, recipientsOf } from '../scan/context.js';
import type { Finding, ScanError } from '../types.js';
import { rulesFor } from './decide.js';
import { refusedError } from './guard.js';
import { mimeProblem } from './mime-check.js';
import { rebuildMessage } from './mime-rebuild.js';
import { partSettings, sanitizePart } from './part.js';
import type { SanitizeChange, SanitizeEmlResult, SanitizeOptions } from './types.js';

function toBuffer(raw: string | Uint8Array): Buffer {
  return typeof raw === 'string' ? Buffer.from(raw, 'utf8') : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
}

function refused(reason: string, errors: readonly ScanError[], kept: readonly Finding[] = []): SanitizeEmlResult {
  return { eml: new Uint8Array(0), removed: [], kept: [...kept], changes: [], errors: [...errors, refusedError('the message', reason)] };
}

/** Why the scan of the message did not read all of it, or `null`. */
function unread(layout: MessageLayout | null, errors: readonly ScanError[]): string | null {
  const limit = errors.find((e) => e.code === 'limit-exceeded');
  if (limit !== undefined) return `a limit was reached (${limit.message})`;
  if (layout === null) return 'it could not be split into MIME parts';
  const stack: MessageLayout[] = [layout];
  for (let m = stack.pop(); m !== undefined; m = stack.pop()) {
    if (!m.exact) return 'its MIME structure could not be read to the end';
    // A client reading a part as HTML where the scanner did not would render it unsanitised.
    if (m.ambiguous[0] !== undefined) return `a part's type is ambiguous (${m.ambiguous[0]})`;
    for (const leaf of m.leaves) {
      if (leaf.kind === 'rfc822' && leaf.message === null) return `attached message ${leaf.path} was not opened`;
      if (leaf.message !== null) stack.push(leaf.message);
    }
  }
  return null;
}

/**
 * Sanitises every rendered HTML part of a raw message (attached messages included) as
 * {@link sanitizeHtml} does, and returns the whole message. Each changed part is re-encoded in
 * its charset when it can hold the text (else UTF-8, with the Content-Type updated) and its
 * transfer encoding (quoted-printable when 7bit/8bit can no longer carry it, or when a line
 * would start with `--`); a part the scanner could not decode exactly is re-encoded from what it
 * read. Never rejects: problems are `errors` entries.
 *
 * Fails closed: when a limit kept the scan from reading all of the message (`maxMessageBytes`,
 * `maxParts`, `maxMimeDepth`, more than 50 HTML parts, or any limit of {@link sanitizeHtml} in
 * one part), when the MIME structure could not be read to its end, or when the rewritten message
 * does not parse to the same MIME tree with the sanitised HTML in it, `eml` is empty and
 * `errors` holds a `sanitize-refused` entry: never the unsanitised message.
 *
 * @example
 * const { eml, removed, errors } = await sanitizeEml(fs.readFileSync('newsletter.eml'));
 * if (!errors.some((e) => e.code === 'sanitize-refused')) fs.writeFileSync('newsletter.clean.eml', eml);
 */
export async function sanitizeEml(raw: string | Uint8Array, options: SanitizeOptions = {}): Promise<SanitizeEmlResult> {
  if (typeof raw !== 'string' && !(raw instanceof Uint8Array)) {
    return { eml: new Uint8Array(0), removed: [], kept: [], changes: [], errors: [{ code: 'invalid-input', message: 'sanitizeEml expects a string or Uint8Array.' }] };
  }
  const input = toBuffer(raw);
  try {
    const opts: SanitizeOptions = typeof options === 'object' && options !== null ? options : {};
    const limits = validateLimits(opts.limits);
    if (input.length > limits.maxMessageBytes) {
      const error: ScanError = { code: 'limit-exceeded', message: `The message is larger than maxMessageBytes (${limits.maxMessageBytes} bytes).` };
      return refused(`a limit was reached (${error.message})`, [error]);
    }
    const mimeLimits = { maxDepth: limits.maxMimeDepth, maxParts: limits.maxParts };
    const { mail, layout } = await parseMailLayout(input, mimeLimits);
    const errors: ScanError[] = [...mail.errors];
    const stop = unread(layout, errors);
    if (stop !== null || layout === null) return refused(stop ?? 'it could not be split into MIME parts', errors);
    const h = mail.headers;
    const recipients = [...h.to, ...h.cc, ...h.deliveredTo, ...h.xOriginalTo, ...recipientsOf(opts)];
    const hints = { from: h.from, returnPath: h.returnPath, dkimDomains: h.dkimDomains, listUnsubscribe: h.listUnsubscribe };
    // the same sender context as scanEml, so both name (and find) the same trackers
    // this copy's recipient first, as scanEml searches for it when the To/Cc lists are too long
    const ctx = messageContext(hints, recipients, opts, limits, defaultCatalogue, headerLookup(h), [...recipientsOf(opts), ...h.deliveredTo, ...h.xOriginalTo]);
    // an address left unsearched could be the evidence that makes a link a tracker: fail closed
    if (ctx.recipientError !== null) return refused(`a limit was reached (${ctx.recipientError.message})`, [...errors, ctx.recipientError]);
    const settings = partSettings(ctx, rulesFor(opts, h.from ?? (typeof opts.sender === 'string' ? opts.sender : null)), opts);
    const removed: Finding[] = [];
    const kept: Finding[] = [];
    const changes: SanitizeChange[] = [];
    const texts = new Map<number, string>();
    for (const [i, p] of mail.htmlParts.entries()) {
      // An attached .html file is not displayed when the message opens: it stays as sent.
      if (p.attachment === true) continue;
      const r = sanitizePart(p.html, i, settings);
      errors.push(...r.errors);
      if (r.errors.some((e) => e.code === 'sanitize-refused')) return refused(`HTML part ${p.path} was refused`, errors, r.kept);
      removed.push(...r.removed);
      kept.push(...r.kept);
      changes.push(...r.changes);
      if (r.changes.length > 0) texts.set(i, r.html);
    }
    // A part the scanner could not decode exactly is rewritten even unchanged: as what it read.
    const out = rebuildMessage(layout, (leaf) => (leaf.part === null ? undefined : (texts.get(leaf.part) ?? (leaf.inexact ? mail.htmlParts[leaf.part]?.html : undefined))));
    if (out !== layout.bytes) {
      const problem = await mimeProblem(layout, mail.htmlParts, texts, out, mimeLimits);
      if (problem !== null) return refused(`its rewrite would not read back as sanitised (${problem})`, errors, kept);
    }
    return { eml: new Uint8Array(out.buffer, out.byteOffset, out.byteLength), removed, kept, changes, errors };
  } catch (e) {
    const code = e instanceof TypeError && String(e.message).includes('limit') ? 'invalid-input' : 'internal-error';
    return { eml: new Uint8Array(0), removed: [], kept: [], changes: [], errors: [{ code, message: `Sanitiser failure: ${String(e)}` }] };
  }
}
