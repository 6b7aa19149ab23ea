/**
 * The DOM walker: every remote resource a mail client would load from an HTML body, plus links,
 * with location, rendered size and hidden state. Synchronous and browser-safe (no Node built-ins).
 */
import type { DefaultTreeAdapterTypes } from 'parse5';
import type { Resource, WalkResult, WalkTruncation } from './types.js';
import { cascade } from './cascade.js';
import { conditionalContent } from './conditional.js';
import { parseInlineStyle, type InlineStyle } from './css.js';
import { parseDocument } from './document.js';
import { elementUrls, getAttr, type AttributeUrl } from './elements.js';
import { addLink, addSheetUrls, makeResource, type Ctx, type Mutable, type WalkState } from './emit.js';
import type { LinkText } from './link-text.js';
import { renderedSize } from './size.js';
import { trimUrl } from './urls.js';
import type { MatchedRule } from './cascade.js';
import { hiddenState, ownHiding, type HiddenState, type OwnHiding } from './visibility.js';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

/**
 * Options of {@link walkHtml}.
 *
 * @example
 * const opts: WalkOptions = { links: false };
 */
export interface WalkOptions {
  /** Report `a`/`area` links as `link-click` resources. @default true */
  readonly links?: boolean;
  /**
   * Elements examined at most; the walk stops after them and sets `truncated.elements`.
   * @default Number.MAX_SAFE_INTEGER (no limit: the scan functions pass `ScanLimits.maxElements`)
   */
  readonly maxElements?: number;
  /**
   * UTF-8 bytes of `<style>` text parsed, all blocks together; see `truncated.cssBlocks`.
   * @default Number.MAX_SAFE_INTEGER (no limit: the scan functions pass `ScanLimits.maxCssBytes`)
   */
  readonly maxCssBytes?: number;
}

/** Tags whose attributes can load something (besides `background`, checked on every element). */
const LOADING_TAGS: ReadonlySet<string> = new Set([
  'img', 'video', 'audio', 'source', 'track', 'iframe', 'frame', 'embed', 'object', 'link', 'image',
  'v:fill', 'v:image', 'v:imagedata', 'input', 'meta',
]);
const NO_CLASSES: readonly string[] = [];
const NO_MATCHES: readonly MatchedRule[] = [];
/** Elements whose `width`/`height` attributes also give an aspect ratio. */
const REPLACED: ReadonlySet<string> = new Set(['img', 'input', 'video', 'image']);
const HTML_NS = 'http://www.w3.org/1999/xhtml';

function splitClasses(value: string): readonly string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= value.length; i++) {
    const c = i < value.length ? value.charCodeAt(i) : 0x20;
    const space = c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
    if (space && start !== -1) {
      const name = value.slice(start, i);
      if (!out.includes(name)) out.push(name);
      start = -1;
    } else if (!space && start === -1) {
      start = i;
    }
  }
  return out;
}

/**
 * Walks an HTML document and lists what a mail client would load. Never throws: on internal
 * failure it returns what it found so far.
 *
 * @example
 * walkHtml('<img src="https://t.example/o.gif" width="1" height="1">').resources[0]?.width; // 1
 */
export function walkHtml(html: string, opts: WalkOptions = {}): WalkResult {
  const resources: Resource[] = [];
  const pendingLinks: [Mutable<Resource>, LinkText][] = [];
  let cssErrors = 0;
  let baseHref: string | null = null;
  let truncated: WalkTruncation | null = null;
  try {
    const whole = typeof html === 'string' ? html : '';
    const maxElements = opts?.maxElements ?? Number.MAX_SAFE_INTEGER;
    const cutAt = startTagCut(whole, maxElements);
    const text = cutAt < 0 ? whole : whole.slice(0, cutAt);
    const doc = parseDocument(text, opts?.maxCssBytes);
    const state: WalkState = {
      doc, links: opts?.links !== false, resources, pendingLinks, inlineCache: new Map(), cssErrors: doc.sheetErrors,
      baseHref: null, html: text, lineStarts: null, elements: 0, maxElements,
    };
    try {
      traverse(state);
    } finally {
      cssErrors = state.cssErrors;
      baseHref = state.baseHref;
      const elements = state.elements > state.maxElements || cutAt >= 0;
      if (elements || doc.cssBudget.cut > 0) truncated = { elements, cssBlocks: doc.cssBudget.cut };
    }
  } catch {
    // Keep the partial result: the walker reports, it does not fail.
  }
  for (const [resource, text] of pendingLinks) resource.text = text.result();
  return truncated === null ? { resources, cssErrors, baseHref } : { resources, cssErrors, baseHref, truncated };
}

