/**
 * Collects the visible text of a link while the walker passes its descendants.
 */

/** The report keeps at most this many characters of link text. */
export const MAX_LINK_TEXT = 200;
/** Raw text kept before whitespace is collapsed; generous so collapsing still fills 200 chars. */
const MAX_RAW = 2000;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d || code === 0xa0;
}

/**
 * Collapses runs of whitespace to one space and trims.
 *
 * @example
 * collapseSpace('  Read\n  more '); // 'Read more'
 */
export function collapseSpace(text: string): string {
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isSpace(code)) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace) out += ' ';
    pendingSpace = false;
    out += text.charAt(i);
  }
  return out;
}

/**
 * Text of one link: text nodes first, the `alt` of an image inside as a fallback.
 *
 * @example
 * const t = new LinkText(); t.append(' Buy '); t.result(); // 'Buy'
 */
export class LinkText {
  private raw = '';
  private alt: string | null = null;

  /** Adds a text node's data (bounded). */
  append(text: string): void {
    if (this.raw.length < MAX_RAW) this.raw += text.slice(0, MAX_RAW - this.raw.length);
  }

  /** Remembers the first image `alt` inside the link. */
  addAlt(alt: string): void {
    if (this.alt === null && alt.trim() !== '') this.alt = alt;
  }

  /** The trimmed, collapsed text truncated to {@link MAX_LINK_TEXT}; `null` when empty. */
  result(): string | null {
    let text = collapseSpace(this.raw);
    if (text === '' && this.alt !== null) text = collapseSpace(this.alt.slice(0, MAX_RAW));
    return text === '' ? null : text.slice(0, MAX_LINK_TEXT);
  }
}
