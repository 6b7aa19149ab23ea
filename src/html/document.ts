/**
 * Parses the HTML with parse5 and reads every `<style>` element once, before the walk, so rules
 * in the body apply to elements before them too (as in a browser).
 */
import type { DefaultTreeAdapterTypes } from 'parse5';
import { parseLocated } from './adapter.js';
import { utf8Cut, utf8Length } from '../limits.js';
import { getAttr } from './elements.js';
import { RuleIndex } from './selectors.js';
import { relaxSelect } from './select.js';
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
  /** Rules of screen-width queries (mobile layouts), indexed apart: see `SheetResult.responsive`. */
  readonly responsive: RuleIndex;
  /** `<style>` sheets the CSS parser could not fully read. */
  readonly sheetErrors: number;
  /** What is left of the document's CSS byte budget (shared with sheets read later). */
  readonly cssBudget: CssBudget;
}

/**
 * The `<style>` bytes a document may still parse, and how many blocks were cut for it.
 *
 * @example
 * const b: CssBudget = { left: 1024 * 1024, cut: 0 };
 */
export interface CssBudget {
  left: number;
  cut: number;
}

/**
 * The part of a sheet's text that fits the budget, which it spends. A sheet crossing the budget
 * is cut (css-tree reads a cut sheet like a truncated one); once it is spent, sheets read as empty.
 *
 * @example
 * budgetedCss('.a{}.b{}', { left: 4, cut: 0 }); // '.a{}'
 */
export function budgetedCss(css: string, budget: CssBudget): string {
  if (css.length === 0) return css;
  const end = utf8Cut(css, budget.left);
  if (end < css.length) budget.cut++;
  budget.left -= utf8Length(css, end);
  return end === css.length ? css : css.slice(0, end);
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
export function parseDocument(html: string, maxCssBytes = Number.MAX_SAFE_INTEGER): ParsedDocument {
  const cssBudget: CssBudget = { left: maxCssBytes, cut: 0 };
  // Elements inside <select> load in today's browsers: parse5 must not drop them.
  const { document, styles } = parseLocated(relaxSelect(html));
  const sheets = new Map<Element, SheetResult>();
  const index = new RuleIndex();
  const responsive = new RuleIndex();
  const order = { next: 0 };
  let sheetErrors = 0;
  for (const el of styles) {
    const sheet = readSheet(budgetedCss(textOf(el), cssBudget), getAttr(el, 'media') ?? null, order);
    sheets.set(el, sheet);
    if (sheet.error) sheetErrors++;
    for (const rule of sheet.rules) index.add(rule.selector, rule.decls);
    for (const rule of sheet.responsive) responsive.add(rule.selector, rule.decls);
  }
  return { document, sheets, index, responsive, sheetErrors, cssBudget };
}
