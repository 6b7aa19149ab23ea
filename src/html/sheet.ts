/**
 * Reads one `<style>` sheet: the URLs it loads (with selector and media) and the rules that can
 * decide an element's size or visibility on screen.
 */
import type { CssNode, Declaration } from 'css-tree';
import parse from 'css-tree/parser';
import type { LoadVia } from './types.js';
import type { Decl } from './cascade.js';
import { cascadeDecls, rawValue, valueUrls, type ErrorFlag } from './css.js';
import { isLoadableUrl, trimUrl } from './urls.js';

/**
 * A URL loaded by a style sheet.
 *
 * @example
 * const u: SheetUrl = { url: 'p.gif', via: 'style-block', attribute: 'content', selector: 'div.x', media: 'print' };
 */
export interface SheetUrl {
  readonly url: string;
  readonly via: LoadVia;
  readonly attribute: string;
  readonly selector: string | null;
  readonly media: string | null;
}

/**
 * A style rule that applies on screen, with its cascaded declarations (order is global to the
 * document, so later sheets win ties).
 *
 * @example
 * const r: SheetRule = { selector: '.hide', decls: [] };
 */
export interface SheetRule {
  readonly selector: string;
  readonly decls: readonly Decl[];
}

/**
 * What one sheet contributes. `responsive` holds the rules of screen-width queries
 * (`@media (max-width: 600px)`): they apply on some screens only, so they decide no hiding or
 * size by themselves, but an element they reveal is shown on those screens.
 *
 * @example
 * const s: SheetResult = { urls: [], rules: [], responsive: [], error: false };
 */
export interface SheetResult {
  readonly urls: readonly SheetUrl[];
  readonly rules: readonly SheetRule[];
  readonly responsive: readonly SheetRule[];
  readonly error: boolean;
}

interface Frame {
  readonly nodes: readonly CssNode[];
  index: number;
  readonly media: readonly string[];
  /** Rules here apply to elements on a plain screen (no print, dark mode or width query). */
  readonly onScreen: boolean;
  /** Rules here apply on screens of some widths (a width or orientation query, no print or dark mode). */
  readonly onSomeScreens: boolean;
  readonly inFontFace: boolean;
  readonly inKeyframes: boolean;
}

/** Media lists that apply to every ordinary screen rendering. */
function isScreenMedia(text: string): boolean {
  return text
    .toLowerCase()
    .split(',')
    .some((q) => {
      const t = q.trim();
      return t === 'screen' || t === 'all' || t === 'only screen' || t === 'only all' || t === '';
    });
}

/**
 * A media list that holds on some screen widths only: a width, height or orientation feature,
 * and no print, speech or colour-scheme condition. Mobile layouts reveal their images here.
 *
 * @example
 * isWidthMedia('only screen and (max-width: 600px)'); // true
 * isWidthMedia('print'); // false
 */
export function isWidthMedia(text: string): boolean {
  const t = text.toLowerCase();
  if (t.includes('print') || t.includes('speech') || t.includes('prefers-color-scheme')) return false;
  return t.includes('width') || t.includes('height') || t.includes('orientation') || t.includes('aspect-ratio');
}

function joinMedia(media: readonly string[]): string | null {
  return media.length === 0 ? null : media.join(' and ');
}

/** `@import` prelude → URL and the media list after it. */
function readImport(prelude: string, flag: ErrorFlag): { url: string; media: string } | null {
  const ast = parse(prelude, { context: 'value', positions: true, onParseError: () => (flag.error = true) });
  if (ast.type !== 'Value') return null;
  const first = ast.children.first;
  if (first === null || (first.type !== 'Url' && first.type !== 'String')) return null;
  const end = first.loc?.end.offset ?? prelude.length;
  return { url: trimUrl(first.value), media: prelude.slice(end).trim() };
}

/**
 * Parses a sheet. `baseMedia` is the `<style media>` attribute; `order` numbers declarations
 * across sheets. Never throws: on failure `error` is set and what was read is kept.
 *
 * @example
 * readSheet('@media print{.a{background:url(p.gif)}}', null, { next: 0 }).urls[0]?.media; // 'print'
 */
