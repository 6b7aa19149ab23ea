/**
 * `sanitizeEml`: a raw message in, the same message out with each rendered HTML part sanitised.
 * Only the bytes of those bodies (and, when the encoding must change, their Content-Type or
 * Content-Transfer-Encoding field) differ; headers, boundaries and other parts are copied.
 */
import { defaultCatalogue } from '../catalogue/index.js';
import { validateLimits } from '../limits.js';
import { decodeCharset, decodeTransfer } from '../mime/decode.js';
import { parseMail } from '../mime/node.js';
import { headerLookup } from '../scan/sender.js';
import { messageContext, recipientsOf } from '../scan/context.js';
import type { Finding, ScanError } from '../types.js';
import { rulesFor } from './decide.js';
import { encodeBody, updateHeaders } from './mime-encode.js';
import { mimeLeaves, type MimeLeaf } from './mime-tree.js';
import { partSettings, sanitizePart, type PartSettings } from './part.js';
import type { SanitizeChange, SanitizeEmlResult, SanitizeOptions } from './types.js';

interface State {
  readonly settings: PartSettings;
  readonly maxDepth: number;
  part: number;
  readonly removed: Finding[];
  readonly kept: Finding[];
  readonly changes: SanitizeChange[];
  readonly errors: ScanError[];
}

interface Splice {
  readonly start: number;
  readonly end: number;
  readonly bytes: Buffer;
}

function eolOf(s: string, leaf: MimeLeaf): string {
  const head = s.slice(leaf.headerStart, Math.max(leaf.headerEnd, leaf.bodyStart));
  return head.includes('\r\n') || (head === '' && s.includes('\r\n')) ? '\r\n' : '\n';
}

/** Re-encodes a body (an attached message) with the transfer encoding it had. */
function reencodeRaw(bytes: Buffer, encoding: string, eol: string): Buffer {
  const enc = encoding.trim().toLowerCase();
  if (enc === 'base64') return encodeBody(bytes.toString('latin1'), 'iso-8859-1', 'base64', eol).bytes;
  if (enc === 'quoted-printable') return encodeBody(bytes.toString('latin1'), 'iso-8859-1', 'quoted-printable', eol).bytes;
  return bytes;
}

function htmlLeaf(buf: Buffer, s: string, leaf: MimeLeaf, st: State): Splice[] {
  const index = st.part++;
  // An attached .html file is not displayed when the message opens: it stays as sent.
  if (leaf.attachment) return [];
  const body = decodeTransfer(buf.subarray(leaf.bodyStart, leaf.bodyEnd), leaf.encoding);
  const text = decodeCharset(body.value, leaf.charset);
  const r = sanitizePart(text.value, index, st.settings);
  st.removed.push(...r.removed);
  st.kept.push(...r.kept);
  st.errors.push(...r.errors);
  if (r.changes.length === 0) return [];
  if (body.error !== null || text.error !== null) {
    st.errors.push({ code: 'mime-decode-failed', message: `Part ${leaf.path} could not be decoded exactly; left as it was.` });
    return [];
  }
  st.changes.push(...r.changes);
  const eol = eolOf(s, leaf);
  const enc = encodeBody(r.html, leaf.charset, leaf.encoding, eol);
  const out: Splice[] = [];
  if (enc.charset !== null || enc.encoding !== null) {
    const block = s.slice(leaf.headerStart, leaf.headerEnd);
    out.push({ start: leaf.headerStart, end: leaf.headerEnd, bytes: Buffer.from(updateHeaders(block, enc.charset, enc.encoding, eol), 'latin1') });
  }
  out.push({ start: leaf.bodyStart, end: leaf.bodyEnd, bytes: enc.bytes });
  return out;
}

