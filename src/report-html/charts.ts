/**
 * The report's ranked charts: vendors, categories, party, measurement, leaks and flags, each a
 * pure function of the summary (data in, an HTML section with an inline SVG out).
 */
import type { Summary } from '../batch/summary-data.js';
import { fill, formats, termOf, vendorName } from './i18n.js';
import { figure, PALETTE, stackedBars, TOP, type ChartContext } from './plot.js';

export { overTimeChart } from './time-chart.js';

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
  const nf = formats(ctx.locale).number;
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
