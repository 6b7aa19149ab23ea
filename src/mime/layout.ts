/**
 * Where the parts the scanner reads lie in the message's bytes. The sanitiser edits a message by
 * these offsets, so it changes exactly the parts the scanner read, under the same limits: one
 * MIME layer for both.
 */

/**
 * A text/html or message/rfc822 leaf as the scanner read it.
 *
 * @example
 * const l: LeafLayout = { kind: 'html', path: '1.2', headerStart: 120, headerEnd: 170, bodyStart: 172,
 *   bodyEnd: 900, charset: 'utf-8', encoding: 'quoted-printable', attachment: false, part: 0,
 *   inexact: false, message: null };
 */
export interface LeafLayout {
  readonly kind: 'html' | 'rfc822';
  /** Part path as in `HtmlPart.path` (`1.2`, `2.1.1` …). */
  readonly path: string;
  /** The header block: from its first byte to the end of its last line (the blank line excluded). */
  readonly headerStart: number;
  readonly headerEnd: number;
  /** The body, without the line break that belongs to the next boundary line. */
  readonly bodyStart: number;
  readonly bodyEnd: number;
  /** Declared charset, lower-cased, or `null`. */
  readonly charset: string | null;
  /** Content-Transfer-Encoding as declared (`''` when absent). */
  readonly encoding: string;
  readonly attachment: boolean;
  /** For html: its index in `ParsedMail.htmlParts`; `null` when it was not read (maxHtmlParts). */
  readonly part: number | null;
  /** Transfer or charset decoding met a problem: the text the scanner read is a best guess. */
  readonly inexact: boolean;
  /** For rfc822: the attached message when it was opened, else `null`. */
  readonly message: MessageLayout | null;
}

/**
 * One message (the top level, or an attached one, decoded) and its leaves.
 *
 * @example
 * const m: MessageLayout = { bytes: Buffer.from(raw), leaves: [], types: ['text/html'], ambiguous: [], exact: true };
 */
export interface MessageLayout {
  /** The message's bytes: the input, or the decoded body of the rfc822 part holding it. */
  readonly bytes: Buffer;
  readonly leaves: readonly LeafLayout[];
  /** Content type of every MIME node looked at, in document order. */
  readonly types: readonly string[];
  /** Parts whose type or transfer encoding another reader could take otherwise, as `path: why`. */
  readonly ambiguous: readonly string[];
  /** The splitter read every byte and its offsets add up: editing by offset is safe. */
  readonly exact: boolean;
}

/**
 * The end of a header block whose blank line ends at `bodyStart`: the blank line (CRLF or LF)
 * is left out, the last header line's own line break is kept.
 *
 * @example
 * headerBlockEnd(Buffer.from('A: b\r\n\r\nbody'), 0, 8); // 6
 */
export function headerBlockEnd(bytes: Uint8Array, headerStart: number, bodyStart: number): number {
  const lf = 0x0a;
  const cr = 0x0d;
  let end = bodyStart;
  if (end > headerStart && bytes[end - 1] === lf) {
    end--;
    if (end > headerStart && bytes[end - 1] === cr) end--;
    // That line break ended the blank line only if another one (or nothing) comes before it.
    if (end === headerStart || bytes[end - 1] === lf) return end;
  }
  return bodyStart;
}
