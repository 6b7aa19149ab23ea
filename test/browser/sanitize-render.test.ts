/**
 * Proof in a real browser: Debian's headless Chromium renders each sample before and after
 * sanitising, with every request intercepted (nothing leaves the machine). After sanitising no
 * request goes to a catalogue or scanner-reported tracker, also under print and dark-mode
 * emulation; screenshots match; unwrapped links navigate to their destination.
 *
 * Runs in CI: `.ci/install-chromium.sh` installs /usr/bin/chromium when absent, and CI fails rather
 * than skip (SPYPIXEL_REQUIRE_BROWSER=1). Elsewhere a missing Chromium skips it with a notice.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseMail } from '../../src/mime/node.js';
import { sanitizeEml } from '../../src/sanitize/eml.js';
import { sanitizeHtml } from '../../src/sanitize/html.js';
import { scanHtml } from '../../src/scan/html.js';
import { CHROMIUM, describeInBrowser } from './chromium.js';
import { decodePng, diffRatio, solidPng } from './png.js';
import { catalogueHit, LOOPBACK_CHROMIUM_ARGS, normal, servePages, type PageServer } from './loopback.js';

/**
 * Screenshot threshold: at most 0.5% of pixels may differ by more than 8/255 on a channel.
 * Trackers are served as 1×1 transparent PNGs (what they return) and sized tracking images as
 * transparent too, so removing or blanking them changes no visible pixel; content images get the
 * same solid PNG before and after; visible pixels keep their box (blanked, not removed), hidden
 * ones took no room. Measured: 0.000% on every sample and fixture. The 0.5% (4,000 pixels of an
 * 800×1000 viewport) is margin for text anti-aliasing between Chromium builds, far below what
 * one shifted line (an 18 px shift of sample 03 gave 6.1%) or a lost content image would give.
 */
const MAX_DIFF = 0.005;
const DELTA = 8;
const VIEWPORT = { width: 800, height: 1000 };
const TRANSPARENT = solidPng(1, 1, [0, 0, 0, 0]);

interface Doc {
  readonly name: string;
  readonly before: string;
  readonly after: string;
  readonly sender: string | null;
}

let server: PageServer | undefined;
let origin = '';
let context: BrowserContext;
let profile = '';
const pages = new Map<string, string>();
/** URLs the scanner reports in the document being rendered (any confidence). */
let reported = new Set<string>();

function colourOf(url: string): [number, number, number, number] {
  let h = 0;
  for (let i = 0; i < url.length; i++) h = (h * 31 + url.charCodeAt(i)) >>> 0;
  return [h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff, 255];
}

beforeAll(async () => {
  server = await servePages(pages);
  origin = server.origin;
  profile = mkdtempSync(join(tmpdir(), 'spypixel-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: VIEWPORT,
    args: LOOPBACK_CHROMIUM_ARGS,
  });
  await context.route('**/*', async (route) => {
    const req = route.request();
    const url = req.url();
    if (url.startsWith(origin)) return route.continue();
    if (req.resourceType() === 'image') {
      const png = reported.has(normal(url)) || catalogueHit(url) ? TRANSPARENT : solidPng(16, 16, colourOf(url));
      return route.fulfill({ status: 200, contentType: 'image/png', body: png });
    }
    const type = req.resourceType() === 'stylesheet' ? 'text/css' : req.resourceType() === 'document' ? 'text/html' : 'text/plain';
    return route.fulfill({ status: 200, contentType: type, body: '' });
  });
}, 60_000);

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (profile !== '') rmSync(profile, { recursive: true, force: true });
});

let serial = 0;
async function open(html: string, media?: Parameters<Page['emulateMedia']>[0]): Promise<{ page: Page; requests: string[] }> {
  const path = `/doc/${serial++}`;
  pages.set(path, html);
  const page = await context.newPage();
  const requests: string[] = [];
  let inflight = 0;
  page.on('request', (r) => {
    inflight++;
    if (!r.url().startsWith(origin)) requests.push(r.url());
  });
  page.on('requestfinished', () => inflight--);
  page.on('requestfailed', () => inflight--);
  if (media !== undefined) await page.emulateMedia(media);
  await page.goto(origin + path, { waitUntil: 'load' });
  // Every answer is local and immediate: settled once nothing is in flight for two frames.
  for (let quiet = 0, i = 0; quiet < 2 && i < 100; i++) {
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 20))));
    quiet = inflight <= 0 ? quiet + 1 : 0;
  }
  return { page, requests };
}

async function requestsOf(html: string, media?: Parameters<Page['emulateMedia']>[0]): Promise<string[]> {
  const { page, requests } = await open(html, media);
  await page.close();
  return requests;
}

