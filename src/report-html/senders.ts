/**
 * The per-sender table and its drill-down: one table row per sender domain, and below the table
 * one section per sender with the messages kept for it. Links between them are plain anchors, so
 * the drill-down works without script and prints as it reads.
 */
import type { SenderSummary, Summary } from '../batch/summary-data.js';
import type { FindingRow, MessageRow } from '../batch/senders.js';
import { esc } from './escape.js';
import { fill, formats, plural, termOf, vendorName, type Words } from './i18n.js';

/**
 * Words and formats the tables need.
 *
 * @example
 * const c: TableContext = { words: wordsFor('en'), locale: 'en-GB' };
 */
export interface TableContext {
  readonly words: Words;
  readonly locale: string;
}

const VENDORS_SHOWN = 3;
const FLAGS_SHOWN = 3;

/** The id of a sender's drill-down section: its rank, so any domain text gives a valid id. */
const anchorOf = (rank: number): string => `sender-${rank + 1}`;

function cell(value: string, sort: string | number, cls = ''): string {
  return `<td${cls === '' ? '' : ` class="${cls}"`} data-sort="${esc(String(sort))}">${value}</td>`;
}

function listCell(items: ReadonlyArray<{ name: string; n: number }>, shown: number, ctx: TableContext): string {
  const nf = formats(ctx.locale).number;
  const head = items.slice(0, shown).map((x) => `${esc(x.name)} <span class="n">${nf.format(x.n)}</span>`);
  if (items.length > shown) head.push(`<span class="more">${esc(fill(ctx.words.more, { n: items.length - shown }))}</span>`);
  return head.join('<br>');
}

function senderRow(s: SenderSummary, rank: number, ctx: TableContext): string {
  const nf = formats(ctx.locale).number;
  const pf = formats(ctx.locale).percent;
  const name = s.shown.length > 0 ? `<a href="#${anchorOf(rank)}">${esc(s.domain)}</a>` : esc(s.domain);
  const flagTotal = s.flags.reduce((n, f) => n + f.findings, 0);
  return [
    `<tr>`,
    cell(name, s.domain, 'sender'),
    cell(nf.format(s.messages), s.messages, 'num'),
    cell(pf.format(s.trackedShare), s.trackedShare.toFixed(6), 'num'),
    cell(listCell(s.vendors.map((v) => ({ name: vendorName(ctx.words, v.name), n: v.messages })), VENDORS_SHOWN, ctx), s.vendors.length),
    cell(nf.format(s.leaks), s.leaks, 'num'),
    cell(listCell(s.flags.map((f) => ({ name: f.code, n: f.findings })), FLAGS_SHOWN, ctx), flagTotal, 'codes'),
    `</tr>`,
  ].join('');
}

/**
 * The per-sender table, sorted by messages (largest first). Each cell carries `data-sort`, which
 * the page's optional script sorts on.
 *
 * @example
 * senderTable(summary, ctx); // '<table id="senders">…</table>'
 */
export function senderTable(s: Summary, ctx: TableContext): string {
  const w = ctx.words;
  const heads: Array<[string, string]> = [
    [w.colSender, 'text'],
    [w.colMessages, 'num'],
    [w.colTracked, 'num'],
    [w.colVendors, 'num'],
    [w.colLeaks, 'num'],
    [w.colFlags, 'num'],
  ];
  const th = heads.map(([t, type], i) => `<th scope="col" data-type="${type}"${i === 1 ? ' aria-sort="descending"' : ''}>${esc(t)}</th>`).join('');
  const rows = s.senders.map((x, i) => senderRow(x, i, ctx)).join('\n');
  return `<table id="senders" class="sortable"><thead><tr>${th}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

function findingItem(f: FindingRow, ctx: TableContext): string {
  const w = ctx.words;
  const notes = [
    termOf(w.confidence, f.confidence),
    f.thirdParty ? w.thirdParty : w.firstParty,
    f.measurement === 'individual' ? w.individual : w.aggregate,
    ...f.leaks.map((l) => {
      const at = l.indexOf('@');
      return fill(w.addressAs, { encoding: l.slice(0, at), location: l.slice(at + 1) });
    }),
  ];
  const flags = f.flags.map((c) => `<code class="flag">${esc(c)}</code>`).join(' ');
  return `<li><strong>${esc(f.vendor ?? f.host)}</strong> · ${esc(termOf(w.kind, f.kind))} · ${esc(notes.join(' · '))}${flags === '' ? '' : ` ${flags}`}<br><code class="url">${esc(f.url)}</code></li>`;
}

function messageItem(m: MessageRow, ctx: TableContext): string {
  const w = ctx.words;
  const items = [
    ...m.findings.map((f) => findingItem(f, ctx)),
    ...m.linkLeaks.map((l) => {
      const at = l.indexOf('@');
      return `<li>${esc(fill(w.linkLeak, { encoding: l.slice(0, at), host: l.slice(at + 1) }))}</li>`;
    }),
    ...m.errors.map((e) => `<li class="error">${esc(w.error)} <code>${esc(e)}</code></li>`),
  ];
  const date = m.date === null ? w.noDate : m.date.slice(0, 10);
  return `<li class="message"><p><span class="date">${esc(date)}</span> <strong>${esc(m.subject ?? w.noSubject)}</strong><br><code class="source">${esc(m.source)}</code></p><ul>${items.join('')}</ul></li>`;
}

/**
 * One section per sender with kept messages, each linked from the table and back.
 *
 * @example
 * drillDown(summary, ctx); // '<section id="sender-1">…</section>…'
 */
export function drillDown(s: Summary, ctx: TableContext): string {
  const w = ctx.words;
  return s.senders
    .map((x, rank) => {
      if (x.shown.length === 0) return '';
      const more = x.notShown > 0 ? `<p class="more">${esc(plural(w.notShown, x.notShown, ctx.locale))}</p>` : '';
      const counts = `${plural(w.nMessages, x.messages, ctx.locale)}, ${w.withTrackers} ${formats(ctx.locale).number.format(x.withTrackers)}`;
      return `<section class="sender" id="${anchorOf(rank)}"><h3>${esc(x.domain)} <span class="counts">${esc(counts)}</span> <a class="back" href="#senders">${esc(w.backToTable)}</a></h3><ol>${x.shown
        .map((m) => messageItem(m, ctx))
        .join('')}</ol>${more}</section>`;
    })
    .join('\n');
}