/**
 * Where the start tag after the first `max` ones begins, or -1. parse5 builds the whole tree
 * before the walk can stop, and a run of unclosed formatting tags nests without end (5 MB of
 * `<i>` needs gigabytes), so the tree is bounded by cutting the input. Tags in comments and
 * scripts count too: the cut can only come earlier, never later.
 */
function startTagCut(html: string, max: number): number {
  if (max >= html.length) return -1;
  let count = 0;
  for (let i = html.indexOf('<'); i >= 0 && i + 1 < html.length; i = html.indexOf('<', i + 1)) {
    const c = html.charCodeAt(i + 1) | 0x20;
    if (c >= 97 && c <= 122 && ++count > max) return i;
  }
  return -1;
}

/** Depth-first, document order, with an explicit stack so deep nesting cannot overflow. */
function traverse(state: WalkState): void {
  const nodes: Node[] = [state.doc.document];
  const ctxs: (Ctx | null)[] = [null];
  for (let node = nodes.pop(); node !== undefined; node = nodes.pop()) {
    const parent = ctxs.pop() ?? null;
    let ctx = parent;
    let children: readonly Node[];
    // nodeName tells parse5's node kinds apart without `in` checks on differently shaped objects.
    switch (node.nodeName) {
      case '#text':
        if (parent !== null && parent.link !== null && 'value' in node) parent.link.append(node.value);
        continue;
      case '#documentType':
        continue;
      case '#comment': {
        const cc = 'data' in node ? conditionalContent(node) : null;
        if (cc === null) continue;
        children = cc.fragment.childNodes;
        ctx = { ...rootCtx(parent), condition: cc.condition, fragmentOffset: cc.offset };
        break;
      }
      case '#document':
      case '#document-fragment':
        children = 'childNodes' in node ? node.childNodes : [];
        break;
      default:
        if (!('tagName' in node)) continue;
        // past the limit the count goes one over, which tells the caller the walk was cut
        if (++state.elements > state.maxElements) return;
        ctx = visitElement(state, node, parent);
        children = 'content' in node ? node.content.childNodes : node.childNodes;
    }
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child === undefined) continue;
      nodes.push(child);
      ctxs.push(ctx);
    }
  }
}

function rootCtx(parent: Ctx | null): Ctx {
  return parent ?? {
    tag: '', id: '', classes: NO_CLASSES, parent: null, hard: null, vis: null, altHard: null, altVis: null, link: null,
    condition: null, fragmentOffset: 0,
  };
}

