/**
 * DOM for the demo page. Message content is only ever put in text nodes or in the sandboxed
 * preview frame, never parsed as HTML into the page itself.
 */
import type { Finding, Report, ScanError } from '../src/browser/index.js';
import type { UiText } from './i18n.js';

type Child = Node | string | null;

/** An element with attributes and children (strings become text nodes). */
export function el(tag: string, attrs: Readonly<Record<string, string>> = {}, ...children: Child[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) if (c !== null) e.append(c);
  return e;
}

function findingCard(f: Finding, t: UiText): HTMLElement {
  const who = f.vendor?.name ?? f.host;
  const leaks = f.leaks.length === 0 ? null : el('p', { class: 'leaks' }, `${t.leaks}: ${[...new Set(f.leaks.map((l) => l.encoding))].join(', ')}`);
  return el(
    'li',
    { class: `finding ${f.confidence}`, 'data-kind': f.kind, 'data-vendor': f.vendor?.id ?? '' },
    el('h3', {}, el('span', { class: 'badge' }, t.kind[f.kind]), ' ', who, ' ', el('span', { class: 'confidence' }, `(${t.confidence[f.confidence]})`)),
    el('p', { class: 'explanation' }, f.explanation),
    leaks,
    el('p', { class: 'url' }, f.url.length > 140 ? `${f.url.slice(0, 140)}…` : f.url),
  );
}

function problems(errors: readonly ScanError[], t: UiText): HTMLElement | null {
  if (errors.length === 0) return null;
  return el('details', { class: 'problems' }, el('summary', {}, `${t.problems} (${errors.length})`), el('ul', {}, ...errors.map((e) => el('li', {}, `${e.code}: ${e.message}`))));
}

/**
 * The findings column: summary, message headers when known, one card per finding, problems.
 *
 * @example
 * results.replaceChildren(renderReport(report, TEXT.en));
 */
export function renderReport(report: Report, t: UiText): HTMLElement {
  const leaks = report.findings.reduce((n, f) => n + f.leaks.length, 0);
  const head = report.message.subject !== null || report.message.from !== null
    ? el('dl', { class: 'message' }, el('dt', {}, t.from), el('dd', {}, report.message.from ?? '—'), el('dt', {}, t.subject), el('dd', {}, report.message.subject ?? '—'))
    : null;
  const list = report.findings.length === 0 ? el('p', { class: 'none' }, t.none) : el('ol', { class: 'findings' }, ...report.findings.map((f) => findingCard(f, t)));
  return el('section', { class: 'report' }, el('h2', {}, t.findings), el('p', { class: 'summary' }, t.summary(report.findings.length, leaks)), head, list, problems(report.errors, t));
}

/** Allows inline styles and embedded images only: no request can leave the preview. */
const PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'none'";

/**
 * The preview document: the sanitised HTML with a CSP `<meta>` first in its head (after a
 * doctype, so the rendering mode is the message's own).
 *
 * @example
 * previewDocument('<!doctype html><p>hi</p>'); // '<!doctype html><meta http-equiv=…><p>hi</p>'
 */
export function previewDocument(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${PREVIEW_CSP}">`;
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
  return doctype === null ? meta + html : doctype[0] + meta + html.slice(doctype[0].length);
}

/**
 * A sandboxed frame (no scripts, no forms, no navigation, unique origin) showing the document.
 *
 * @example
 * preview.append(previewFrame(clean.html, 'Part 1'));
 */
export function previewFrame(html: string, title: string): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', '');
  frame.setAttribute('referrerpolicy', 'no-referrer');
  frame.title = title;
  frame.srcdoc = previewDocument(html);
  return frame;
}
