/**
 * Sanitises one decoded HTML document: inspect every URL, decide per finding, plan edits by
 * offset, apply them. Shared by `sanitizeHtml` and `sanitizeEml`.
 */
import type { Resource } from '../html/types.js';
import { cutHtml } from '../limits.js';
import type { PartContext } from '../scan/part.js';
import { scanPart } from '../scan/part.js';
import { inspectPart, type Verdict } from '../scan/inspect.js';
import type { Finding, ScanError } from '../types.js';
import { findingOf, shouldRemove, type Rules } from './decide.js';
import { applyEdits, type Edit } from './edits.js';
import { stripParams, type ParamPolicy } from './links.js';
import { annotateEdit, cssEdits, elementEdits, placeholderEdits, setAttribute } from './plan.js';
import type { SanitizeHtmlResult, SanitizeMode, SanitizeOptions } from './types.js';

/**
 * Everything one part needs besides its text.
 *
 * @example
 * const p: PartSettings = { ctx, rules, mode: 'remove', unwrap: true, params };
 */
export interface PartSettings {
  readonly ctx: PartContext;
  readonly rules: Rules;
  readonly mode: SanitizeMode;
  readonly unwrap: boolean;
  readonly params: ParamPolicy;
}

/**
 * Resolves the mode and link options.
 *
 * @example
 * partSettings(ctx, rules, {}).mode; // 'remove'
 */
export function partSettings(ctx: PartContext, rules: Rules, options: SanitizeOptions): PartSettings {
  const mode: SanitizeMode = options.mode === 'annotate' || options.mode === 'placeholder' ? options.mode : 'remove';
  return {
    ctx, rules, mode, unwrap: options.unwrapLinks !== false,
    params: { vendor: options.stripTrackingParams !== false, campaign: options.stripCampaignParams !== false, allowVendors: rules.allowVendors },
  };
}

const CSS_VIAS: ReadonlySet<string> = new Set(['inline-style', 'style-block', 'style-import', 'font-face']);

/** Edits are grouped per CSS container so several URLs of one declaration list are cut together. */
interface CssGroup {
  readonly resource: Resource;
  readonly urls: Set<string>;
}

function cleanHref(href: string, s: PartSettings): string {
  if (s.rules.senderAllowed) return href;
  return stripParams(href, s.ctx.catalogue, s.params).url;
}

function annotation(f: Finding, cleaned: string | null): Record<string, string> {
  const a: Record<string, string> = { kind: f.kind, confidence: f.confidence };
  if (f.vendor !== null) a.vendor = f.vendor.id;
  if (cleaned !== null) a.href = cleaned;
  return a;
}

function linkEdits(html: string, v: Verdict, f: Finding | null, remove: boolean, s: PartSettings): Edit[] {
  const r = v.resource;
  const destination = f !== null && remove && s.unwrap ? (v.match?.destination ?? null) : null;
  const target = destination !== null ? cleanHref(destination, s) : cleanHref(r.url, s);
  const changed = target !== r.url;
  if (s.mode === 'annotate') {
    if (f !== null && remove) {
      const e = annotateEdit(html, r, annotation(f, changed ? target : null));
      return e === null ? [] : [e];
    }
    const e = changed ? annotateEdit(html, r, { href: target }) : null;
    return e === null ? [] : [e];
  }
  if (!changed) return [];
  return setAttribute(html, r, target, destination !== null ? 'unwrap-link' : 'strip-params');
}

/**
 * Sanitises one HTML document. `part` is its index in the message.
 *
 * @example
 * sanitizePart('<img src="https://t.example/o.gif?u=3f2b8c1e9d4a" width=1 height=1><p>hi</p>', 0, settings).html;
 * // '<p>hi</p>'
 */
