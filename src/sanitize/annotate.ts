/**
 * Annotate mode: `data-spypixel-*` attributes on the elements that track. The sender can write
 * such attributes too; the sanitiser's own are the only ones an edited element keeps, and an
 * element already carrying exactly what would be written is left alone (sanitising twice changes
 * nothing).
 */
import type { Resource } from '../html/types.js';
import type { Finding } from '../types.js';
import { serialiseAttribute, spaceBefore, tagNameEnd } from './attr.js';
import type { Edit } from './edits.js';
import { startTagAttributes } from './start-tag.js';

/**
 * The attributes that mark a finding (without the `data-spypixel-` prefix).
 *
 * @example
 * annotation(finding, null); // { kind: 'open-pixel', confidence: 'certain', vendor: 'mailchimp' }
 */
export function annotation(f: Finding, cleanedHref: string | null): Record<string, string> {
  const a: Record<string, string> = { kind: f.kind, confidence: f.confidence };
  if (f.vendor !== null) a.vendor = f.vendor.id;
  if (cleanedHref !== null) a.href = cleanedHref;
  return a;
}

function annotationText(attrs: Readonly<Record<string, string>>): string {
  return Object.entries(attrs)
    .map(([k, v]) => ` ${serialiseAttribute(`data-spypixel-${k}`, v)}`)
    .join('');
}

/**
 * The edits that mark an element with the first of `candidates` (each a set of attributes one of
 * its resources calls for): `null` when the element already carries exactly one of them right
 * after its tag name. Otherwise the sanitiser's attributes go right after the tag name (the
 * browser reads the first of duplicates) and every `data-spypixel-*` the sender wrote is removed.
 *
 * @example
 * annotateElement('<img src=x>', resource, [{ kind: 'open-pixel' }])?.[0]?.after; // ' data-spypixel-kind="open-pixel"'
 */
export function annotateElement(html: string, r: Resource, candidates: ReadonlyArray<Readonly<Record<string, string>>>): Edit[] | null {
  const start = r.elementStart;
  const tagEnd = r.startTagEnd;
  const first = candidates[0];
  if (start === undefined || tagEnd === undefined || html[start] !== '<' || first === undefined) return [];
  const at = tagNameEnd(html, start);
  const existing = startTagAttributes(html, start, tagEnd).filter((a) => a.name.startsWith('data-spypixel-'));
  const last = existing[existing.length - 1];
  if (existing[0] !== undefined && last !== undefined && spaceBefore(html, existing[0].start) === at) {
    const written = html.slice(at, last.end);
    // One contiguous run holding nothing else, equal to what would be written: already marked.
    if (existing.every((a, i) => i === 0 || spaceBefore(html, a.start) === (existing[i - 1] as { end: number }).end)) {
      if (candidates.some((c) => annotationText(c) === written)) return null;
    }
  }
  const text = annotationText(first);
  const edits: Edit[] = existing.map((a) => ({ start: spaceBefore(html, a.start), end: a.end, after: '', action: 'annotate', url: r.url }));
  const head = edits[0];
  if (head !== undefined && head.start === at) edits[0] = { ...head, after: text };
  else edits.unshift({ start: at, end: at, after: text, action: 'annotate', url: r.url });
  return edits;
}
