/**
 * Bytes of a bare `.html` file to text, as a browser would decode them (the HTML standard's
 * encoding sniffing, without a transport-layer charset): a byte order mark first; then a `<meta>`
 * charset found by the prescan of the first 1024 bytes, where a UTF-16 label means UTF-8 (the
 * bytes before the label were readable as ASCII, so they are not UTF-16) and x-user-defined means
 * windows-1252; UTF-8 otherwise.
 */
import { decodeCharset } from '../mime/decode.js';

const PRESCAN_BYTES = 1024;

const isSpace = (c: number | undefined): boolean => c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d || c === 0x20;
const isLetter = (c: number | undefined): boolean => c !== undefined && ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a));
const lower = (c: number): number => (c >= 0x41 && c <= 0x5a ? c + 0x20 : c);

/** The WHATWG encoding a label names, or `null` for none (and for the "replacement" encoding). */
function encodingOf(label: string): string | null {
  // Node's decoders lack x-user-defined, which the prescan turns into windows-1252 anyway
  if (label.trim().toLowerCase() === 'x-user-defined') return 'x-user-defined';
  try {
    const name = new TextDecoder(label.trim()).encoding;
    return name === 'replacement' ? null : name;
  } catch {
    return null;
  }
}

/** A cursor over the first bytes of the file. */
class Scanner {
  pos = 0;
  constructor(readonly b: Uint8Array) {}

  at(offset = 0): number | undefined {
    return this.b[this.pos + offset];
  }

  startsWith(text: string): boolean {
    for (let i = 0; i < text.length; i++) if (lower(this.at(i) ?? -1) !== text.charCodeAt(i)) return false;
    return true;
  }

  skipTo(text: string): void {
    while (this.pos < this.b.length && !this.startsWith(text)) this.pos++;
  }

  /** The standard's "get an attribute": `null` when the tag ends. */
  attribute(): { name: string; value: string } | null {
    while (isSpace(this.at()) || this.at() === 0x2f) this.pos++;
    if (this.at() === 0x3e || this.at() === undefined) return null;
    let name = '';
    let value = '';
    for (;;) {
      const c = this.at();
      if (c === undefined) return { name, value };
      if (c === 0x3d && name !== '') break;
      if (isSpace(c)) {
        while (isSpace(this.at())) this.pos++;
        if (this.at() !== 0x3d) return { name, value };
        break;
      }
      if (c === 0x2f || c === 0x3e) return { name, value };
      name += String.fromCharCode(lower(c));
      this.pos++;
    }
    this.pos++; // '='
    while (isSpace(this.at())) this.pos++;
    const quote = this.at();
    if (quote === 0x22 || quote === 0x27) {
      this.pos++;
      for (let c = this.at(); c !== undefined && c !== quote; c = this.at()) {
        value += String.fromCharCode(lower(c));
        this.pos++;
      }
      this.pos++;
      return { name, value };
    }
    if (quote === 0x3e) return { name, value };
    for (let c = this.at(); c !== undefined && !isSpace(c) && c !== 0x3e; c = this.at()) {
      value += String.fromCharCode(lower(c));
      this.pos++;
    }
    return { name, value };
  }
}

/** The standard's "extract a character encoding from a meta element" (`text/html; charset=x`). */
function charsetInContent(content: string): string | null {
  let at = 0;
  for (;;) {
    const found = content.indexOf('charset', at);
    if (found < 0) return null;
    let i = found + 7;
    while (isSpace(content.charCodeAt(i))) i++;
    if (content[i] !== '=') {
      at = found + 7;
      continue;
    }
    i++;
    while (isSpace(content.charCodeAt(i))) i++;
    const q = content[i];
    if (q === '"' || q === "'") {
      const end = content.indexOf(q, i + 1);
      return end < 0 ? null : content.slice(i + 1, end);
    }
    let end = i;
    while (end < content.length && !isSpace(content.charCodeAt(end)) && content[end] !== ';') end++;
    return end > i ? content.slice(i, end) : null;
  }
}

/** What one `<meta>` declares, or `null`; the cursor is inside the tag, after `<meta`. */
function metaCharset(s: Scanner): string | null {
  const seen = new Set<string>();
  let pragma = false;
  let needPragma: boolean | null = null;
  let charset: string | null = null;
  for (let a = s.attribute(); a !== null; a = s.attribute()) {
    if (seen.has(a.name)) continue;
    seen.add(a.name);
    if (a.name === 'http-equiv' && a.value === 'content-type') pragma = true;
    else if (a.name === 'content' && charset === null) {
      const label = charsetInContent(a.value);
      charset = label === null ? null : encodingOf(label);
      if (charset !== null) needPragma = true;
    } else if (a.name === 'charset') {
      charset = encodingOf(a.value);
      needPragma = false;
    }
  }
  if (needPragma === null || (needPragma && !pragma) || charset === null) return null;
  if (charset === 'utf-16le' || charset === 'utf-16be') return 'utf-8';
  return charset === 'x-user-defined' ? 'windows-1252' : charset;
}

/**
 * The encoding a browser would use for an HTML file's bytes (no HTTP header): a byte order mark,
 * else the first valid `<meta>` declaration in the first 1024 bytes (the standard's prescan),
 * else UTF-8.
 *
 * @example
 * sniffHtmlCharset(new TextEncoder().encode('<meta charset=utf-16le><p>hi')); // 'utf-8'
 */
export function sniffHtmlCharset(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  const s = new Scanner(bytes.subarray(0, PRESCAN_BYTES));
  for (; s.pos < s.b.length; s.pos++) {
    if (s.startsWith('<!--')) {
      s.pos += 2; // `<!-->` closes at once
      s.skipTo('-->');
      s.pos += 2;
    } else if (s.startsWith('<meta') && (isSpace(s.at(5)) || s.at(5) === 0x2f)) {
      s.pos += 6;
      const found = metaCharset(s);
      if (found !== null) return found;
    } else if (s.at() === 0x3c && (isLetter(s.at(1)) || (s.at(1) === 0x2f && isLetter(s.at(2))))) {
      while (s.at() !== undefined && !isSpace(s.at()) && s.at() !== 0x3e) s.pos++;
      while (s.attribute() !== null);
    } else if (s.startsWith('<!') || s.startsWith('</') || s.startsWith('<?')) {
      s.skipTo('>');
    }
  }
  return 'utf-8';
}

/**
 * Decodes an HTML file's bytes as a browser would ({@link sniffHtmlCharset}).
 *
 * @example
 * decodeHtmlBytes(new TextEncoder().encode('<meta charset="utf-8"><p>é')); // '<meta charset="utf-8"><p>é'
 */
export function decodeHtmlBytes(bytes: Uint8Array): string {
  return decodeCharset(bytes, sniffHtmlCharset(bytes)).value;
}