export function sanitizePart(html: string, part: number, s: PartSettings): SanitizeHtmlResult {
  // Both passes see the same URL budget (it is shared by the parts of one message).
  const budget = s.ctx.urlBudget.left;
  const scan = scanPart(html, part, s.ctx);
  const left = s.ctx.urlBudget.left;
  s.ctx.urlBudget.left = budget;
  const errors: ScanError[] = [...scan.errors];
  // Past maxHtmlBytes the scanner looks no further (it says so in `errors`); neither can we.
  const verdicts = inspectPart(cutHtml(html, s.ctx.limits.maxHtmlBytes) ?? html, s.ctx).verdicts;
  s.ctx.urlBudget.left = left;
  const removeFinding = new Map<Finding, boolean>();
  for (const f of scan.findings) removeFinding.set(f, shouldRemove(f, s.rules));
  const edits: Edit[] = [];
  const owner = new Map<Edit, Finding[]>();
  const css = new Map<number, CssGroup>();
  const cssOwners = new Map<string, Finding>();
  for (const v of verdicts) {
    const r = v.resource;
    const f = findingOf(v, scan.findings);
    const remove = f !== null && removeFinding.get(f) === true;
    if (r.via === 'link-click') {
      for (const e of linkEdits(html, v, f, remove, s)) {
        edits.push(e);
        // Stripping parameters off a redirect that stays does not neutralise the redirect.
        if (f !== null && remove && e.action !== 'strip-params') owner.set(e, [f]);
      }
      continue;
    }
    if (!remove || f === null) {
      if (s.mode === 'placeholder' && r.via === 'element' && r.tag === 'img' && !s.rules.senderAllowed) edits.push(...placeholderEdits(html, r));
      continue;
    }
    if (s.mode === 'annotate') {
      const e = annotateEdit(html, r, annotation(f, null));
      if (e !== null) {
        edits.push(e);
        owner.set(e, [f]);
      }
      continue;
    }
    if (CSS_VIAS.has(r.via)) {
      const key = r.via === 'inline-style' ? r.startOffset : -1 - (r.elementStart ?? r.startOffset);
      const g = css.get(key) ?? { resource: r, urls: new Set<string>() };
      g.urls.add(r.url);
      css.set(key, g);
      cssOwners.set(`${key} ${r.url}`, f);
      continue;
    }
    for (const e of elementEdits(html, r)) {
      edits.push(e);
      owner.set(e, [f]);
    }
  }
  for (const [key, g] of css) {
    const { edits: cut, missed } = cssEdits(html, g.resource, g.urls);
    for (const e of cut) {
      edits.push(e);
      const f = cssOwners.get(`${key} ${e.url}`);
      if (f !== undefined) owner.set(e, [f]);
    }
    for (const m of missed) errors.push({ code: 'css-parse-failed', message: `Could not locate ${m.slice(0, 80)} in its style to remove it.` });
  }
  const { text, changes, applied } = applyEdits(html, mergeAnnotations(edits, owner), part);
  const done = new Set<Finding>();
  for (const e of applied) for (const f of owner.get(e) ?? []) done.add(f);
  // An edit swallowed by a removal around it (an attribute of a removed element) did its job too.
  for (const [e, fs] of owner) {
    if (applied.some((a) => a.start <= e.start && e.end <= a.end && a.after === '')) for (const f of fs) done.add(f);
  }
  const removed = scan.findings.filter((f) => done.has(f));
  const kept = scan.findings.filter((f) => !done.has(f));
  return { html: text, removed, kept, changes, errors };
}

/** Several annotations of one element (an image with a tracker in `src` and `style`) become one. */
function mergeAnnotations(edits: readonly Edit[], owner: Map<Edit, Finding[]>): Edit[] {
  const seen = new Map<number, Edit>();
  const out: Edit[] = [];
  for (const e of edits) {
    if (e.action !== 'annotate') {
      out.push(e);
      continue;
    }
    const first = seen.get(e.start);
    if (first === undefined) {
      seen.set(e.start, e);
      out.push(e);
    } else {
      owner.set(first, [...(owner.get(first) ?? []), ...(owner.get(e) ?? [])]);
    }
  }
  return out;
}
