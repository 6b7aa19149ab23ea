/**
 * The report's time chart: messages with and without trackers by month of the Date header.
 */
import * as Plot from '@observablehq/plot';
import type { Summary } from '../batch/summary-data.js';
import { fill, formats, plural } from './i18n.js';
import { countTicks, documentFor, figure, nothing, outer, WIDTH, type ChartContext } from './plot.js';

/** The first day of a month; years before 100 stay themselves (`Date.UTC` would add 1900). */
function utcMonth(year: number, month: number): Date {
  const d = new Date(Date.UTC(2000, month, 1));
  d.setUTCFullYear(year + Math.floor(month / 12), ((month % 12) + 12) % 12, 1);
  return d;
}

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
  const nf = formats(ctx.locale).number;
  const rows = [...periods].flatMap(([key, p]) => {
    const start = utcMonth(Number(key.slice(0, 4)), yearly ? 0 : Number(key.slice(5)) - 1);
    const end = yearly ? utcMonth(start.getUTCFullYear() + 1, 0) : utcMonth(start.getUTCFullYear(), start.getUTCMonth() + 1);
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
