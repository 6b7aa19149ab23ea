/**
 * The report's charts, drawn when the report is built as inline SVG with Observable Plot on a
 * linkedom document (no browser, no script in the page). Each chart is a pure function of the
 * summary: data in, an HTML `<figure>` out. Labels are cut to a width the chart keeps for them;
 * every bar has an SVG `<title>` with its exact figures (a tooltip without script).
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import type { Summary } from '../batch/summary-data.js';
import { clip } from '../batch/counter.js';
import { esc } from './escape.js';
import { fill, plural, termOf, vendorName, type Words } from './i18n.js';

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

const WIDTH = 880;
const BAR = 22;
const LABEL_CHARS = 34;
/** Bars shown in a ranked chart; the rest are left out (the tables and the JSON have them all). */
const TOP = 15;

type Doc = NonNullable<Plot.PlotOptions['document']>;

function documentFor(): Doc {
  return parseHTML('<!doctype html><html><body></body></html>').document as unknown as Doc;
}

function outer(node: Element | SVGSVGElement | HTMLElement): string {
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

/** A chart in its own section, with its title and a note on what it counts. */
function figure(id: string, title: string, note: string, body: string): string {
  return `<section id="${id}"><h2>${esc(title)}</h2><figure class="chart"><figcaption><p>${esc(note)}</p></figcaption>${body}</figure></section>`;
}

/** A `<p>` saying there is nothing to draw. */
function nothing(ctx: ChartContext): string {
  return `<p class="nothing">${esc(ctx.words.nothing)}</p>`;
}

/** How many ticks a count axis asks for, so that counts never get fractional ticks. */
function countTicks(max: number): number {
  return Math.max(1, Math.min(8, Math.floor(max)));
}

interface Stacked {
  readonly label: string;
  readonly series: string;
  readonly value: number;
}

/**
 * Horizontal bars, one row per label, stacked by series in the given order; rows keep the order
 * of first appearance in `rows`.
 */
function stackedBars(rows: readonly Stacked[], series: readonly string[], colours: readonly string[], ctx: ChartContext): string {
  if (rows.length === 0) return nothing(ctx);
  const labels = [...new Set(rows.map((r) => r.label))];
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.label, (totals.get(r.label) ?? 0) + r.value);
  const nf = new Intl.NumberFormat(ctx.locale);
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

const PALETTE = ['#4269d0', '#efb118', '#ff725c', '#6cc5b0', '#3ca951', '#ff8ab7', '#a463f2', '#97bbf5', '#9c6b4e', '#9498a0'];

/**
 * Messages with and without trackers by month (by year when the archive spans more than five
 * years, so bars stay readable).
 *
 * @example
 * overTimeChart(summary, ctx); // '<figure class="chart" id="chart-time">…<svg …>…</svg></figure>'
 */
export function overTimeChart(s: Summary, ctx: ChartContext): string {
  const w = ctx.words;
  const first = s.months[0]?.month;
  const last = s.months[s.months.length - 1]?.month;
  const span = first === undefined || last === undefined ? 0 : (Number(last.slice(0, 4)) - Number(first.slice(0, 4))) * 12 + Number(last.slice(5)) - Number(first.slice(5));
  const yearly = span > 60;
  const periods = new Map<string, { messages: number; withTrackers: number }>();
  for (const m of s.months) {
    const key = yearly ? m.month.slice(0, 4) : m.month;
    const p = periods.get(key) ?? { messages: 0, withTrackers: 0 };
    periods.set(key, p);
    p.messages += m.messages;
    p.withTrackers += m.withTrackers;
  }
  const dateFormat = new Intl.DateTimeFormat(ctx.locale, yearly ? { year: 'numeric', timeZone: 'UTC' } : { year: 'numeric', month: 'short', timeZone: 'UTC' });
  const nf = new Intl.NumberFormat(ctx.locale);
  const rows = [...periods].flatMap(([key, p]) => {
    const start = new Date(Date.UTC(Number(key.slice(0, 4)), yearly ? 0 : Number(key.slice(5)) - 1, 1));
    const end = new Date(Date.UTC(start.getUTCFullYear() + (yearly ? 1 : 0), start.getUTCMonth() + (yearly ? 0 : 1), 1));
    const title = (n: number, what: string): string => `${dateFormat.format(start)}: ${nf.format(n)} ${w.messages} ${what} / ${nf.format(p.messages)}`;
    return [
      { start, end, series: w.withTrackers, value: p.withTrackers, title: title(p.withTrackers, w.withTrackers) },
      { start, end, series: w.withoutTrackers, value: p.messages - p.withTrackers, title: title(p.messages - p.withTrackers, w.withoutTrackers) },
    ];
  });
  const notes = [fill(w.overTimeNote, { unit: yearly ? w.byYear : w.byMonth })];
  if (s.undated.messages > 0) notes.push(fill(plural(w.undatedNote, s.undated.messages, ctx.locale), { t: nf.format(s.undated.withTrackers) }));
  const body =
    rows.length === 0
      ? nothing(ctx)
      : outer(
          Plot.plot({
            document: documentFor(),
            width: WIDTH,
            height: 260,
            marginLeft: 56,
            marginRight: 36,
            style: { fontSize: '11px' },
            x: { type: 'utc', label: null, tickFormat: (d: Date) => dateFormat.format(d) },
            y: { grid: true, label: w.messages, ticks: countTicks(Math.max(...[...periods.values()].map((p) => p.messages))), tickFormat: (n: number) => nf.format(n) },
            color: { domain: [w.withTrackers, w.withoutTrackers], range: ['#d6452f', '#c9ced6'], legend: true },
            marks: [
              Plot.rectY(rows, { x1: 'start', x2: 'end', y: 'value', fill: 'series', order: [w.withTrackers, w.withoutTrackers], inset: 0.5, title: 'title' }),
              Plot.ruleY([0]),
            ],
          }),
        );
  return figure('chart-time', w.overTime, notes.join(' '), body);
}

/**
 * The most frequent vendors by the number of messages they appear in, coloured by category.
 *
 * @example
 * vendorsChart(summary, ctx);
 */
export function vendorsChart(s: Summary, ctx: ChartContext): string {
  const w = ctx.words;
  const top = s.vendors.slice(0, TOP);
  const categories = [...new Set(top.map((v) => termOf(w.category, v.category)))];
  const rows = top.map((v) => ({ label: vendorName(w, v.name), series: termOf(w.category, v.category), value: v.messages }));
  const note = fill(w.vendorsNote, { n: top.length, total: s.vendors.length });
  return figure('chart-vendors', w.vendors, note, stackedBars(rows, categories, PALETTE, ctx));
}

/**
 * Messages with a tracker of each vendor category.
 *
 * @example
 * categoriesChart(summary, ctx);
 */
export function categoriesChart(s: Summary, ctx: ChartContext): string {
  const w = ctx.words;
  const rows = s.categories.map((c) => ({ label: termOf(w.category, c.category), series: w.messages, value: c.messages }));
  return figure('chart-categories', w.categories, w.categoriesNote, stackedBars(rows, [w.messages], ['#4269d0'], ctx));
}

/**
 * Findings by category, split into first and third party.
 *
 * @example
 * partyChart(summary, ctx);
 */
export function partyChart(s: Summary, ctx: ChartContext): string {
  const w = ctx.words;
  const rows = s.categories.flatMap((c) => [
    { label: termOf(w.category, c.category), series: w.firstParty, value: c.firstParty },
    { label: termOf(w.category, c.category), series: w.thirdParty, value: c.thirdParty },
  ]);
  return figure('chart-party', w.party, w.partyNote, stackedBars(rows, [w.firstParty, w.thirdParty], ['#6cc5b0', '#d6452f'], ctx));
}

/**
 * Findings by category, split into individual and aggregate measurement.
 *
 * @example
 * measurementChart(summary, ctx);
 */
export function measurementChart(s: Summary, ctx: ChartContext): string {
  const w = ctx.words;
  const rows = s.categories.flatMap((c) => [
    { label: termOf(w.category, c.category), series: w.individual, value: c.individual },
    { label: termOf(w.category, c.category), series: w.aggregate, value: c.aggregate },
  ]);
  return figure('chart-measurement', w.measurement, w.measurementNote, stackedBars(rows, [w.individual, w.aggregate], ['#a463f2', '#97bbf5'], ctx));
}

/** The first `n` names by total, and `other` for the rest. */
function topNames(totals: ReadonlyMap<string, number>, n: number, other: string): { keep: Set<string>; series: string[] } {
  const sorted = [...totals].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
  const keep = new Set(sorted.slice(0, n));
  return { keep, series: sorted.length > n ? [...keep, other] : [...keep] };
}

/**
 * Findings that send the address, by encoding, stacked by vendor (the eight most frequent).
 *
 * @example
 * leaksChart(summary, ctx);
 */
export function leaksChart(s: Summary, ctx: ChartContext): string {
  const w = ctx.words;
  const other = w.others;
  const totals = new Map<string, number>();
  for (const e of s.leaks.byEncoding) for (const v of e.vendors) totals.set(v.vendor, (totals.get(v.vendor) ?? 0) + v.findings);
  const { keep, series } = topNames(totals, 8, other);
  const rows = s.leaks.byEncoding.slice(0, TOP).flatMap((e) => {
    const by = new Map<string, number>();
    for (const v of e.vendors) {
      const k = keep.has(v.vendor) ? v.vendor : other;
      by.set(k, (by.get(k) ?? 0) + v.findings);
    }
    return series.filter((k) => by.has(k)).map((k) => ({ label: e.encoding, series: vendorName(w, k), value: by.get(k) ?? 0 }));
  });
  const nf = new Intl.NumberFormat(ctx.locale);
  const inLinks = s.leaks.inLinks.reduce((n, l) => n + l.links, 0);
  const links = inLinks === 0 ? '' : fill(w.linkLeaksNote, { n: nf.format(inLinks), list: s.leaks.inLinks.map((l) => `${l.encoding} ${nf.format(l.links)}`).join(', ') });
  return figure('chart-leaks', w.leaks, fill(w.leaksNote, { links }).trim(), stackedBars(rows, series.map((k) => vendorName(w, k)), PALETTE, ctx));
}

/**
 * Flagged findings of the senders with the most, stacked by flag code (the eight most frequent).
 *
 * @example
 * flagsChart(summary, ctx);
 */
export function flagsChart(s: Summary, ctx: ChartContext): string {
  const w = ctx.words;
  const other = w.others;
  const flagged = s.senders
    .map((x) => ({ domain: x.domain, flags: x.flags, total: x.flags.reduce((n, f) => n + f.findings, 0) }))
    .filter((x) => x.total > 0)
    .sort((a, b) => b.total - a.total || (a.domain < b.domain ? -1 : 1))
    .slice(0, TOP);
  const { keep, series } = topNames(new Map(s.flags.map((f) => [f.code, f.findings])), 8, other);
  const rows = flagged.flatMap((x) => {
    const by = new Map<string, number>();
    for (const f of x.flags) {
      const k = keep.has(f.code) ? f.code : other;
      by.set(k, (by.get(k) ?? 0) + f.findings);
    }
    return series.filter((k) => by.has(k)).map((k) => ({ label: x.domain, series: k, value: by.get(k) ?? 0 }));
  });
  return figure('chart-flags', w.flags, fill(w.flagsNote, { n: flagged.length }), stackedBars(rows, series, PALETTE, ctx));
}
