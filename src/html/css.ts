/**
 * css-tree adapter: reads `style` attributes and `<style>` sheets into cascaded declarations,
 * style rules and the URLs they load. Only the browser-safe subpaths of css-tree are used.
 */
import type { CssNode, Declaration } from 'css-tree';
import parse from 'css-tree/parser';
import walk from 'css-tree/walker';
import { isCascadeProp, type Decl } from './cascade.js';
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
  const lower = value.toLowerCase();
  if (!lower.includes('url(') && !lower.includes('image-set(')) return [];
  const urls: string[] = [];
  const ast = parse(value, { context: 'value', onParseError: () => (flag.error = true) });
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