function visitElement(state: WalkState, el: Element, parent: Ctx | null): Ctx {
  const tag = el.namespaceURI === HTML_NS ? el.tagName : el.tagName.toLowerCase();
  let id = '';
  let classAttr: string | undefined;
  let style: string | undefined;
  let widthAttr: string | undefined;
  let heightAttr: string | undefined;
  let hiddenAttr = false;
  let hasBackground = false;
  // One pass over the attributes collects everything every element needs.
  for (const a of el.attrs) {
    if (a.prefix !== undefined) continue;
    switch (a.name) {
      case 'id': id = a.value; break;
      case 'class': classAttr = a.value; break;
      case 'style': style = a.value; break;
      case 'width': widthAttr = a.value; break;
      case 'height': heightAttr = a.value; break;
      case 'hidden': hiddenAttr = true; break;
      case 'background': hasBackground = true; break;
      default: break;
    }
  }
  const classes = classAttr === undefined ? NO_CLASSES : splitClasses(classAttr);
  const ctx: Ctx = {
    tag, id, classes, parent, hard: null, vis: null, altHard: null, altVis: null, link: parent === null ? null : parent.link,
    condition: parent === null ? null : parent.condition, fragmentOffset: parent === null ? 0 : parent.fragmentOffset,
  };

  const inline = style === undefined ? null : readInline(state, style);
  const matched = state.doc.index.match(ctx);
  const hasInline = inline !== null && inline.decls.length > 0;
  const computed = hasInline || matched.length > 0 ? cascade(inline === null ? null : inline.decls, matched) : null;
  const own = ownHiding(computed, hiddenAttr, widthAttr, heightAttr);
  const hidden = inherit(ctx, own, parent, false);
  // A mobile layout (`@media (max-width…)`) may show what the desktop view hides, or give it its
  // real size: the element counts as hidden only when both views hide it.
  const widthRules = state.doc.responsive.size > 0 ? state.doc.responsive.match(ctx) : NO_MATCHES;
  // Outlook's Word renderer, the only one that reads `mso-hide`, knows no media queries.
  const altComputed = widthRules.length > 0 ? { ...cascade(inline === null ? null : inline.decls, [...matched, ...widthRules]), 'mso-hide': null } : computed;
  const altOwn = widthRules.length > 0 ? ownHiding(altComputed, hiddenAttr, widthAttr, heightAttr) : own;
  const altHidden = inherit(ctx, altOwn, parent, true);
  const shown = hidden === null ? null : altHidden === null ? null : hidden;

  const urls: AttributeUrl[] = LOADING_TAGS.has(tag) || hasBackground ? elementUrls(el, tag) : [];
  if (inline !== null) for (const u of inline.urls) urls.push({ attribute: 'style', url: u.url, via: 'inline-style' });
  if (urls.length > 0) {
    const sized = tag !== 'link' && tag !== 'meta';
    const replaced = REPLACED.has(tag);
    let size = sized ? renderedSize(widthAttr, heightAttr, computed, replaced) : { width: null, height: null };
    if (sized && altComputed !== computed && (hidden !== null || isTiny(size))) {
      const altSize = renderedSize(widthAttr, heightAttr, altComputed, replaced);
      if (hidden !== null && altHidden === null) size = altSize;
      else if (!isTiny(altSize) && (altSize.width !== null || altSize.height !== null)) size = altSize;
    }
    for (const u of urls) state.resources.push(makeResource(state, ctx, el, u, size, shown));
  }

  if (tag === 'style') addSheetUrls(state, ctx, el);
  else if (tag === 'base' && state.baseHref === null) {
    const href = getAttr(el, 'href');
    if (href !== undefined && trimUrl(href) !== '') state.baseHref = trimUrl(href);
  } else if (tag === 'a' || tag === 'area') addLink(state, el, ctx, shown);
  else if (tag === 'img' && ctx.link !== null) ctx.link.addAlt(getAttr(el, 'alt') ?? '');
  return ctx;
}

/** At most 3 px on each known axis, at least one axis known: what a pixel's box looks like. */
function isTiny(size: { width: number | null; height: number | null }): boolean {
  const { width: w, height: h } = size;
  if (w === null && h === null) return false;
  return (w === null || w <= 3) && (h === null || h <= 3);
}

/**
 * Sets the element's hidden state in one view (`alt`: with screen-width rules) from its own hiding
 * and its parent's, and returns the state to report for the element in that view.
 */
function inherit(ctx: Ctx, own: OwnHiding, parent: Ctx | null, alt: boolean): HiddenState | null {
  const parentHard = parent === null ? null : alt ? parent.altHard : parent.hard;
  const parentVis = parent === null ? null : alt ? parent.altVis : parent.vis;
  const hard = own.hard !== null ? hiddenState(own.hard, false) : parentHard ? hiddenState(parentHard.reason, true) : null;
  let vis: HiddenState | null = null;
  if (own.visibility === 'hidden') vis = hiddenState('visibility-hidden', false);
  else if (own.visibility !== 'visible' && parentVis) vis = hiddenState('visibility-hidden', true);
  if (alt) {
    ctx.altHard = hard;
    ctx.altVis = vis;
  } else {
    ctx.hard = hard;
    ctx.vis = vis;
  }
  return own.hard !== null ? hard : own.visibility === 'hidden' ? vis : (hard ?? vis);
}

function readInline(state: WalkState, style: string): InlineStyle {
  // Newsletters repeat the same style attribute hundreds of times: parse each text once.
  let parsed = state.inlineCache.get(style);
  if (parsed === undefined) {
    parsed = parseInlineStyle(style);
    state.inlineCache.set(style, parsed);
  }
  if (parsed.error) state.cssErrors++;
  return parsed;
}

