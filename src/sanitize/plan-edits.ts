/**
 * From the verdicts on a document's URLs to the edits that neutralise the findings to remove,
 * each edit tied to the findings it neutralises.
 */
import type { Resource } from '../html/types.js';
import type { Verdict } from '../scan/inspect.js';
import type { Finding, ScanError } from '../types.js';
import { annotateElement, annotation } from './annotate.js';
import { findingOf } from './decide.js';
import type { Edit } from './edits.js';
import { stripParams } from './links.js';
import type { PartSettings } from './part.js';
import { cssEdits, elementEdits, placeholderEdits, setAttribute } from './plan.js';

const CSS_VIAS: ReadonlySet<string> = new Set(['inline-style', 'style-block', 'style-import', 'font-face']);

/** Edits are grouped per CSS container so several URLs of one declaration list are cut together. */
interface CssGroup {
  readonly resource: Resource;
  readonly urls: Set<string>;
}

/** Annotations are grouped per element: one element gets one set of `data-spypixel-*`. */
interface Mark {
  readonly resource: Resource;
  readonly candidates: Array<Record<string, string>>;
  readonly findings: Finding[];
}

/**
 * The edits, which findings each neutralises, and the findings already neutralised as the
 * document stands (an element already annotated exactly as it would be).
 *
 * @example
 * const p: Plan = { edits: [], owner: new Map(), already: new Set() };
 */
export interface Plan {
  readonly edits: Edit[];
  readonly owner: Map<Edit, Finding[]>;
  readonly already: Set<Finding>;
}

function cleanHref(href: string, s: PartSettings): string {
  if (s.rules.senderAllowed) return href;
  return stripParams(href, s.ctx.catalogue, s.params).url;
}

/** Where a link should point: its destination when unwrapped, else itself; both without tracking parameters. */
function linkTarget(v: Verdict, f: Finding | null, remove: boolean, s: PartSettings): { target: string; unwrapped: boolean } {
  const destination = f !== null && remove && s.unwrap ? (v.match?.destination ?? null) : null;
  return { target: cleanHref(destination ?? v.resource.url, s), unwrapped: destination !== null };
}

function addMark(marks: Map<number, Mark>, r: Resource, attrs: Record<string, string>, f: Finding | null): void {
  const key = r.elementStart ?? -1;
  const m = marks.get(key) ?? { resource: r, candidates: [], findings: [] };
  m.candidates.push(attrs);
  if (f !== null) m.findings.push(f);
  marks.set(key, m);
}

/**
 * Plans the edits of every verdict of a document.
 *
 * @example
 * planEdits(html, inspection.verdicts, scan.findings, decisions, settings, errors).edits.length;
 */
export function planEdits(
  html: string,
  verdicts: readonly Verdict[],
  findings: readonly Finding[],
  removeFinding: ReadonlyMap<Finding, boolean>,
  s: PartSettings,
  errors: ScanError[],
): Plan {
  const plan: Plan = { edits: [], owner: new Map(), already: new Set() };
  const add = (edits: readonly Edit[], owners: readonly Finding[]): void => {
    for (const e of edits) {
      plan.edits.push(e);
      if (owners.length > 0) plan.owner.set(e, [...owners]);
    }
  };
  const css = new Map<number, CssGroup>();
  const cssOwners = new Map<string, Finding>();
  const marks = new Map<number, Mark>();
  for (const v of verdicts) {
    const r = v.resource;
    const f = findingOf(v, findings);
    const remove = f !== null && removeFinding.get(f) === true;
    if (r.via === 'link-click') {
      const { target, unwrapped } = linkTarget(v, f, remove, s);
      const changed = target !== r.url;
      if (s.mode === 'annotate') {
        if (f !== null && remove) addMark(marks, r, annotation(f, changed ? target : null), f);
        else if (changed) addMark(marks, r, { href: target }, null);
      } else if (changed) {
        // Stripping parameters off a redirect that stays does not neutralise the redirect.
        add(setAttribute(html, r, target, unwrapped ? 'unwrap-link' : 'strip-params'), f !== null && remove && unwrapped ? [f] : []);
      }
      continue;
    }
    if (!remove || f === null) {
      if (s.mode === 'placeholder' && r.via === 'element' && r.tag === 'img' && !s.rules.senderAllowed) add(placeholderEdits(html, r), []);
      continue;
    }
    if (s.mode === 'annotate') addMark(marks, r, annotation(f, null), f);
    else if (CSS_VIAS.has(r.via)) {
      const key = r.via === 'inline-style' ? r.startOffset : -1 - (r.elementStart ?? r.startOffset);
      const g = css.get(key) ?? { resource: r, urls: new Set<string>() };
      g.urls.add(r.url);
      css.set(key, g);
      cssOwners.set(`${key} ${r.url}`, f);
    } else add(elementEdits(html, r, s.keepElements === true), [f]);
  }
  for (const [key, g] of css) {
    const { edits: cut, missed } = cssEdits(html, g.resource, g.urls);
    for (const e of cut) {
      const f = cssOwners.get(`${key} ${e.url}`);
      add([e], f === undefined ? [] : [f]);
    }
    for (const m of missed) errors.push({ code: 'css-parse-failed', message: `Could not locate ${m.slice(0, 80)} in its style; the whole style was removed instead.` });
  }
  for (const m of marks.values()) {
    const edits = annotateElement(html, m.resource, m.candidates);
    if (edits === null) for (const f of m.findings) plan.already.add(f);
    else add(edits, m.findings);
  }
  return plan;
}
