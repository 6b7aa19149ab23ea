/**
 * Finds what to cut from a style sheet or a `style` attribute so it no longer loads given URLs:
 * the declaration when the URL is all it sets, else just the `url()` (replaced by `none`, which
 * keeps shorthands such as `background: #fff url(t.gif)` painting their colour), and whole
 * `@import` rules. Offsets come from css-tree's positions in the text as written.
 */
import type { CssNode } from 'css-tree';
import parse from 'css-tree/parser';
import walk from 'css-tree/walker';
import { valueUrls } from '../html/css.js';
import { trimUrl } from '../html/urls.js';

/**
 * One cut in CSS text: `[start, end)` replaced by `after`, plus the URL it stops.
 *
 * @example
 * const c: CssCut = { start: 2, end: 30, after: '', url: 'https://t.example/p.gif' };
 */
export interface CssCut {
  readonly start: number;
  readonly end: number;
  readonly after: string;
  readonly url: string;
}

type Loc = { readonly start: { readonly offset: number }; readonly end: { readonly offset: number } };

function locOf(node: CssNode): Loc | null {
  return (node.loc as Loc | undefined) ?? null;
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
}

/** A declaration's end, past trailing spaces and its `;`, so no stray separator is left. */
function declarationEnd(css: string, end: number): number {
  let i = end;
  while (isSpace(css[i])) i++;
  return css[i] === ';' ? i + 1 : end;
}

/** The first URL of `targets` loaded inside `node` (a `url()` or an `image-set()` string). */
function hitIn(node: CssNode, targets: ReadonlySet<string>): string | null {
  let hit: string | null = null;
  walk(node, (n: CssNode) => {
    if (hit !== null) return;
    if (n.type === 'Url' && targets.has(trimUrl(n.value))) hit = trimUrl(n.value);
    else if (n.type === 'Function' && n.name.toLowerCase().endsWith('image-set')) {
      for (const c of n.children) if (c.type === 'String' && targets.has(trimUrl(c.value))) hit = trimUrl(c.value);
    }
  });
  return hit;
}

function declarationCuts(css: string, node: CssNode & { type: 'Declaration' }, targets: ReadonlySet<string>, cuts: CssCut[]): string[] {
  const loc = locOf(node);
  const vloc = locOf(node.value);
  if (loc === null) return [];
  const valueText = vloc === null ? '' : css.slice(vloc.start.offset, vloc.end.offset);
  const hits = valueUrls(valueText, { error: false }).filter((u) => targets.has(u));
  if (hits.length === 0) return [];
  const whole = (): string[] => {
    cuts.push({ start: loc.start.offset, end: declarationEnd(css, loc.end.offset), after: '', url: hits[0] ?? '' });
    return hits;
  };
  // Font sources and values css-tree kept raw (custom properties) go as a whole.
  if (node.value.type !== 'Value' || node.property.toLowerCase() === 'src') return whole();
  const parts: Array<{ node: CssNode; hit: string | null }> = [];
  for (const child of node.value.children) {
    if (child.type === 'WhiteSpace' || (child.type === 'Operator' && child.value === ',')) continue;
    parts.push({ node: child, hit: hitIn(child, targets) });
  }
  if (parts.every((p) => p.hit !== null)) return whole();
  const partial: CssCut[] = [];
  for (const p of parts) {
    const l = locOf(p.node);
    if (p.hit === null) continue;
    if (l === null) return whole();
    partial.push({ start: l.start.offset, end: l.end.offset, after: 'none', url: p.hit });
  }
  cuts.push(...partial);
  return hits;
}

function importCut(css: string, node: CssNode & { type: 'Atrule' }, targets: ReadonlySet<string>, cuts: CssCut[]): string | null {
  const loc = locOf(node);
  if (loc === null || node.name.toLowerCase() !== 'import' || node.prelude === null) return null;
  let hit: string | null = null;
  walk(node.prelude, (n: CssNode) => {
    if (hit === null && (n.type === 'Url' || n.type === 'String') && targets.has(trimUrl(n.value))) hit = trimUrl(n.value);
  });
  if (hit === null && node.prelude.type === 'Raw') {
    for (const t of targets) if (node.prelude.value.includes(t)) hit = t;
  }
  if (hit === null) return null;
  cuts.push({ start: loc.start.offset, end: declarationEnd(css, loc.end.offset), after: '', url: hit });
  return hit;
}

/** Last resort for CSS the parser could not place: replace the `url(…)` around the text. */
function textualCuts(css: string, url: string, cuts: CssCut[]): boolean {
  let found = false;
  for (let i = css.indexOf(url); i !== -1; i = css.indexOf(url, i + url.length)) {
    let s = i;
    while (s > 0 && (isSpace(css[s - 1]) || css[s - 1] === '"' || css[s - 1] === "'")) s--;
    let e = i + url.length;
    while (e < css.length && (isSpace(css[e]) || css[e] === '"' || css[e] === "'")) e++;
    if (css.slice(Math.max(0, s - 4), s).toLowerCase() === 'url(' && css[e] === ')') {
      cuts.push({ start: s - 4, end: e + 1, after: 'none', url });
      found = true;
    } else if (css[s - 1] !== '(' && css.slice(0, s).trimEnd().toLowerCase().endsWith('@import')) {
      found = true;
      cuts.push({ start: s, end: e, after: '""', url });
    }
  }
  return found;
}

/**
 * The cuts that stop `targets` from loading, and the targets it could not find.
 *
 * @example
 * cssCuts('a{color:red;background-image:url(t.gif)}', 'stylesheet', new Set(['t.gif'])).cuts[0];
 * // { start: 12, end: 40, after: '', url: 't.gif' }
 */
export function cssCuts(css: string, context: 'stylesheet' | 'declarationList', targets: ReadonlySet<string>): { cuts: CssCut[]; missed: string[] } {
  const cuts: CssCut[] = [];
  const found = new Set<string>();
  try {
    const ast = parse(css, { context, positions: true, onParseError: () => undefined });
    walk(ast, (node: CssNode) => {
      if (node.type === 'Declaration') for (const h of declarationCuts(css, node, targets, cuts)) found.add(h);
      else if (node.type === 'Atrule') {
        const h = importCut(css, node, targets, cuts);
        if (h !== null) found.add(h);
      }
    });
  } catch {
    // fall through to the textual pass for every target
  }
  const missed: string[] = [];
  for (const t of targets) if (!found.has(t) && !textualCuts(css, t, cuts)) missed.push(t);
  return { cuts, missed };
}
