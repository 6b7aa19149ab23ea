/**
 * Parses the HTML with parse5 and reads every `<style>` element once, before the walk, so rules
 * in the body apply to elements before them too (as in a browser).
 */
import { defaultTreeAdapter, parse, type DefaultTreeAdapterTypes, type TreeAdapter } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import { getAttr } from './elements.js';
import { RuleIndex } from './selectors.js';
import { readSheet, type SheetResult } from './sheet.js';

type Element = DefaultTreeAdapterTypes.Element;

/**
 * The parsed document with its style sheets read.
 *
 * @example
 * const doc: ParsedDocument = parseDocument('<p>hi</p>');
 */
export interface ParsedDocument {
  readonly document: DefaultTreeAdapterTypes.Document;
  /** What each `<style>` element loads. */
  readonly sheets: ReadonlyMap<Element, SheetResult>;
  /** Screen rules of all sheets, indexed for matching. */
  readonly index: RuleIndex;
  /** `<style>` sheets the CSS parser could not fully read. */
  readonly sheetErrors: number;
}

/**
 * The text content of a raw-text element such as `<style>`.
 *
 * @example
 * textOf(styleElement); // '.a{…}'
 */
export function textOf(el: Element): string {
  let text = '';
  for (const child of el.childNodes) if (child.nodeName === '#text' && 'value' in child) text += child.value;
  return text;
}

/**
 * Parses `html` (with attribute locations; `<noscript>` parsed as markup because mail clients
 * run no scripts) and compiles its `<style>` sheets.
 *
 * @example
 * parseDocument('<style>.x{display:none}</style>').index.size; // 1
 */
export function parseDocument(html: string): ParsedDocument {
  const styles: Element[] = [];
  // Recording <style> elements as parse5 creates them avoids a second pass over the tree.
  const treeAdapter: TreeAdapter<DefaultTreeAdapterMap> = {
    ...defaultTreeAdapter,
    createElement(tagName, namespaceURI, attrs) {
      const el = defaultTreeAdapter.createElement(tagName, namespaceURI, attrs);
      if (tagName === 'style') styles.push(el);
      return el;
    },
  };
  const document = parse(html, { sourceCodeLocationInfo: true, scriptingEnabled: false, treeAdapter });
  const sheets = new Map<Element, SheetResult>();
  const index = new RuleIndex();
  const order = { next: 0 };
  let sheetErrors = 0;
  for (const el of styles) {
    const sheet = readSheet(textOf(el), getAttr(el, 'media') ?? null, order);
    sheets.set(el, sheet);
    if (sheet.error) sheetErrors++;
    for (const rule of sheet.rules) index.add(rule.selector, rule.decls);
  }
  return { document, sheets, index, sheetErrors };
}
