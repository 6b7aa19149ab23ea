/**
 * Edits by offset: the sanitiser never re-serialises a document, it splices the original string
 * so every byte outside an edit stays as it was.
 */
import type { ChangeAction, SanitizeChange } from './types.js';

/**
 * One planned replacement of `[start, end)` of the HTML by `after` (an insertion when equal).
 *
 * @example
 * const e: Edit = { start: 4, end: 20, after: '', action: 'remove-attribute', url: 'https://t.example/p.gif' };
 */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly after: string;
  readonly action: ChangeAction;
  readonly url: string;
}

/** Characters that can begin a markup token with the ones after them (`<!--`, `</`, `-->`, `--!>`). */
function opens(c: string | undefined): boolean {
  return c === '<' || c === '!' || c === '-' || c === '/' || c === '?' || c === ']';
}

/** Characters that can continue such a token. */
function continues(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0) | 0x20;
  return c === '!' || c === '-' || c === '/' || c === '>' || c === '?' || c === ']' || (code >= 0x61 && code <= 0x7a);
}

/**
 * The replacement with a space where it would join text into a token that was not there: `x-`
 * and `->` around a removed pixel make `x-->`, which ends an Outlook conditional comment; `<` and
 * `/noscript>` make an end tag. A space in text or CSS changes nothing else.
 */
function separated(prev: string | undefined, after: string, next: string | undefined): string {
  let out = after;
  if (opens(prev) && continues(out === '' ? next : out[0])) out = ` ${out}`;
  if (out !== '' && opens(out[out.length - 1]) && continues(next)) out = `${out} `;
  return out;
}

/** Larger edits first at the same start, so an element removal wins over edits inside it. */
function byPosition(a: Edit, b: Edit): number {
  return a.start - b.start || b.end - a.end;
}

/**
 * Applies edits to a text. Edits overlapping one applied before are dropped (an attribute edit
 * inside a removed element, a second removal of the same declaration). Out-of-range edits are
 * dropped too: an offset that does not fit cannot be trusted.
 *
 * @example
 * applyEdits('<p><img src=x></p>', [{ start: 3, end: 14, after: '', action: 'remove-element', url: 'x' }], 0).text;
 * // '<p></p>'
 */
export function applyEdits(text: string, edits: readonly Edit[], part: number): { text: string; changes: SanitizeChange[]; applied: Edit[] } {
  const sorted = edits.filter((e) => e.start >= 0 && e.end >= e.start && e.end <= text.length).sort(byPosition);
  const out: string[] = [];
  const changes: SanitizeChange[] = [];
  const applied: Edit[] = [];
  let cursor = 0;
  let last: string | undefined;
  for (const e of sorted) {
    if (e.start < cursor) continue;
    const before = text.slice(e.start, e.end);
    if (before === e.after) continue;
    const kept = text.slice(cursor, e.start);
    const prev = kept === '' ? last : kept[kept.length - 1];
    const after = separated(prev, e.after, text[e.end]);
    out.push(kept, after);
    changes.push({ action: e.action, part, start: e.start, end: e.end, before, after, url: e.url });
    applied.push(e);
    if (kept + after !== '') last = (kept + after)[(kept + after).length - 1];
    cursor = e.end;
  }
  out.push(text.slice(cursor));
  return { text: out.join(''), changes, applied };
}