export function readSheet(css: string, baseMedia: string | null, order: { next: number }): SheetResult {
  const flag: ErrorFlag = { error: false };
  const urls: SheetUrl[] = [];
  const rules: SheetRule[] = [];
  const responsive: SheetRule[] = [];
  try {
    const ast = parse(css, {
      parseValue: false,
      parseRulePrelude: false,
      parseAtrulePrelude: false,
      parseCustomProperty: false,
      onParseError: () => (flag.error = true),
    });
    if (ast.type !== 'StyleSheet') return { urls, rules, responsive, error: true };
    const base = baseMedia === null || baseMedia.trim() === '' ? [] : [baseMedia.trim()];
    const onScreen = base.every(isScreenMedia);
    const top: Frame = {
      nodes: ast.children.toArray(), index: 0, media: base, onScreen,
      onSomeScreens: !onScreen && base.every((m) => isScreenMedia(m) || isWidthMedia(m)), inFontFace: false, inKeyframes: false,
    };
    // An explicit stack keeps source order without recursion (nesting depth is attacker-chosen).
    const stack: Frame[] = [top];
    for (let frame = stack[stack.length - 1]; frame !== undefined; frame = stack[stack.length - 1]) {
      const node = frame.nodes[frame.index++];
      if (node === undefined) {
        stack.pop();
        continue;
      }
      if (node.type === 'Rule') {
        const selector = node.prelude.type === 'Raw' ? node.prelude.value.trim() : '';
        const decls: Decl[] = [];
        for (const d of node.block.children) {
          if (d.type === 'Declaration') readDecl(d, selector, frame, urls, decls, order, flag);
        }
        if (!frame.inKeyframes && decls.length > 0) {
          if (frame.onScreen) rules.push({ selector, decls });
          else if (frame.onSomeScreens) responsive.push({ selector, decls });
        }
      } else if (node.type === 'Atrule') {
        const name = node.name.toLowerCase();
        const prelude = node.prelude?.type === 'Raw' ? node.prelude.value.trim() : '';
        if (name === 'import') {
          const imp = readImport(prelude, flag);
          if (imp !== null && isLoadableUrl(imp.url)) {
            const media = imp.media === '' ? frame.media : [...frame.media, imp.media];
            urls.push({ url: imp.url, via: 'style-import', attribute: '@import', selector: null, media: joinMedia(media) });
          }
        } else if (node.block !== null) {
          const isMedia = name === 'media';
          const transparent = name === 'supports' || name === 'layer';
          const onScreen = frame.onScreen && (isMedia ? isScreenMedia(prelude) : transparent);
          const widthQuery = isMedia && !isScreenMedia(prelude) && isWidthMedia(prelude);
          stack.push({
            nodes: node.block.children.toArray(),
            index: 0,
            media: isMedia && prelude !== '' ? [...frame.media, prelude] : frame.media,
            onScreen,
            onSomeScreens: !onScreen && (frame.onScreen || frame.onSomeScreens) && (isMedia ? isScreenMedia(prelude) || widthQuery : transparent),
            inFontFace: name === 'font-face',
            inKeyframes: frame.inKeyframes || name.endsWith('keyframes'),
          });
        }
      } else if (node.type === 'Declaration') {
        // Declarations directly in an at-rule block (@font-face, @page) load URLs but match nothing.
        readDecl(node, null, frame, urls, [], order, flag);
      }
    }
  } catch {
    flag.error = true;
  }
  return { urls, rules, responsive, error: flag.error };
}

function readDecl(
  node: Declaration,
  selector: string | null,
  frame: Frame,
  urls: SheetUrl[],
  decls: Decl[],
  order: { next: number },
  flag: ErrorFlag,
): void {
  const value = rawValue(node);
  const property = node.property.toLowerCase();
  for (const url of valueUrls(value, flag)) {
    const via: LoadVia = frame.inFontFace ? 'font-face' : 'style-block';
    urls.push({ url, via, attribute: property, selector, media: joinMedia(frame.media) });
  }
  for (const d of cascadeDecls(property, value, node.important !== false, order.next++)) decls.push(d);
}
