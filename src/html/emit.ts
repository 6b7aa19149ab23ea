/**
 * Walker state and the functions that turn an element (or `<style>` sheet, or link) into
 * {@link Resource} records with their location.
 */
import type { DefaultTreeAdapterTypes } from 'parse5';
import type { Resource } from './types.js';
import type { InlineStyle } from './css.js';
import { lineCol, lineStarts } from './conditional.js';
import { budgetedCss, textOf, type ParsedDocument } from './document.js';
import { getAttr, type AttributeUrl } from './elements.js';
import { LinkText } from './link-text.js';
import type { ElementFacts } from './selectors.js';
import { readSheet } from './sheet.js';
import { isWebLink, trimUrl } from './urls.js';
import type { HiddenState } from './visibility.js';

type Element = DefaultTreeAdapterTypes.Element;

/** Writable view, for link text filled in after the walk. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Per-element state; `parent` links form the ancestor chain used by selectors. */
export interface Ctx extends ElementFacts {
  readonly parent: Ctx | null;
  hard: HiddenState | null;
  vis: HiddenState | null;
  /**
   * Hidden state once screen-width queries apply too (a mobile layout): an element is hidden only
   * when it is hidden in both views. Same as `hard`/`vis` when no width query matches.
   */
  altHard: HiddenState | null;
  altVis: HiddenState | null;
  link: LinkText | null;
  /** Inside an Outlook conditional comment: its condition, and where its markup starts. */
  readonly condition: string | null;
  readonly fragmentOffset: number;
}

/** What one walk accumulates. */
export interface WalkState {
  readonly doc: ParsedDocument;
  readonly links: boolean;
  readonly resources: Resource[];
  readonly pendingLinks: [Mutable<Resource>, LinkText][];
  readonly inlineCache: Map<string, InlineStyle>;
  readonly html: string;
  lineStarts: number[] | null;
  cssErrors: number;
  /** Elements examined so far, and how many may be. */
  elements: number;
  readonly maxElements: number;
  baseHref: string | null;
}

type Position = Pick<Resource, 'line' | 'col' | 'startOffset' | 'endOffset' | 'elementStart' | 'startTagEnd' | 'elementEnd'>;

export function location(state: WalkState, ctx: Ctx, el: Element, attribute: string | null): Position {
  const loc = el.sourceCodeLocation;
  const at = (attribute === null ? undefined : loc?.attrs?.[attribute]) ?? loc;
  if (at === undefined || at === null || loc === undefined || loc === null) return { line: 0, col: 0, startOffset: 0, endOffset: 0 };
  // Element bounds let an editor (the sanitiser) remove or annotate the element without re-parsing.
  const shift = ctx.condition === null ? 0 : ctx.fragmentOffset;
  const bounds = {
    elementStart: shift + loc.startOffset,
    startTagEnd: shift + (loc.startTag?.endOffset ?? loc.endOffset),
    elementEnd: shift + loc.endOffset,
  };
  if (ctx.condition === null) return { line: at.startLine, col: at.startCol, startOffset: at.startOffset, endOffset: at.endOffset, ...bounds };
  // Markup re-parsed from a conditional comment has offsets relative to the comment's content.
  state.lineStarts ??= lineStarts(state.html);
  const startOffset = ctx.fragmentOffset + at.startOffset;
  return { ...lineCol(state.lineStarts, startOffset), startOffset, endOffset: ctx.fragmentOffset + at.endOffset, ...bounds };
}

/** Adds `conditional` only inside conditional comments (the field is optional in the contract). */
export function withCondition<T extends object>(ctx: Ctx, resource: T): T {
  return ctx.condition === null ? resource : { ...resource, conditional: ctx.condition };
}

export function makeResource(
  state: WalkState,
  ctx: Ctx,
  el: Element,
  u: AttributeUrl,
  size: { width: number | null; height: number | null },
  hidden: HiddenState | null,
): Resource {
  // A `<link media=print>` stylesheet loads like an `@media print` rule: report the media.
  const tag = ctx.tag;
  const media = tag === 'link' ? (getAttr(el, 'media')?.trim() || null) : null;
  return withCondition(ctx, {
    url: u.url, via: u.via, tag, attribute: u.attribute, ...location(state, ctx, el, u.attribute),
    width: size.width, height: size.height, hidden, media, selector: null,
  });
}

export function addSheetUrls(state: WalkState, ctx: Ctx, el: Element): void {
  // Sheets inside conditional comments were not seen by the document pass: read them here for
  // their URLs only (their rules apply in Outlook alone, so they do not size or hide anything).
  const sheet =
    state.doc.sheets.get(el) ?? readSheet(budgetedCss(textOf(el), state.doc.cssBudget), getAttr(el, 'media') ?? null, { next: 0 });
  if (!state.doc.sheets.has(el) && sheet.error) state.cssErrors++;
  const loc = location(state, ctx, el, null);
  for (const u of sheet.urls) {
    state.resources.push(withCondition(ctx, {
      url: u.url, via: u.via, tag: 'style', attribute: u.attribute, ...loc,
      width: null, height: null, hidden: null, media: u.media, selector: u.selector,
    }));
  }
}

export function addLink(state: WalkState, el: Element, ctx: Ctx, hidden: HiddenState | null): void {
  const tag = ctx.tag;
  if (!state.links) return;
  const raw = getAttr(el, 'href');
  if (raw === undefined) return;
  const url = trimUrl(raw);
  if (!isWebLink(url)) return;
  const resource: Mutable<Resource> = withCondition(ctx, {
    url, via: 'link-click', tag, attribute: 'href', ...location(state, ctx, el, 'href'),
    width: null, height: null, hidden, media: null, selector: null, text: null,
  });
  state.resources.push(resource);
  const text = new LinkText();
  if (tag === 'area') text.addAlt(getAttr(el, 'alt') ?? '');
  else ctx.link = text;
  state.pendingLinks.push([resource, text]);
}