async function sanitizeMessage(buf: Buffer, depth: number, st: State): Promise<Buffer> {
  const s = buf.toString('latin1');
  const splices: Splice[] = [];
  for (const leaf of mimeLeaves(s)) {
    if (leaf.type === 'text/html') splices.push(...htmlLeaf(buf, s, leaf, st));
    else if (leaf.type === 'message/rfc822' && depth < st.maxDepth) {
      const inner = decodeTransfer(buf.subarray(leaf.bodyStart, leaf.bodyEnd), leaf.encoding);
      if (inner.error !== null) continue;
      const out = await sanitizeMessage(inner.value, depth + 1, st);
      if (!out.equals(inner.value)) splices.push({ start: leaf.bodyStart, end: leaf.bodyEnd, bytes: reencodeRaw(out, leaf.encoding, eolOf(s, leaf)) });
    }
  }
  if (splices.length === 0) return buf;
  const pieces: Buffer[] = [];
  let cursor = 0;
  for (const sp of splices.sort((a, b) => a.start - b.start)) {
    if (sp.start < cursor) continue;
    pieces.push(buf.subarray(cursor, sp.start), sp.bytes);
    cursor = sp.end;
  }
  pieces.push(buf.subarray(cursor));
  return Buffer.concat(pieces);
}

function toBuffer(raw: string | Uint8Array): Buffer {
  return typeof raw === 'string' ? Buffer.from(raw, 'utf8') : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
}

/**
 * Sanitises every rendered HTML part of a raw message (attached messages included) as
 * {@link sanitizeHtml} does, and returns the whole message. Each changed part is re-encoded in
 * its charset when it can hold the text (else UTF-8, with the Content-Type updated) and its
 * transfer encoding (quoted-printable when 7bit/8bit can no longer carry it). Never rejects:
 * problems are `errors` entries, and the input comes back unchanged when nothing could be done.
 *
 * @example
 * const { eml, removed } = await sanitizeEml(fs.readFileSync('newsletter.eml'));
 * fs.writeFileSync('newsletter.clean.eml', eml);
 */
export async function sanitizeEml(raw: string | Uint8Array, options: SanitizeOptions = {}): Promise<SanitizeEmlResult> {
  if (typeof raw !== 'string' && !(raw instanceof Uint8Array)) {
    return { eml: new Uint8Array(0), removed: [], kept: [], changes: [], errors: [{ code: 'invalid-input', message: 'sanitizeEml expects a string or Uint8Array.' }] };
  }
  const input = toBuffer(raw);
  try {
    const opts: SanitizeOptions = typeof options === 'object' && options !== null ? options : {};
    const limits = validateLimits(opts.limits);
    const mail = await parseMail(input, { maxDepth: limits.maxMimeDepth, maxParts: limits.maxParts });
    const h = mail.headers;
    const recipients = [...h.to, ...h.cc, ...h.deliveredTo, ...h.xOriginalTo, ...recipientsOf(opts)];
    const hints = { from: h.from, returnPath: h.returnPath, dkimDomains: h.dkimDomains, listUnsubscribe: h.listUnsubscribe };
    // the same sender context as scanEml, so both name (and find) the same trackers
    const ctx = messageContext(hints, recipients, opts, limits, defaultCatalogue, headerLookup(h));
    const rules = rulesFor(opts, h.from ?? (typeof opts.sender === 'string' ? opts.sender : null));
    const st: State = {
      settings: partSettings(ctx, rules, opts), maxDepth: limits.maxMimeDepth, part: 0,
      removed: [], kept: [], changes: [], errors: [...mail.errors],
    };
    const out = await sanitizeMessage(input, 0, st);
    return { eml: new Uint8Array(out.buffer, out.byteOffset, out.byteLength), removed: st.removed, kept: st.kept, changes: st.changes, errors: st.errors };
  } catch (e) {
    const code = e instanceof TypeError && String(e.message).includes('limit') ? 'invalid-input' : 'internal-error';
    return { eml: new Uint8Array(input), removed: [], kept: [], changes: [], errors: [{ code, message: `Sanitiser failure: ${String(e)}` }] };
  }
}
