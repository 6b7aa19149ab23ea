/**
 * The HTML report as text: self-contained (no URL that a browser would load, one script allowed
 * by hash in a CSP that forbids every request), hostile NDJSON text escaped everywhere, both
 * languages, and the same page for the same input.
 */
import fc from 'fast-check';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { Tally } from '../src/batch/aggregate.js';
import { outlineOf } from '../src/batch/outline.js';
import { summaryOf, type Summary } from '../src/batch/summary-data.js';
import { renderReport, type RenderOptions } from '../src/report-html/render.js';
import { SORT_SCRIPT, SORT_SCRIPT_HASH } from '../src/report-html/sort-script.js';
import type { Report } from '../src/types.js';
import { syntheticReports } from './helpers/synthetic-ndjson.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const OPTIONS: RenderOptions = { lang: 'en', inputs: ['scan.ndjson'], problems: [], problemCount: 0, generatedAt: null };

function summaryFrom(reports: readonly Report[]): Summary {
  const t = new Tally();
  for (const r of reports) t.add(outlineOf(r));
  return summaryOf(t);
}

function elements(node: Node, out: Element[] = []): Element[] {
  if ('tagName' in node) out.push(node);
  const kids = 'childNodes' in node ? node.childNodes : [];
  for (const k of kids) elements(k, out);
  if ('content' in node && node.content !== undefined) elements(node.content as unknown as Node, out);
  return out;
}

/** Attributes whose value a browser would fetch or run. */
const LOADING = new Set(['src', 'srcset', 'href', 'xlink:href', 'action', 'formaction', 'poster', 'data', 'background']);

function audit(html: string): { tags: Set<string>; scripts: string[]; loads: string[]; handlers: string[] } {
  const all = elements(parse(html) as unknown as Node);
  const loads: string[] = [];
  const handlers: string[] = [];
  for (const el of all) {
    for (const a of el.attrs) {
      if (a.name.startsWith('on')) handlers.push(`${el.tagName} ${a.name}`);
      // In-page anchors are the only links; nothing else may point anywhere.
      if (LOADING.has(a.name) && !(el.tagName === 'a' && a.name === 'href' && a.value.startsWith('#'))) loads.push(`${el.tagName} ${a.name}=${a.value}`);
      if (a.name === 'style' && /url\(/i.test(a.value)) loads.push(`${el.tagName} style=${a.value}`);
    }
  }
  const text = (e: Element): string => e.childNodes.map((c) => ('value' in c ? String(c.value) : '')).join('');
  const scripts = all.filter((e) => e.tagName === 'script').map(text);
  for (const css of all.filter((e) => e.tagName === 'style').map(text)) if (/url\(|@import/i.test(css)) loads.push(`style ${css}`);
  return { tags: new Set(all.map((e) => e.tagName)), scripts, loads, handlers };
}

const samples = syntheticReports(400);

describe('renderReport', () => {
  const html = renderReport(summaryFrom(samples), OPTIONS);

  it('is self-contained: no URL to load, one script, allowed by hash in a CSP that forbids requests', () => {
    const a = audit(html);
    expect(a.loads).toEqual([]);
    expect(a.handlers).toEqual([]);
    expect(a.scripts).toEqual([SORT_SCRIPT]);
    expect(a.tags.has('link')).toBe(false);
    expect(a.tags.has('img')).toBe(false);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src ${SORT_SCRIPT_HASH};`);
  });

  it('has its seven charts as inline SVG and one table row per sender', () => {
    for (const id of ['chart-time', 'chart-vendors', 'chart-categories', 'chart-party', 'chart-measurement', 'chart-leaks', 'chart-flags']) {
      expect(html).toMatch(new RegExp(`<section id="${id}"><h2>[^<]+</h2><figure class="chart">.*?<svg `, 's'));
    }
    const body = html.slice(html.indexOf('<table id="senders"'), html.indexOf('</table>', html.indexOf('<table id="senders"')));
    expect(body.split('<tr>').length - 2).toBe(summaryFrom(samples).senders.length);
  });

  it('gives the same page for the same input', () => {
    expect(renderReport(summaryFrom(samples), OPTIONS)).toBe(html);
  });

  it('speaks French with --lang fr', () => {
    const fr = renderReport(summaryFrom(samples), { ...OPTIONS, lang: 'fr' });
    expect(fr).toContain('<html lang="fr">');
    for (const t of ['Rapport spypixel', 'Messages avec traqueurs au fil du temps', 'Principaux fournisseurs', 'Expéditeur ou tiers', 'Mesure individuelle ou agrégée', 'Fuites de l’adresse', 'Alertes par expéditeur', 'Domaine de l’expéditeur', 'routeur d’e-mails']) {
      expect(fr).toContain(t);
    }
    for (const t of ['Top vendors', 'Sender domain', 'with trackers', 'email service provider', 'First or third party']) expect(fr).not.toContain(t);
  });

  it('draws archives that span centuries by year, years before 100 included', () => {
    const old = syntheticReports(5, 3).map((r, i) => ({ ...r, message: { ...r.message, date: i % 2 === 0 ? '0050-03-01T00:00:00.000Z' : '2026-01-01T00:00:00.000Z' } }));
    const page = renderReport(summaryFrom(old), OPTIONS);
    expect(page).toContain('year: the archive spans more than five years');
    expect(page).toMatch(/<title>50: \d+ messages/);
  });

  it('lists the input lines it skipped', () => {
    const page = renderReport(summaryFrom([]), { ...OPTIONS, problems: [{ file: 'a.ndjson', line: 3, code: 'invalid-json', message: 'Unexpected <token>' }], problemCount: 2 });
    expect(page).toContain('<code>a.ndjson:3</code> <code>invalid-json</code> Unexpected &lt;token&gt;');
    expect(page).toContain('2 lines could not be read as reports');
  });

  // Every text comes from NDJSON anyone may have written: whatever it holds, it stays text.
  it('escapes hostile subjects, domains, vendor names, URLs, codes and sources everywhere', () => {
    const hostile = fc.constantFrom(
      '<script>alert(1)</script>',
      '"><img src=https://evil.example/x.gif onerror=alert(1)>',
      "'><svg onload=alert(1)>",
      '</code></li></ul><iframe src="https://evil.example/">',
      '<style>@import url(https://evil.example/x.css)</style>',
      '&lt;b&gt; & <a href="https://evil.example/">',
    );
    fc.assert(
      fc.property(hostile, hostile, hostile, hostile, fc.string(), (a, b, c, d, e) => {
        const base = syntheticReports(3, 7);
        const reports: Report[] = base.map((r) => ({
          ...r,
          source: `${a}${e}`,
          message: { ...r.message, senderDomain: b, subject: c },
          findings: r.findings.map((f) => ({ ...f, url: d, host: a, vendor: { id: c, name: d, category: 'esp' }, flags: [{ code: b, message: '' }], leaks: [{ encoding: c, location: d, address: '' }] })),
          errors: [{ code: 'unknown-charset', message: a }],
        }));
        for (const lang of ['en', 'fr'] as const) {
          const page = renderReport(summaryFrom(reports), { ...OPTIONS, lang, inputs: [e], problems: [{ file: a, line: 1, code: b, message: c }], problemCount: 1 });
          const x = audit(page);
          expect(x.loads).toEqual([]);
          expect(x.handlers).toEqual([]);
          expect(x.scripts).toEqual([SORT_SCRIPT]);
          for (const tag of ['img', 'iframe', 'link']) expect(x.tags.has(tag)).toBe(false);
        }
      }),
      { seed: 13, numRuns: 30 },
    );
  });
});
