/**
 * The researcher's report: one self-contained HTML page from a run's {@link Summary}. Charts are
 * inline SVG drawn at build time, the style sheet is inline, the only script is optional (column
 * sorting), and a Content-Security-Policy forbids every request, so the page shows everything
 * with scripts off, offline, and on paper. Pure: summary in, text out.
 */
import type { Summary } from '../batch/summary-data.js';
import type { Language } from '../types.js';
import { categoriesChart, flagsChart, leaksChart, measurementChart, overTimeChart, partyChart, vendorsChart } from './charts.js';
import { esc } from './escape.js';
import { fill, formats, plural, wordsFor, type Words } from './i18n.js';
import { drillDown, senderTable } from './senders.js';
import { SORT_SCRIPT, SORT_SCRIPT_HASH } from './sort-script.js';
import { REPORT_CSS } from './style.js';

/**
 * An NDJSON line that was not counted, as the report lists it.
 *
 * @example
 * const p: InputProblem = { file: 'scan.ndjson', line: 17, code: 'invalid-json', message: 'Unexpected end of JSON input' };
 */
export interface InputProblem {
  readonly file: string;
  /** 1-based line number, or 0 for the whole file. */
  readonly line: number;
  readonly code: string;
  readonly message: string;
}

/**
 * Options of {@link renderReport}.
 *
 * @example
 * const o: RenderOptions = { lang: 'fr', inputs: ['scan.ndjson'], problems: [], problemCount: 0, generatedAt: '2026-03-01' };
 */
export interface RenderOptions {
  readonly lang: Language;
  /** Names of the NDJSON files, for the footer. */
  readonly inputs: readonly string[];
  /** The first problems met (the report lists these). */
  readonly problems: readonly InputProblem[];
  /** How many lines were skipped in all. */
  readonly problemCount: number;
  /** A date for the footer (left out when `null`, so the same input gives the same page). */
  readonly generatedAt: string | null;
}

const LOCALE: Readonly<Record<Language, string>> = { en: 'en-GB', fr: 'fr-FR' };

function stats(s: Summary, w: Words, locale: string): string {
  const nf = formats(locale).number;
  const pf = formats(locale).percent;
  const t = s.totals;
  const share = t.messages === 0 ? 0 : t.withTrackers / t.messages;
  const word = (forms: { readonly one: string; readonly other: string }, n: number): string => plural(forms, n, locale);
  const items: Array<[string, string, boolean]> = [
    [nf.format(t.messages), word(w.statMessages, t.messages), false],
    [nf.format(t.withTrackers), `${pf.format(share)} ${w.withTrackers}`, t.withTrackers > 0],
    [nf.format(t.findings), word(w.statFindings, t.findings), false],
    [nf.format(t.messagesWithLeaks), w.withLeaks, t.messagesWithLeaks > 0],
    [nf.format(t.senders), word(w.statSenders, t.senders), false],
    [nf.format(t.errors), word(w.statErrors, t.errors), false],
  ];
  return `<ul class="stats">${items.map(([n, l, alert]) => `<li${alert ? ' class="alert"' : ''}><b>${esc(n)}</b>${esc(l)}</li>`).join('')}</ul>`;
}

function identifiers(s: Summary, w: Words, locale: string): string {
  if (s.identifiers.length === 0) return `<p class="nothing">${esc(w.nothing)}</p>`;
  const nf = formats(locale).number;
  const rows = s.identifiers
    .map(
      (x) =>
        `<tr><td><code class="url">${esc(x.template)}</code></td><td>${esc(x.vendor ?? x.kind)}</td><td>${esc(x.sender ?? '')}</td><td class="num">${nf.format(
          x.messages,
        )}</td><td><code>${esc(x.perRecipient.join(', '))}</code></td></tr>`,
    )
    .join('\n');
  const more = s.limits.identifierTemplatesNotShown > 0 ? `<p class="more">${esc(plural(w.identifiersNotShown, s.limits.identifierTemplatesNotShown, locale))}</p>` : '';
  return `<table><thead><tr><th>${esc(w.colTemplate)}</th><th>${esc(w.colVendor)}</th><th>${esc(w.colSender)}</th><th>${esc(w.colMessages)}</th><th>${esc(
    w.colPerRecipient,
  )}</th></tr></thead><tbody>\n${rows}\n</tbody></table>${more}`;
}

