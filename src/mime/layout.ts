/**
 * Where the parts the scanner reads lie in the message's bytes. The sanitiser edits a message by
 * these offsets, so it changes exactly the parts the scanner read, under the same limits: one
 * MIME layer for both. Only a backend that knows byte offsets (the Node one, mailsplit) gives a
 * layout; postal-mime does not, so the browser build has no layout and no `sanitizeEml`. Types
 * and one pure helper only: no Node built-in here.
 */

/**
 * Where a kept leaf lies in the bytes given to the splitter. mailsplit's chunks (header blocks,
 * bodies, boundary lines) add up to its input byte for byte, so a running count of their lengths
 * gives exact offsets; the sanitiser edits a body by them.
 *
 * @example
 * const b: LeafBytes = { headerStart: 0, bodyStart: 26, bodyEnd: 35 };
 */
export interface LeafBytes {
  /** Start of the header block. */
  readonly headerStart: number;
  /** Start of the body: after the header block and the blank line ending it. */
  readonly bodyStart: number;
  /** End of the body: the line break before the next boundary line belongs to that line. */
  bodyEnd: number;
}

/**
 * What a backend that knows byte offsets reports about one split besides its leaves.
 *
 * @example
 * const s: SplitLayout = { types: ['multipart/alternative', 'text/plain', 'text/html'], ambiguous: [], exact: true };
 */
export interface SplitLayout {
  /** Content type of each node within `maxNodes`, in document order: the shape of the tree. */
  readonly types: readonly string[];
  /**
   * Nodes whose type or transfer encoding another reader could take otherwise (two Content-Type
   * or Content-Transfer-Encoding fields, or an encoded word in one), as `path: why`.
   */
  readonly ambiguous: readonly string[];
  /**
   * The splitter read the input to its end and its chunks added up to it exactly: the leaves'
   * {@link LeafBytes} can be trusted for editing.
   */
  readonly exact: boolean;
}

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
 * const m: MessageLayout = { bytes: new TextEncoder().encode(raw), leaves: [], types: ['text/html'], ambiguous: [], exact: true };
 */
export interface MessageLayout {
  /** The message's bytes: the input, or the decoded body of the rfc822 part holding it. */
  readonly bytes: Uint8Array;
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
 * headerBlockEnd(new TextEncoder().encode('A: b\r\n\r\nbody'), 0, 8); // 6
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
