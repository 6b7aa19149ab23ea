/**
 * The report's style sheet: one column that reads on a screen and prints on A4 or Letter (charts
 * and table rows are not split across pages, links and buttons are hidden or plain on paper).
 */

/**
 * The CSS of the report page.
 *
 * @example
 * `<style>${REPORT_CSS}</style>`;
 */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1d2330; --muted: #5b6373; --line: #d9dde4; --accent: #d6452f; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 64rem; padding: 1.5rem; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2.2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.02rem; margin: 0 0 .2rem; }
p { margin: .3rem 0; }
.lead { color: var(--muted); margin-bottom: 1rem; }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr)); gap: .6rem; margin: 1rem 0; padding: 0; list-style: none; }
.stats li { border: 1px solid var(--line); border-radius: .5rem; padding: .55rem .75rem; }
.stats b { display: block; font-size: 1.45rem; font-variant-numeric: tabular-nums; }
.stats .alert b { color: var(--accent); }
nav ol { columns: 2; padding-left: 1.2rem; margin: .4rem 0; }
figure.chart { margin: 1.2rem 0 1.8rem; break-inside: avoid; }
figcaption p { color: var(--muted); font-size: .9rem; }
figure.chart svg { max-width: 100%; height: auto; }
.nothing { color: var(--muted); font-style: italic; }
table { border-collapse: collapse; width: 100%; font-size: .88rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
th { position: sticky; top: 0; background: #f4f5f7; white-space: nowrap; }
th button { font: inherit; font-weight: 600; border: 0; background: none; padding: 0; cursor: pointer; color: inherit; }
th[aria-sort="descending"] button::after { content: " ▾"; }
th[aria-sort="ascending"] button::after { content: " ▴"; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.sender { overflow-wrap: anywhere; }
td .n { color: var(--muted); font-variant-numeric: tabular-nums; }
td .more, p.more { color: var(--muted); font-size: .85em; }
td.codes { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .8rem; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .82em; }
code.url, code.source { color: var(--muted); overflow-wrap: anywhere; }
code.flag { background: #fdecea; color: #8a2a1c; padding: 0 .25em; border-radius: .2em; }
section.sender { margin: 1rem 0 1.4rem; }
section.sender h3 { display: flex; gap: 1rem; align-items: baseline; overflow-wrap: anywhere; }
a.back, .counts { font-size: .8rem; font-weight: normal; }
.counts { color: var(--muted); }
td.sender { min-width: 11rem; }
ol { padding-left: 1.4rem; }
li.message { margin-bottom: .6rem; }
li.message ul { padding-left: 1.1rem; margin: .2rem 0; }
li.message li { margin: .15rem 0; }
.date { font-variant-numeric: tabular-nums; color: var(--muted); }
li.error { color: #8a2a1c; }
footer { margin-top: 2.5rem; padding-top: .6rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .82rem; }
@media print {
  @page { margin: 14mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav, a.back { display: none; }
  a { color: inherit; text-decoration: none; }
  th { position: static; }
  tr, li.message, .stats li { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
`;
