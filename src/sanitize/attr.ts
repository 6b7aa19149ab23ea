/**
 * Reading and writing attributes in the original markup, by offsets.
 */
import { parseFragment } from 'parse5';

/** A transparent 1×1 GIF: what a blanked or placeholder image shows. */
export const TRANSPARENT_GIF = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

/**
 * An attribute as written: its name, and where its value sits in the attribute's own text.
 *
 * @example
 * const a: RawAttribute = { name: 'src', valueStart: 5, valueEnd: 10 };
 */
export interface RawAttribute {
  readonly name: string;
  /** Offsets in the attribute text; both equal the text's length for a bare attribute. */
  readonly valueStart: number;
  readonly valueEnd: number;
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
}

/**
 * Splits an attribute's source text (`src="x"`, `src='x'`, `src=x`, `hidden`).
 *
 * @example
 * readAttribute('href="https://a.example/"').valueStart; // 6
 */
export function readAttribute(text: string): RawAttribute {
  let i = 0;
  while (i < text.length && text[i] !== '=' && !isSpace(text[i])) i++;
  const name = text.slice(0, i);
  while (isSpace(text[i])) i++;
  if (text[i] !== '=') return { name, valueStart: text.length, valueEnd: text.length };
  i++;
  while (isSpace(text[i])) i++;
  const q = text[i];
  if (q === '"' || q === "'") {
    const close = text.lastIndexOf(q);
    return { name, valueStart: i + 1, valueEnd: close > i ? close : text.length };
  }
  return { name, valueStart: i, valueEnd: text.length };
}

/**
 * The attribute's value as the browser reads it (character references decoded).
 *
 * @example
 * attributeValue('href="a?x=1&amp;y=2"'); // 'a?x=1&y=2'
 */
export function attributeValue(text: string): string {
  const a = readAttribute(text);
  const raw = text.slice(a.valueStart, a.valueEnd);
  if (!raw.includes('&')) return raw;
  // The HTML parser itself decodes references exactly as the page's browser would.
  const frag = parseFragment(`<i ${text}>`);
  const el = frag.childNodes[0];
  return el !== undefined && 'attrs' in el ? (el.attrs[0]?.value ?? raw) : raw;
}

/**
 * Escapes a value for a quoted attribute so that, wherever the attribute sits, it cannot end its
 * context: besides `&` and both quotes, `<` and `>` (a decoded `-->` would close an Outlook
 * conditional comment, a decoded `</noscript>` the raw text a scripting browser reads there) and
 * C0 control characters (a decoded CR LF would start a new line, and so perhaps a MIME boundary,
 * in a 7bit body) are written as character references. The browser reads the same value back.
 *
 * @example
 * escapeAttribute('a?x=1&y="2"--><img>'); // 'a?x=1&amp;y=&quot;2&quot;--&gt;&lt;img&gt;'
 */
export function escapeAttribute(value: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    let ref: string | null = null;
    if (c === 0x26) ref = '&amp;';
    else if (c === 0x22) ref = '&quot;';
    else if (c === 0x27) ref = '&#39;';
    else if (c === 0x3c) ref = '&lt;';
    else if (c === 0x3e) ref = '&gt;';
    // U+0000 would come back as U+FFFD, as the parser already made it; C1 controls cannot be
    // written as numeric references (the parser maps &#x80;–&#x9F; to windows-1252), so they stay.
    else if (c < 0x20 || c === 0x7f) ref = `&#x${c.toString(16).toUpperCase()};`;
    if (ref === null) continue;
    out += value.slice(from, i) + ref;
    from = i + 1;
  }
  return from === 0 ? value : out + value.slice(from);
}

/**
 * An attribute as the sanitiser writes it: always double-quoted, its value escaped by
 * {@link escapeAttribute}.
 *
 * @example
 * serialiseAttribute('href', 'https://a.example/?x=1&y=2'); // 'href="https://a.example/?x=1&amp;y=2"'
 */
export function serialiseAttribute(name: string, value: string): string {
  return `${name}="${escapeAttribute(value)}"`;
}

/**
 * Where the tag name of a start tag ends (where new attributes can be inserted).
 *
 * @example
 * tagNameEnd('<img src=x>', 0); // 4
 */
export function tagNameEnd(html: string, elementStart: number): number {
  let i = elementStart + 1;
  while (i < html.length && !isSpace(html[i]) && html[i] !== '/' && html[i] !== '>') i++;
  return i;
}

/**
 * The start of the whitespace run before `offset` (so a removed attribute takes its separator).
 *
 * @example
 * spaceBefore('<td  width=1>', 5); // 3
 */
export function spaceBefore(html: string, offset: number): number {
  let i = offset;
  while (i > 0 && isSpace(html[i - 1])) i--;
  return i;
}
