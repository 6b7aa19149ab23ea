/**
 * Turns one resource to neutralise into edits of the original markup.
 */
import type { Resource } from '../html/types.js';
import { attributeValue, readAttribute, serialiseAttribute, spaceBefore, TRANSPARENT_GIF } from './attr.js';
import { cssCuts } from './css-edit.js';
import type { Edit } from './edits.js';
import { startTagAttributes } from './start-tag.js';

/** Void elements removed whole when they load a tracker. */
const REMOVABLE: ReadonlySet<string> = new Set(['img', 'link', 'meta']);


/** The attribute text at the resource's offsets, or null when the offsets do not hold one. */
function attributeText(html: string, r: Resource): string | null {
  const text = html.slice(r.startOffset, r.endOffset);
  return text.length > 0 && text.toLowerCase().startsWith(r.attribute.toLowerCase()) ? text : null;
}

function elementBounds(html: string, r: Resource): { start: number; tagEnd: number; end: number } | null {
  const { elementStart: start, startTagEnd: tagEnd, elementEnd: end } = r;
  if (start === undefined || tagEnd === undefined || end === undefined || html[start] !== '<') return null;
  return { start, tagEnd, end: Math.max(end, tagEnd) };
}

/**
 * Removals of the other occurrences of the resource's attribute in its start tag. The browser reads
 * the first and ignores the rest; once the sanitiser edits or drops the first, a second one would
 * take its place.
 */
function duplicateRemovals(html: string, r: Resource, action: Edit['action']): Edit[] {
  const el = elementBounds(html, r);
  if (el === null) return [];
  const name = r.attribute.toLowerCase();
  return startTagAttributes(html, el.start, el.tagEnd)
    .filter((a) => a.name === name && a.start !== r.startOffset)
    .map((a) => ({ start: spaceBefore(html, a.start), end: a.end, after: '', action, url: r.url }));
}

/**
 * Replaces the whole attribute by `name="value"` (the name keeps its spelling, the value is
 * escaped so it cannot end its context), and removes any duplicate of it.
 *
 * @example
 * setAttribute('<a href="x" href="y">', resource, 'https://shop.example/', 'strip-params').length; // 2
 */
export function setAttribute(html: string, r: Resource, value: string, action: Edit['action']): Edit[] {
  const text = attributeText(html, r);
  if (text === null) return [];
  const { name } = readAttribute(text);
  return [{ start: r.startOffset, end: r.endOffset, after: serialiseAttribute(name, value), action, url: r.url }, ...duplicateRemovals(html, r, action)];
}

function removeAttribute(html: string, r: Resource): Edit[] {
  if (attributeText(html, r) === null) return [];
  return [{ start: spaceBefore(html, r.startOffset), end: r.endOffset, after: '', action: 'remove-attribute', url: r.url }, ...duplicateRemovals(html, r, 'remove-attribute')];
}

/**
 * Edits that stop an element resource (not CSS, not a link) from loading: hidden images and
 * `<link>`/`<meta refresh>` go whole, visible images keep their box with a transparent source,
 * other loading attributes (`srcset`, `background`, `poster`, `iframe src`…) are dropped. With
 * `keepElements`, nothing goes whole: hidden images are blanked too, `<link>`/`<meta>` lose
 * their loading attribute.
 *
 * @example
 * elementEdits('<img src="https://t.example/o.gif" width=1 height=1 hidden>', resource); // one 'remove-element' edit
 */
export function elementEdits(html: string, r: Resource, keepElements = false): Edit[] {
  const el = elementBounds(html, r);
  const attr = r.attribute.toLowerCase();
  // A hidden image takes no room: it goes. A visible one, even 1×1, is a box in a line (alone on
  // a line it adds a line's height): it keeps its box with a transparent source, so nothing moves.
  // Inside a conditional comment nothing goes whole: its markup is parsed as a fragment, where
  // the first element sets how the next ones are read (an <img> before a <td> makes it text).
  const whole = !keepElements && r.conditional === undefined && REMOVABLE.has(r.tag) && (r.tag !== 'img' || (attr === 'src' && r.hidden !== null));
  if (el !== null && whole) {
    return [{ start: el.start, end: el.end, after: '', action: 'remove-element', url: r.url }];
  }
  if ((r.tag === 'img' || r.tag === 'input') && attr === 'src') return setAttribute(html, r, TRANSPARENT_GIF, 'blank-image');
  return removeAttribute(html, r);
}

/**
 * Edits that stop the given URLs of one CSS container: a `style` attribute (resource offsets are
 * the attribute) or a `<style>` element (resource offsets are the element).
 *
 * @example
 * cssEdits('<p style="color:red;background:url(t.gif)">', resource, new Set(['t.gif'])).edits.length; // 1
 */
