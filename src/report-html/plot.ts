/**
 * What every chart of the report shares: Observable Plot drawing on a linkedom document (no
 * browser), the chart's section and caption, and horizontal stacked bars. Labels are cut to a
 * width the chart keeps for them; every bar has an SVG `<title>` with its exact figures (a tooltip
 * without script).
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { clip } from '../batch/counter.js';
import { esc } from './escape.js';
import { formats, type Words } from './i18n.js';

/**
 * What the charts need besides the summary: words and number and date formats of the language.
 *
 * @example
 * const c: ChartContext = { words: wordsFor('en'), locale: 'en-GB' };
 */
export interface ChartContext {
  readonly words: Words;
  readonly locale: string;
}

/**
 * Width of every chart, in CSS pixels (the page's column).
 *
 * @example
 * Plot.plot({ width: WIDTH, … });
 */
export const WIDTH = 880;
const BAR = 22;
const LABEL_CHARS = 34;
/**
 * Bars shown in a ranked chart; the rest are left out (the tables and the JSON have them all).
 *
 * @example
 * summary.vendors.slice(0, TOP);
 */
export const TOP = 15;

type Doc = NonNullable<Plot.PlotOptions['document']>;

/**
 * A fresh document for Plot to draw on.
 *
 * @example
 * Plot.plot({ document: documentFor(), marks: [] });
 */
export function documentFor(): Doc {
  return parseHTML('<!doctype html><html><body></body></html>').document as unknown as Doc;
}

/**
 * The markup of what Plot drew.
 *
 * @example
 * outer(Plot.plot({ document: documentFor(), marks: [] })); // '<svg …>…</svg>'
 */
export function outer(node: Element | SVGSVGElement | HTMLElement): string {
  return node.outerHTML;
}

/** Left margin that fits the longest label (system-ui at 11 px is about 6.2 px a character). */
function marginFor(labels: readonly string[]): number {
  const longest = labels.reduce((n, l) => Math.max(n, Math.min(l.length, LABEL_CHARS)), 4);
  return Math.ceil(longest * 6.2) + 16;
}

function label(s: string): string {
  return clip(s, LABEL_CHARS);
}

/**
 * A chart in its own section, with its title and a note on what it counts.
 *
 * @example
 * figure('chart-x', 'Title', 'What it counts.', svg); // '<section id="chart-x">…'
 */
export function figure(id: string, title: string, note: string, body: string): string {
  return `<section id="${id}"><h2>${esc(title)}</h2><figure class="chart"><figcaption><p>${esc(note)}</p></figcaption>${body}</figure></section>`;
}

/**
 * A `<p>` saying there is nothing to draw.
 *
 * @example
 * nothing(ctx); // '<p class="nothing">Nothing to show.</p>'
 */
export function nothing(ctx: ChartContext): string {
  return `<p class="nothing">${esc(ctx.words.nothing)}</p>`;
}

/**
 * How many ticks a count axis asks for, so that counts never get fractional ticks.
 *
 * @example
 * countTicks(3); // 3
 */
export function countTicks(max: number): number {
  return Math.max(1, Math.min(8, Math.floor(max)));
}

/**
 * One segment of a stacked bar.
 *
 * @example
 * const s: Stacked = { label: 'Mailchimp', series: 'esp', value: 3 };
 */
export interface Stacked {
  readonly label: string;
  readonly series: string;
  readonly value: number;
}

/**
 * Horizontal bars, one row per label, stacked by series in the given order; rows keep the order
 * of first appearance in `rows`.
 *
 * @example
 * stackedBars([{ label: 'a', series: 'x', value: 2 }], ['x'], ['#4269d0'], ctx); // '<svg …>…</svg>'
 */
export function stackedBars(rows: readonly Stacked[], series: readonly string[], colours: readonly string[], ctx: ChartContext): string {
  if (rows.length === 0) return nothing(ctx);
  const labels = [...new Set(rows.map((r) => r.label))];
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.label, (totals.get(r.label) ?? 0) + r.value);
  const nf = formats(ctx.locale).number;
  const node = Plot.plot({
    document: documentFor(),
    width: WIDTH,
    height: labels.length * BAR + 50,
    marginLeft: marginFor(labels),
    marginRight: 24,
    style: { fontSize: '11px' },
    x: { grid: true, label: null, ticks: countTicks(Math.max(...totals.values())), tickFormat: (n: number) => nf.format(n) },
    y: { domain: labels, label: null, tickFormat: label },
    color: { domain: [...series], range: [...colours], legend: series.length > 1 },
    marks: [
      Plot.barX(rows, {
        x: 'value',
        y: 'label',
        fill: 'series',
        order: [...series],
        title: (r: Stacked) => `${r.label} · ${r.series}: ${nf.format(r.value)}`,
      }),
      Plot.ruleX([0]),
    ],
  });
  return outer(node);
}

/**
 * Colours of series without a meaning of their own (vendors, flag codes).
 *
 * @example
 * stackedBars(rows, series, PALETTE, ctx);
 */
export const PALETTE = ['#4269d0', '#efb118', '#ff725c', '#6cc5b0', '#3ca951', '#ff8ab7', '#a463f2', '#97bbf5', '#9c6b4e', '#9498a0'];
