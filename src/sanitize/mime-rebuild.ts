/**
 * Writes a message back with some HTML bodies replaced, by the byte offsets of the MIME layer:
 * every other byte (headers, boundary lines, other parts) is copied as it was.
 */
import type { LeafLayout, MessageLayout } from '../mime/layout.js';
import { encodeBody, updateHeaders } from './mime-encode.js';

interface Splice {
  readonly start: number;
  readonly end: number;
  readonly bytes: Buffer;
}

/** A Buffer view of the bytes (no copy): the MIME layer hands out plain Uint8Arrays. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The line break the part's header block uses (CRLF unless it uses bare LF). */
function eolOf(bytes: Buffer, leaf: LeafLayout): string {
  const head = bytes.toString('latin1', leaf.headerStart, Math.max(leaf.headerEnd, leaf.bodyStart));
  return head.includes('\r\n') || (head === '' && bytes.includes('\r\n')) ? '\r\n' : '\n';
}

/** Re-encodes a body (an attached message) with the transfer encoding it had. */
function reencodeRaw(bytes: Buffer, encoding: string, eol: string): Buffer {
  const enc = encoding.trim().toLowerCase();
  if (enc === 'base64' || enc === 'quoted-printable') return encodeBody(bytes.toString('latin1'), 'iso-8859-1', enc, eol).bytes;
  return bytes;
}

function htmlSplices(bytes: Buffer, leaf: LeafLayout, text: string): Splice[] {
  const eol = eolOf(bytes, leaf);
  // A part the scanner could not decode exactly is written as what it read, declared UTF-8, so
  // a client cannot read it otherwise (a UTF-7 body's `+ADw-img+AD4-` stays text).
  const forced = leaf.inexact && leaf.charset !== 'utf-8';
  const enc = encodeBody(text, forced ? 'utf-8' : leaf.charset, leaf.encoding, eol);
  const charset = forced ? 'utf-8' : enc.charset;
  const out: Splice[] = [];
  if (charset !== null || enc.encoding !== null) {
    const block = bytes.toString('latin1', leaf.headerStart, leaf.headerEnd);
    out.push({ start: leaf.headerStart, end: leaf.headerEnd, bytes: Buffer.from(updateHeaders(block, charset, enc.encoding, eol), 'latin1') });
  }
  out.push({ start: leaf.bodyStart, end: leaf.bodyEnd, bytes: enc.bytes });
  return out;
}

/**
 * The message with the text `textFor` gives written into each HTML leaf it answers for (an
 * `undefined` answer leaves the leaf as it is), attached messages rebuilt the same way. Returns
 * `layout.bytes` itself when nothing changed.
 *
 * @example
 * const out = rebuildMessage(layout, (leaf) => (leaf.part === 0 ? '<p>clean</p>' : undefined));
 */
export function rebuildMessage(layout: MessageLayout, textFor: (leaf: LeafLayout) => string | undefined): Uint8Array {
  const bytes = asBuffer(layout.bytes);
  const splices: Splice[] = [];
  for (const leaf of layout.leaves) {
    if (leaf.kind === 'html') {
      // An attached .html file is not displayed when the message opens: it stays as sent.
      const text = leaf.attachment ? undefined : textFor(leaf);
      if (text !== undefined) splices.push(...htmlSplices(bytes, leaf, text));
    } else if (leaf.message !== null) {
      const inner = rebuildMessage(leaf.message, textFor);
      if (inner !== leaf.message.bytes) splices.push({ start: leaf.bodyStart, end: leaf.bodyEnd, bytes: reencodeRaw(asBuffer(inner), leaf.encoding, eolOf(bytes, leaf)) });
    }
  }
  if (splices.length === 0) return layout.bytes;
  const pieces: Buffer[] = [];
  let cursor = 0;
  for (const sp of splices.sort((a, b) => a.start - b.start)) {
    if (sp.start < cursor) continue;
    pieces.push(bytes.subarray(cursor, sp.start), sp.bytes);
    cursor = sp.end;
  }
  pieces.push(bytes.subarray(cursor));
  return Buffer.concat(pieces);
}
