/**
 * What the MIME layer hands to the rest of the pipeline. The MIME libraries' own shapes never pass this
 * boundary.
 */
import type { ScanError } from '../types.js';

/**
 * Headers that matter for tracking analysis. Addresses are lower-cased bare addresses
 * (`name@domain`), display names dropped. Absent headers give `null` or `[]`.
 *
 * @example
 * const h: MailHeaders = { from: 'news@shop.example', fromName: 'Shop', to: ['me@mail.example'], cc: [],
 *   deliveredTo: [], xOriginalTo: [], date: '2026-01-01T10:00:00.000Z', subject: 'Sale',
 *   messageId: '<a@shop.example>', returnPath: 'bounce@esp.example', listUnsubscribe: ['https://shop.example/u'],
 *   dkimDomains: ['shop.example'], hintFields: [['x-mailer', 'Acme Mailer 2']] };
 */
export interface MailHeaders {
  readonly from: string | null;
  readonly fromName: string | null;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly deliveredTo: readonly string[];
  readonly xOriginalTo: readonly string[];
  /** ISO 8601 when the Date header parses, else the raw header value, else `null`. */
  readonly date: string | null;
  readonly subject: string | null;
  readonly messageId: string | null;
  readonly returnPath: string | null;
  /** URLs and `mailto:` addresses from List-Unsubscribe, without angle brackets. */
  readonly listUnsubscribe: readonly string[];
  /** `d=` domains of every DKIM-Signature header, lower-cased. */
  readonly dkimDomains: readonly string[];
  /**
   * Headers that may name the sending platform (`X-Mailer`, `Feedback-ID`, `List-ID`, `X-SG-EID`,
   * any other `X-` header), lower-cased name and decoded value, in order. Read by the catalogue's
   * `senderHeaders` facts.
   */
  readonly hintFields: ReadonlyArray<readonly [string, string]>;
}

/**
 * One decoded text/html part.
 *
 * @example
 * const p: HtmlPart = { html: '<p>hi</p>', charset: 'utf-8', path: '1.2', embedded: false };
 */
export interface HtmlPart {
  /** Decoded to a JS string (transfer encoding and charset undone); `cid:` links untouched. */
  readonly html: string;
  /** Declared charset, lower-cased, or `null`. */
  readonly charset: string | null;
  /** MIME part path (`1`, `1.2`, `2.1.1` …). */
  readonly path: string;
  /** True when the part belongs to an attached message/rfc822. */
  readonly embedded: boolean;
  /**
   * For a part of an attached message/rfc822 (a forwarded message, an abuse report's copy of the
   * reported mail): that message's own headers, which say who sent the part and with what
   * platform. Absent for top-level parts and attached messages without headers.
   */
  readonly headers?: MailHeaders;
  /**
   * Present (and true) when the part is marked `Content-Disposition: attachment`: an attached
   * .html file, which a mail client does not render when the message is opened.
   */
  readonly attachment?: true;
}

/**
 * The MIME layer's result. Never thrown: problems are `errors` entries.
 *
 * @example
 * const m: ParsedMail = { headers, htmlParts: [], errors: [{ code: 'no-html-body', message: '…' }] };
 */
export interface ParsedMail {
  readonly headers: MailHeaders;
  readonly htmlParts: readonly HtmlPart[];
  readonly errors: readonly ScanError[];
}

/**
 * Limits a MIME adapter honours (see `MimeOptions` of `parseMail`).
 *
 * @example
 * const limits: MimeLimits = { maxDepth: 3, maxParts: 200 };
 */
export interface MimeLimits {
  readonly maxHtmlParts?: number;
  readonly maxDepth?: number;
  readonly maxParts?: number;
}

/**
 * The MIME adapter interface: raw message in, {@link ParsedMail} out, never rejecting. Node uses
 * the mailsplit-based `parseMail`; the browser build uses the postal-mime-based one. Both must
 * give the same result for the same message (test/mime-adapters.test.ts).
 *
 * @example
 * const adapter: MailParser = parseMail;
 * const mail = await adapter('Content-Type: text/html\r\n\r\n<p>hi</p>');
 */
export type MailParser = (raw: string | Uint8Array, opts?: MimeLimits) => Promise<ParsedMail>;
