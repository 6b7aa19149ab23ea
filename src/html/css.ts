/**
 * css-tree adapter: reads `style` attributes and `<style>` sheets into cascaded declarations,
 * style rules and the URLs they load. Only the browser-safe subpaths of css-tree are used.
 */
import type { CssNode, Declaration } from 'css-tree';
import parse from 'css-tree/parser';
import walk from 'css-tree/walker';
import { isCascadeProp, type Decl } from './cascade.js';
import { unescapeUrlFunctions } from './css-escape.js';
import { isLoadableUrl, trimUrl } from './urls.js';

/**
 * A URL found in a CSS value, with the declaration property that holds it.
 *
 * @example
 * const u: CssUrl = { property: 'background-image', url: 'https://t.example/p.gif' };
 */
export interface CssUrl {
  readonly property: string;
  readonly url: string;
}

/**
 * A parsed `style` attribute.
 *
 * @example
 * const s: InlineStyle = { decls: [], urls: [], error: false };
 */
export interface InlineStyle {
  readonly decls: readonly Decl[];
  readonly urls: readonly CssUrl[];
  /** The parser met something it could not read (it still recovered what it could). */
  readonly error: boolean;
}

/** Reports whether parsing met an error; shared by the sheet reader. */
export interface ErrorFlag {
  error: boolean;
}

/**
 * The `url()`s (and `image-set()` strings) of one declaration value, in order.
 *
 * @example
 * valueUrls('url(a.gif) no-repeat', { error: false }); // ['a.gif']
 */
export function valueUrls(value: string, flag: ErrorFlag): string[] {
  // `u\72l(…)` loads like `url(…)` in a browser: the escaped name is written out first.
  const text = unescapeUrlFunctions(value);
  const lower = text.toLowerCase();
  if (!lower.includes('url(') && !lower.includes('image-set(')) return [];
  const urls: string[] = [];
  const ast = parse(text, { context: 'value', onParseError: () => (flag.error = true) });
  walk(ast, (node: CssNode) => {
    if (node.type === 'Url') {
      addUrl(urls, node.value);
    } else if (node.type === 'Function' && node.name.toLowerCase().endsWith('image-set')) {
      // Bare strings inside image-set() are URLs too.
      for (const child of node.children) if (child.type === 'String') addUrl(urls, child.value);
    }
  });
  return urls;
}

function addUrl(urls: string[], raw: string): void {
  const url = trimUrl(raw);
  if (isLoadableUrl(url)) urls.push(url);
}

/** The text of a declaration value parsed with `parseValue: false`. */
export function rawValue(d: Declaration): string {
  return d.value.type === 'Raw' ? d.value.value : '';
}

/**
 * The cascaded declarations of one css-tree declaration; `margin` is reduced to `margin-left`
 * because only the left margin pushes content off screen.
 *
 * @example
 * cascadeDecls('margin', '0 0 0 -9999px', false, 0); // [{ prop: 'margin-left', value: '-9999px', … }]
 */
export function cascadeDecls(property: string, value: string, important: boolean, order: number): Decl[] {
  const prop = property.toLowerCase();
  const v = value.trim().toLowerCase();
  if (isCascadeProp(prop)) return [{ prop, value: v, important, order }];
  if (prop === 'margin') {
    const parts = v.split(' ').filter((p) => p.length > 0);
    const left = parts.length === 4 ? parts[3] : parts.length >= 2 ? parts[1] : parts[0];
    if (left !== undefined) return [{ prop: 'margin-left', value: left, important, order }];
  }
  return [];
}

/**
 * Parses a `style` attribute. Never throws: on failure the result has `error: true`.
 *
 * @example
 * parseInlineStyle('width:1px;background:url(p.gif)').urls; // [{ property: 'background', url: 'p.gif' }]
 */
export function parseInlineStyle(text: string): InlineStyle {
  return simpleInlineStyle(text) ?? parseInlineStyleWithCssTree(text);
}

function isPropertyName(name: string): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const ok = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f;
    if (!ok) return false;
  }
  return true;
}

/**
 * Fast path for the `prop: value; …` attributes that make up most of a newsletter. Splitting on
 * top-level `;` (outside strings and parentheses) and the first `:` is what the CSS tokenizer
 * would do for such text, at a fraction of a full parse; `url()` values still go through
 * css-tree. Returns `null` (use css-tree) for escapes, comments, blocks, at-signs, `<` and
 * unbalanced strings or parentheses.
 */
function simpleInlineStyle(text: string): InlineStyle | null {
  const flag: ErrorFlag = { error: false };
  const decls: Decl[] = [];
  const urls: CssUrl[] = [];
  let start = 0;
  let quote = 0;
  let depth = 0;
  let bang = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0x3b;
    if (quote !== 0) {
      if (c === quote) quote = 0;
      else if (c === 0x5c || c === 0x0a || i === text.length) return null;
      continue;
    }
    // \ { } @ <, and a comment opener
    if (c === 0x5c || c === 0x7b || c === 0x7d || c === 0x40 || c === 0x3c) return null;
    if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a) return null;
    if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x28) depth++;
    else if (c === 0x29) {
      if (depth === 0) return null;
      depth--;
    } else if (c === 0x21 && depth === 0) bang = i;
    else if (c === 0x3b && depth === 0) {
      readSimpleDecl(text, start, i, bang, decls, urls, flag);
      start = i + 1;
      bang = -1;
    } else if (c === 0x3b && i === text.length) {
      return null;
    }
  }
  if (depth !== 0) return null;
  return { decls, urls, error: flag.error };
}

function readSimpleDecl(text: string, start: number, end: number, bang: number, decls: Decl[], urls: CssUrl[], flag: ErrorFlag): void {
  const part = text.slice(start, end);
  const colon = part.indexOf(':');
  if (colon === -1) {
    if (part.trim() !== '') flag.error = true;
    return;
  }
  const property = part.slice(0, colon).trim().toLowerCase();
  if (!isPropertyName(property)) {
    flag.error = true;
    return;
  }
  const important = bang !== -1;
  if (important && text.slice(bang + 1, end).trim().toLowerCase() !== 'important') {
    flag.error = true;
    return;
  }
  const raw = part.slice(colon + 1, important ? bang - start : part.length);
  // Most declarations (fonts, colours, padding) neither cascade here nor load anything.
  if (isCascadeProp(property) || property === 'margin') {
    for (const d of cascadeDecls(property, raw, important, decls.length)) decls.push(d);
  }
  if (raw.includes('(')) for (const url of valueUrls(raw.trim(), flag)) urls.push({ property, url });
}

function parseInlineStyleWithCssTree(text: string): InlineStyle {
  const flag: ErrorFlag = { error: false };
  const decls: Decl[] = [];
  const urls: CssUrl[] = [];
  try {
    const ast = parse(text, {
      context: 'declarationList',
      parseValue: false,
      parseCustomProperty: false,
      onParseError: () => (flag.error = true),
    });
    if (ast.type === 'DeclarationList') {
      for (const node of ast.children) {
        if (node.type !== 'Declaration') continue;
        const value = rawValue(node);
        for (const d of cascadeDecls(node.property, value, node.important !== false, decls.length)) decls.push(d);
        for (const url of valueUrls(value, flag)) urls.push({ property: node.property.toLowerCase(), url });
      }
    }
  } catch {
    flag.error = true;
  }
  return { decls, urls, error: flag.error };
}
