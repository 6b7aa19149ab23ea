/**
 * The demo page (demo/, built by `npm run demo` into docs/demo.html), opened from file:// in
 * Chromium with every request intercepted: each sample dropped in (through the file input) shows
 * the findings Node reports, in English and in French; pasted HTML is scanned too; the sanitised
 * preview is a sandboxed frame under a Content-Security-Policy; and no request leaves: none reaches
 * the interception, and none is in Chromium's network log (which also sees the preview frame's
 * loads, see ./netlog.ts). Takes a screenshot: `SPYPIXEL_UPDATE_DOCS=1` writes it to
 * docs/demo.png (the README's picture), otherwise to a temporary file.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildDemo } from '../../demo/build.js';
import { scanEml } from '../../src/scan/eml.js';
import { scanHtml } from '../../src/scan/html.js';
import { CHROMIUM, CHROMIUM_ARGS, describeInBrowser } from './chromium.js';
import { pageRequests } from './netlog.js';
import { decodePng } from './png.js';

interface Expected {
  readonly recipient?: string;
}

const SAMPLES = readdirSync('samples').filter((f) => f.endsWith('.eml')).sort();

function recipientOf(sample: string): string {
  const exp = JSON.parse(readFileSync(`samples/${sample.replace(/\.(eml|html)$/, '.expected.json')}`, 'utf8')) as Expected;
  return exp.recipient ?? '';
}

/** What the page shows: one entry per finding card. */
async function shown(page: Page): Promise<{ kind: string; vendor: string; text: string }[]> {
  return page.$$eval('.finding', (cards) =>
    cards.map((c) => ({ kind: c.getAttribute('data-kind') ?? '', vendor: c.getAttribute('data-vendor') ?? '', text: c.querySelector('.explanation')?.textContent ?? '' })),
  );
}

/** Marks the current results stale, so that {@link settled} waits for the next ones. */
async function stale(page: Page): Promise<void> {
  await page.evaluate(() => {
    document.body.dataset.state = 'stale';
  });
}

async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.state === 'done' || document.body.dataset.state === 'error');
  expect(await page.evaluate(() => document.body.dataset.state)).toBe('done');
}

describeInBrowser('the demo page, from file://', { timeout: 180_000 }, () => {
  let browser: Browser;
  let page: Page;
  let dir = '';
  let file = '';
  const refused: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'spypixel-demo-'));
    file = join(dir, 'demo.html');
    writeFileSync(file, await buildDemo());
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, `--log-net-log=${join(dir, 'netlog.json')}`] });
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB' });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url === pathToFileURL(file).href) return route.continue();
      refused.push(url);
      return route.abort('blockedbyclient');
    });
    page = await context.newPage();
    await page.goto(pathToFileURL(file).href);
    await page.waitForFunction(() => document.body.dataset.state === 'ready');
  }, 60_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it.each(SAMPLES)('shows the findings of %s', async (sample) => {
    const recipient = recipientOf(sample);
    await page.fill('#recipient', recipient);
    await stale(page);
    await page.setInputFiles('#file', `samples/${sample}`);
    await settled(page);
    const node = await scanEml(readFileSync(`samples/${sample}`), recipient === '' ? {} : { recipient });
    expect(await shown(page)).toEqual(node.findings.map((f) => ({ kind: f.kind, vendor: f.vendor?.id ?? '', text: f.explanation })));
    expect(refused).toEqual([]);
  });

  it('scans pasted HTML, in French when asked, and previews it sandboxed under a CSP', async () => {
    const html = readFileSync('samples/13-bare-html-ga4-meta.html', 'utf8');
    const recipient = recipientOf('13-bare-html-ga4-meta.html');
    await stale(page);
    await page.click('[data-lang="fr"]');
    await settled(page);
    await stale(page);
    await page.fill('#paste', html);
    await page.fill('#recipient', recipient);
    await page.click('#scan');
    await settled(page);
    const node = scanHtml(html, { recipient, lang: 'fr' });
    expect(await shown(page)).toEqual(node.findings.map((f) => ({ kind: f.kind, vendor: f.vendor?.id ?? '', text: f.explanation })));
    expect(await page.textContent('h2')).toBe('Traceurs trouvés');
    const frames = await page.$$eval('#preview-body iframe', (fs) => fs.map((f) => ({ sandbox: f.getAttribute('sandbox'), doc: f.getAttribute('srcdoc') ?? '' })));
    expect(frames).toHaveLength(1);
    expect(frames[0]?.sandbox).toBe('');
    expect(frames[0]?.doc).toContain(`http-equiv="Content-Security-Policy" content="default-src 'none';`);
    for (const f of node.findings) expect(frames[0]?.doc).not.toContain(f.host);
    expect(refused).toEqual([]);
    await stale(page);
    await page.click('[data-lang="en"]');
    await settled(page);
  });

  it('takes a screenshot', async () => {
    const sample = '11-address-leaks-plain-base64-md5.eml';
    await page.fill('#paste', '');
    await page.fill('#recipient', recipientOf(sample));
    await stale(page);
    await page.setInputFiles('#file', `samples/${sample}`);
    await settled(page);
    const png = await page.screenshot({ fullPage: false });
    // not blank: the page, its findings and the preview make many distinct colours
    const img = decodePng(png);
    const colours = new Set<number>();
    for (let i = 0; i < img.data.length; i += 4 * 97) colours.add(((img.data[i] ?? 0) << 16) | ((img.data[i + 1] ?? 0) << 8) | (img.data[i + 2] ?? 0));
    expect(colours.size).toBeGreaterThan(50);
    writeFileSync(process.env.SPYPIXEL_UPDATE_DOCS === '1' ? 'docs/demo.png' : join(dir, 'demo.png'), png);
    expect(refused).toEqual([]);
  });

  it('made no request: the network log of Chromium holds only the canary', async () => {
    // a page that loads one image proves the log and its filter see page loads in this Chromium
    const canary = 'https://canary.spypixel.invalid/pixel.gif';
    const probe = await browser.newPage();
    await probe.setContent(`<img src="${canary}">`);
    await probe.waitForTimeout(500);
    await browser.close();
    expect(pageRequests(join(dir, 'netlog.json'))).toEqual([canary]);
  });
});