function problems(o: RenderOptions, w: Words, locale: string): string {
  if (o.problemCount === 0) return '';
  const items = o.problems.map((p) => `<li><code>${esc(p.file)}${p.line > 0 ? `:${p.line}` : ''}</code> <code>${esc(p.code)}</code> ${esc(p.message)}</li>`).join('');
  const more = o.problemCount > o.problems.length ? `<li>…</li>` : '';
  return `<section id="problems"><h2>${esc(w.problems)}</h2><p>${esc(plural(w.problemsNote, o.problemCount, locale))}</p><ul>${items}${more}</ul></section>`;
}

/**
 * The report page.
 *
 * @example
 * const html = renderReport(summaryOf(tally), { lang: 'en', inputs: ['scan.ndjson'], problems: [], problemCount: 0, generatedAt: null });
 */
export function renderReport(s: Summary, o: RenderOptions): string {
  const w = wordsFor(o.lang);
  const locale = LOCALE[o.lang];
  const ctx = { words: w, locale };
  const nf = formats(locale).number;
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src ${SORT_SCRIPT_HASH}; base-uri 'none'; form-action 'none'`;
  const charts = [overTimeChart, vendorsChart, categoriesChart, partyChart, measurementChart, leaksChart, flagsChart].map((chart) => chart(s, ctx));
  const capped = s.totals.senders >= s.limits.senders ? `<p class="more">${esc(fill(w.capped, { n: nf.format(s.limits.senders) }))}</p>` : '';
  const inputs = o.inputs.length === 1 ? (o.inputs[0] ?? '') : `${o.inputs.length} NDJSON`;
  const footer = fill(w.footer, { inputs, when: o.generatedAt === null ? '' : fill(w.on, { date: o.generatedAt }) });
  const toc = [
    ['chart-time', w.overTime],
    ['chart-vendors', w.vendors],
    ['chart-categories', w.categories],
    ['chart-party', w.party],
    ['chart-measurement', w.measurement],
    ['chart-leaks', w.leaks],
    ['chart-flags', w.flags],
    ['senders-section', w.senders],
    ['identifiers', w.identifiers],
    ['messages', w.messagesBySender],
  ];
  return `<!doctype html>
<html lang="${o.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="spypixel">
<title>${esc(w.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>${esc(w.title)}</h1>
<p class="lead">${esc(fill(w.lead, { messages: plural(w.nMessages, s.totals.messages, locale), senders: plural(w.nSenders, s.totals.senders, locale) }))}</p>
${stats(s, w, locale)}
<nav><ol>${toc.map(([id, t]) => `<li><a href="#${id}">${esc(t ?? '')}</a></li>`).join('')}</ol></nav>
</header>
<main>
${charts.join('\n')}
<section id="senders-section"><h2>${esc(w.senders)}</h2><p class="lead">${esc(w.sendersNote)}</p>${capped}
${senderTable(s, ctx)}
</section>
<section id="identifiers"><h2>${esc(w.identifiers)}</h2><p class="lead">${esc(w.identifiersNote)}</p>${identifiers(s, w, locale)}</section>
<section id="messages"><h2>${esc(w.messagesBySender)}</h2><p class="lead">${esc(fill(w.messagesBySenderNote, { n: s.limits.messagesPerSender }))}</p>
${drillDown(s, ctx)}
</section>
${problems(o, w, locale)}
</main>
<footer><p>${esc(footer)}</p></footer>
<script>${SORT_SCRIPT}</script>
</body>
</html>
`;
}
