/**
 * The browser build's MIME adapter, in a chunk of its own: `scanEml` imports it on first use, so
 * a page that only scans HTML never loads postal-mime.
 */
import type { MimeOptions } from '../mime/parse.js';
import { parseMailWith } from '../mime/parse.js';
import { POSTAL_BACKEND } from '../mime/postal.js';
import type { ParsedMail } from '../mime/types.js';

/**
 * Parses a raw message with the postal-mime backend. See `parseMailWith`.
 *
 * @example
 * const mail = await parseMail('Content-Type: text/html\r\n\r\n<p>hi</p>');
 */
export function parseMail(raw: string | Uint8Array, opts?: MimeOptions): Promise<ParsedMail> {
  return parseMailWith(POSTAL_BACKEND, raw, opts);
}
