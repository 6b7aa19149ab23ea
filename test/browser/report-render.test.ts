/**
 * The researcher's report in a real browser: Debian's headless Chromium opens the pages that
 * `spypixel report` wrote for a scan of the samples and for a generated 10,000-message archive,
 * with every request intercepted and recorded. Each page must make no request, draw its seven
 * charts, show the per-sender table with the right figures, link each sender to its drill-down,
 * read the same with scripts off, sort with them on, and give a screenshot that is not blank.
 *
 * Skipped, with a notice, when /usr/bin/chromium is absent (CI installs it: .ci/install-chromium.sh).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../../src/batch/summary-data.js';
import { syntheticNdjson } from '../helpers/synthetic-ndjson.js';
import { decodePng } from './png.js';

const CHROMIUM = '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
if (!present) console.warn(`[report-render] SKIPPED: ${CHROMIUM} is absent (npm test installs it when it can; CI does)`);

const CHARTS = ['chart-time', 'chart-vendors', 'chart-categories', 'chart-party', 'chart-measurement', 'chart-leaks', 'chart-flags'];

interface Built {
  readonly name: string;
  readonly html: string;
  readonly summary: Summary;
}

let tmp = '';
let browser: Browser;
const built: Built[] = [];
/** Every request any page tried, intercepted before it could leave. */
const requests: string[] = [];

function run(args: string[]): void {
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`spypixel ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
}

function build(name: string, ndjson: string): Built {
  const html = join(tmp, `${name}.html`);
  const summary = join(tmp, `${name}.json`);
  run(['report', ndjson, '-o', html, '--summary-json', summary, '-q']);
  return { name, html: readFileSync(html, 'utf8'), summary: JSON.parse(readFileSync(summary, 'utf8')) as Summary };
}

beforeAll(async () => {
  if (!present) return;
  tmp = mkdtempSync(join(tmpdir(), 'spypixel-report-browser-'));
  const samples = join(tmp, 'samples.ndjson');
  run(['scan', 'samples', '--format', 'ndjson', '-o', samples, '-q', '--fail-on', 'none']);
  built.push(build('samples', samples));
  const big = join(tmp, 'archive-10000.ndjson');
  writeFileSync(big, syntheticNdjson(10_000));
  built.push(build('archive-10000', big));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (tmp !== '') rmSync(tmp, { recursive: true, force: true });
});

async function open(html: string, javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 1000 }, javaScriptEnabled });
  await context.route('**/*', (route) => {
    requests.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  await page.setContent(html, { waitUntil: 'load' });
  return page;
}

async function tableRows(page: Page): Promise<string[][]> {
  return page.$$eval('#senders tbody tr', (rows) => rows.map((r) => Array.from(r.querySelectorAll('td'), (td) => td.textContent ?? '')));
}

describe.skipIf(!present)('the report in Chromium', { timeout: 180_000 }, () => {
  it.each(['samples', 'archive-10000'])('%s: no request, seven charts, the right table, drill-down links', async (name) => {
    const b = built.find((x) => x.name === name) as Built;
    const before = requests.length;
    const page = await open(b.html, true);

    for (const id of CHARTS) {
      const bars = await page.$$eval(`#${id} svg[viewBox] rect`, (rs) => rs.filter((r) => r.getBoundingClientRect().width > 0 && r.getBoundingClientRect().height > 0).length);
      expect(bars, id).toBeGreaterThan(0);
      expect(await page.$eval(`#${id} svg[viewBox]`, (svg) => svg.getBoundingClientRect().height), id).toBeGreaterThan(80);
    }

    const rows = await tableRows(page);
    expect(rows).toHaveLength(b.summary.senders.length);
    const nf = new Intl.NumberFormat('en-GB');
    const pf = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 0 });
    b.summary.senders.slice(0, 25).forEach((s, i) => {
      const [domain, messages, tracked, vendors, leaks] = rows[i] ?? [];
      expect([domain, messages, tracked, leaks]).toEqual([s.domain, nf.format(s.messages), pf.format(s.trackedShare), nf.format(s.leaks)]);
      if (s.vendors[0] !== undefined && s.vendors[0].name !== '(unknown vendor)') expect(vendors).toContain(s.vendors[0].name);
    });

    // Each linked sender leads to its own drill-down section, whose messages are the kept ones.
    const links = await page.$$eval('#senders tbody a', (as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
    expect(links.length).toBe(b.summary.senders.filter((s) => s.shown.length > 0).length);
    for (const [domain, href] of links.slice(0, 10)) {
      const s = b.summary.senders.find((x) => x.domain === domain);
      expect(await page.$eval(`${href} h3`, (h) => h.firstChild?.textContent ?? '')).toBe(`${domain} `);
      expect(await page.$$eval(`${href} li.message`, (ls) => ls.length)).toBe(s?.shown.length);
    }

    const shot = await page.screenshot({ path: join(tmp, `${name}.png`) });
    const png = decodePng(shot);
    const colours = new Set<number>();
    for (let i = 0; i < png.data.length; i += 4 * 97) colours.add(((png.data[i] ?? 0) << 16) | ((png.data[i + 1] ?? 0) << 8) | (png.data[i + 2] ?? 0));
    expect(colours.size).toBeGreaterThan(8);

    await page.emulateMedia({ media: 'print' });
    expect(await page.$eval('nav', (n) => getComputedStyle(n).display)).toBe('none');
    expect(requests.slice(before)).toEqual([]);
    await page.context().close();
  });

  it('sorts the table when a heading is clicked (with scripts on)', async () => {
    const b = built.find((x) => x.name === 'archive-10000') as Built;
    const page = await open(b.html, true);
    const col = 4; // Leaks
    await page.click(`#senders thead th:nth-child(${col + 1}) button`);
    const leaks = (await tableRows(page)).map((r) => Number((r[col] ?? '').replace(/\D/g, '')));
    expect(leaks).toEqual([...leaks].sort((x, y) => y - x));
    expect(leaks[0]).toBe(Math.max(...b.summary.senders.map((s) => s.leaks)));
    await page.click(`#senders thead th:nth-child(1) button`);
    const domains = (await tableRows(page)).map((r) => r[0] ?? '');
    expect(domains).toEqual([...domains].sort((x, y) => x.localeCompare(y)));
    await page.context().close();
  });

  it('reads the same with scripts off: table in its built order, charts drawn, no buttons', async () => {
    const b = built.find((x) => x.name === 'samples') as Built;
    const page = await open(b.html, false);
    expect((await tableRows(page)).map((r) => r[0])).toEqual(b.summary.senders.map((s) => s.domain));
    expect(await page.$$eval('#senders th button', (bs) => bs.length)).toBe(0);
    expect(await page.$$eval('figure.chart svg', (s) => s.length)).toBeGreaterThanOrEqual(CHARTS.length);
    await page.context().close();
  });

  it('made no request at all', () => {
    expect(requests).toEqual([]);
  });
});
