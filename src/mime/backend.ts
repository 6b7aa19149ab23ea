/**
 * The MIME adapter boundary: what {@link parseMailWith} needs from a MIME library. Two backends
 * implement it: mailsplit + libmime + iconv-lite in Node (`./node.ts`), postal-mime in the browser
 * build (`./postal.ts`). Only type imports here, so the browser build never loads the Node one.
 */
import type { Decoded } from './decode.js';
import type { SplitResult } from './split.js';

/**
 * One MIME library behind the adapter.
 *
 * @example
 * const mail = await parseMailWith(NODE_BACKEND, raw);
 */
export interface MimeBackend {
  /**
   * Splits one message (top level or attached): its headers and, in document order, its
   * text/html and message/rfc822 leaves, at most `maxHtml` html ones, looking at `maxNodes` MIME
   * nodes. Never rejects.
   */
  readonly split: (input: Uint8Array, maxHtml: number, maxNodes: number) => Promise<SplitResult>;
  /** Undoes a leaf's Content-Transfer-Encoding (identity when the splitter already did). */
  readonly decodeTransfer: (body: Uint8Array, encoding: string) => Decoded<Uint8Array>;
  /** Decodes a leaf's bytes in its declared charset. */
  readonly decodeCharset: (bytes: Uint8Array, charset: string | null) => Decoded<string>;
  /** Decodes RFC 2047 encoded words (`=?utf-8?Q?…?=`) of a header value; never throws. */
  readonly decodeWords: (value: string) => string;
}