async function screenshot(html: string): Promise<Buffer> {
  const { page } = await open(html);
  const shot = await page.screenshot({ fullPage: false });
  await page.close();
  return shot;
}

async function documents(): Promise<Doc[]> {
  const docs: Doc[] = [];
  for (const name of readdirSync('samples').sort()) {
    const raw = readFileSync(join('samples', name));
    if (name.endsWith('.html')) {
      docs.push({ name, before: raw.toString('utf8'), after: sanitizeHtml(raw.toString('utf8')).html, sender: null });
      continue;
    }
    if (!name.endsWith('.eml')) continue;
    const before = await parseMail(raw);
    const after = await parseMail((await sanitizeEml(raw)).eml);
    before.htmlParts.forEach((p, i) => {
      if (p.attachment === true) return;
      docs.push({ name: `${name}#${i}`, before: p.html, after: after.htmlParts[i]?.html ?? '', sender: before.headers.from });
    });
  }
  for (const f of ['test/fixtures/sanitize/layout.html', 'test/fixtures/html/newsletter.html']) {
    const html = readFileSync(f, 'utf8');
    docs.push({ name: f, before: html, after: sanitizeHtml(html, { sender: 'news@shop.example' }).html, sender: 'news@shop.example' });
  }
  return docs;
}

const docs = await documents();

describeInBrowser('rendering in Chromium before and after sanitising', { timeout: 120_000 }, () => {
  it.each(docs.map((d) => [d.name, d] as const))('%s', async (_name, doc) => {
    const opts = doc.sender === null ? {} : { sender: doc.sender };
    const findings = scanHtml(doc.before, opts).findings.filter((f) => f.kind !== 'click-redirect');
    reported = new Set(findings.map((f) => normal(f.url)));
    const strong = new Set(findings.filter((f) => f.confidence !== 'possible').map((f) => normal(f.url)));
    const forbidden = (u: string): boolean => strong.has(normal(u)) || catalogueHit(u);

    const media = [undefined, { media: 'print' as const }, { colorScheme: 'dark' as const }, { media: 'print' as const, colorScheme: 'dark' as const }];
    for (const m of media) {
      const before = await requestsOf(doc.before, m);
      const after = await requestsOf(doc.after, m);
      expect(after.filter(forbidden), `after sanitising, ${JSON.stringify(m ?? 'screen')}`).toEqual([]);
      // The sanitised page loads nothing the original did not.
      expect(after.filter((u) => !before.includes(u))).toEqual([]);
    }
    // With `possible` findings removed too, nothing the scanner reports is requested.
    const strict = sanitizeHtml(doc.before, { ...opts, policy: 'remove' }).html;
    for (const m of media) expect((await requestsOf(strict, m)).filter((u) => reported.has(normal(u)) || catalogueHit(u))).toEqual([]);

    const ratio = diffRatio(decodePng(await screenshot(doc.before)), decodePng(await screenshot(doc.after)), DELTA);
    expect(ratio).toBeLessThanOrEqual(MAX_DIFF);
  });

  it('the probes work: trackers fire before sanitising, in print and dark mode too', async () => {
    const html = readFileSync('test/fixtures/sanitize/layout.html', 'utf8');
    const hits = async (m?: Parameters<Page['emulateMedia']>[0]): Promise<string[]> => (await requestsOf(html, m)).filter(catalogueHit);
    expect((await hits()).some((u) => u.includes('t=banner'))).toBe(true);
    expect((await hits({ media: 'print' })).some((u) => u.includes('t=print'))).toBe(true);
    expect((await hits({ colorScheme: 'dark' })).some((u) => u.includes('t=dark'))).toBe(true);
  });

  it('unwrapped links navigate to their destination', async () => {
    const html = readFileSync('test/fixtures/sanitize/layout.html', 'utf8');
    const r = sanitizeHtml(html, { sender: 'news@shop.example' });
    const expected = r.changes.filter((c) => c.action === 'unwrap-link' || c.action === 'strip-params').map((c) => normal(c.after.slice(c.after.indexOf('"') + 1, -1).replaceAll('&amp;', '&')));
    expect(expected).toEqual(['https://shop.example/sale?id=7', 'https://shop.example/sale', 'https://shop.example/blog']);
    const { page } = await open(r.html);
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs).toEqual(expected);
    for (const [i, href] of expected.entries()) {
      const nav = page.waitForRequest((req) => req.isNavigationRequest(), { timeout: 5_000 });
      await page.locator('a[href]').nth(i).click();
      expect((await nav).url()).toBe(href);
      await page.goBack({ waitUntil: 'load' }).catch(() => undefined);
    }
    await page.close();
  });
});
