/**
 * The Node MIME backend, and `parseMail` over it: mailsplit's streaming splitter, the transfer and
 * charset decoders of `./decode.ts` (iconv-lite, libmime's aliases) and libmime's encoded-word
 * decoder. Node's default, for speed and for the widest charset coverage (see the README,
 * "In the browser"). The only backend that knows where each part lies in the bytes, so the only
 * one `sanitizeEml` can edit with (`parseMailLayout`).
 */
import libmime from 'libmime';
import type { MimeBackend } from './backend.js';
import { decodeCharset, decodeTransfer } from './decode.js';
import { parseMailLayoutWith, parseMailWith, type MailWithLayout, type MimeOptions } from './parse.js';
import { splitMessage } from './split.js';
import type { ParsedMail } from './types.js';

/**
 * The mailsplit-based backend.
 *
 * @example
 * const mail = await parseMailWith(NODE_BACKEND, raw);
 */
export const NODE_BACKEND: MimeBackend = {
  split: (input, maxHtml, maxNodes) => splitMessage(Buffer.from(input.buffer, input.byteOffset, input.byteLength), maxHtml, maxNodes),
  decodeTransfer,
  decodeCharset,
  decodeWords: (value) => {
    try {
      return libmime.decodeWords(value);
    } catch {
      return value;
    }
  },
};

/**
 * Parses a raw message (RFC 5322 / MIME) into headers and every text/html part, each decoded
 * separately, `cid:` links untouched, with the Node backend. Never rejects: problems are `errors`
 * entries. A string is taken as UTF-8 text of the message.
 *
 * @example
 * const mail = await parseMail('From: a@shop.example\r\nContent-Type: text/html\r\n\r\n<p>hi</p>');
 * mail.htmlParts[0]?.html; // '<p>hi</p>'
 */
export function parseMail(raw: string | Uint8Array, opts?: MimeOptions): Promise<ParsedMail> {
  return parseMailWith(NODE_BACKEND, raw, opts);
}

/**
 * {@link parseMail}, plus where each part it read lies in the bytes (see `parseMailLayoutWith`):
 * the one MIME layer the sanitiser edits by, so that it edits exactly what the scanner read.
 *
 * @example
 * const { mail, layout } = await parseMailLayout(raw);
 * layout?.leaves[0]?.bodyStart;
 */
export function parseMailLayout(raw: string | Uint8Array, opts?: MimeOptions): Promise<MailWithLayout> {
  return parseMailLayoutWith(NODE_BACKEND, raw, opts);
}