export function cssEdits(html: string, r: Resource, urls: ReadonlySet<string>): { edits: Edit[]; missed: string[] } {
  const whole = (start: number, end: number, missed: string[]): { edits: Edit[]; missed: string[] } => ({
    // A URL the CSS parser could not place: the whole container goes rather than the tracker stay.
    edits: [...urls].map((url) => ({ start, end, after: '', action: 'remove-css', url })),
    missed,
  });
  if (r.via === 'inline-style') {
    const text = attributeText(html, r);
    if (text === null) return { edits: [], missed: [...urls] };
    const a = readAttribute(text);
    const raw = text.slice(a.valueStart, a.valueEnd);
    const value = attributeValue(text);
    const { cuts, missed } = cssCuts(value, 'declarationList', urls);
    if (missed.length > 0) {
      const out = whole(spaceBefore(html, r.startOffset), r.endOffset, missed);
      return { edits: [...out.edits, ...duplicateRemovals(html, r, 'remove-css')], missed };
    }
    if (cuts.length === 0) return { edits: [], missed };
    if (value === raw) {
      // No character references: CSS offsets are offsets in the markup.
      const base = r.startOffset + a.valueStart;
      return { edits: cuts.map((c) => ({ start: base + c.start, end: base + c.end, after: c.after, action: 'remove-css', url: c.url })), missed };
    }
    // Character references in the value: the edited value is written whole, escaped.
    const after = serialiseAttribute(a.name, spliceAll(value, cuts));
    return { edits: [{ start: r.startOffset, end: r.endOffset, after, action: 'remove-css', url: cuts[0]?.url ?? r.url }], missed };
  }
  const el = elementBounds(html, r);
  if (el === null) return { edits: [], missed: [...urls] };
  // An unclosed <style> has no end offset from the parser: its text runs to the end.
  const closed = r.elementEnd !== undefined && r.elementEnd > el.tagEnd;
  // The end tag starts before the element's end (a `</` right after it belongs to the next tag).
  const closing = closed ? html.lastIndexOf('</', el.end - 1) : -1;
  const contentEnd = closing >= el.tagEnd ? closing : closed ? el.end : html.length;
  const css = html.slice(el.tagEnd, contentEnd);
  const { cuts, missed } = cssCuts(css, 'stylesheet', urls);
  // An SVG <style> holds markup, its text decoded: offsets in it are not offsets in the source.
  if (missed.length > 0) return whole(el.tagEnd, contentEnd, missed);
  return { edits: cuts.map((c) => ({ start: el.tagEnd + c.start, end: el.tagEnd + c.end, after: c.after, action: 'remove-css', url: c.url })), missed };
}

function spliceAll(text: string, cuts: ReadonlyArray<{ start: number; end: number; after: string }>): string {
  const sorted = [...cuts].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let cursor = 0;
  for (const c of sorted) {
    if (c.start < cursor) continue;
    out += text.slice(cursor, c.start) + c.after;
    cursor = c.end;
  }
  return out + text.slice(cursor);
}

/**
 * Swaps a remote image for a transparent one of the same size, keeping the address in
 * `data-spypixel-src` (or `-srcset`) for the client to reveal.
 *
 * @example
 * placeholderEdits('<img src="https://cdn.example/a.png" width=60 height=20>', resource)[0]?.action; // 'placeholder'
 */
export function placeholderEdits(html: string, r: Resource): Edit[] {
  const el = elementBounds(html, r);
  const text = attributeText(html, r);
  if (el === null || text === null) return [];
  const attr = r.attribute.toLowerCase();
  const original = attributeValue(text);
  const attrs = startTagAttributes(html, el.start, el.tagEnd);
  // The sender may have written data-spypixel-* itself, to be "revealed": only ours stay.
  const senders: Edit[] = attrs
    .filter((a) => a.name.startsWith('data-spypixel-'))
    .map((a) => ({ start: spaceBefore(html, a.start), end: a.end, after: '', action: 'placeholder', url: r.url }));
  if (attr === 'srcset') {
    return [{ start: r.startOffset, end: r.endOffset, after: serialiseAttribute('data-spypixel-srcset', original), action: 'placeholder', url: r.url }, ...duplicateRemovals(html, r, 'placeholder'), ...senders];
  }
  const names = new Set(attrs.map((a) => a.name));
  let size = '';
  if (!names.has('width') && r.width !== null) size += ` width="${Math.round(r.width)}"`;
  if (!names.has('height') && r.height !== null) size += ` height="${Math.round(r.height)}"`;
  const { name } = readAttribute(text);
  return [{
    start: r.startOffset, end: r.endOffset,
    after: `${serialiseAttribute(name, TRANSPARENT_GIF)} ${serialiseAttribute('data-spypixel-src', original)}${size}`,
    action: 'placeholder', url: r.url,
  }, ...duplicateRemovals(html, r, 'placeholder'), ...senders];
}
