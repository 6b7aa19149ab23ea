/**
 * The attack cases and generated hostile markup, in Debian's headless Chromium with every request
 * intercepted (nothing leaves the machine), with JavaScript on (a scripting browser reads
 * `<noscript>` as raw text) and off (it reads it as markup, as mail clients do): after sanitising,
 * a document requests nothing but what the original requested minus the trackers, and nothing at
 * all from the attacker's host. Chromium counts the elements of both documents too: none is new.
 * The probes show that Chromium does load what the attacks hide (escaped url(), a <select>'s
 * content, a joined end tag).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sanitizeHtml } from '../../src/sanitize/html.js';
import type { SanitizeMode } from '../../src/sanitize/types.js';
import { scanHtml } from '../../src/scan/html.js';
import { ATTACKS, hostileHtmlArb } from '../helpers/attacks.js';
import { CHROMIUM, describeInBrowser } from './chromium.js';
import { catalogueHit, LOOPBACK_CHROMIUM_ARGS, normal, servePages, type PageServer } from './loopback.js';

const TRANSPARENT_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

let server: PageServer | undefined;
let origin = '';
let browser: Browser;
let profile = '';
const contexts = new Map<boolean, BrowserContext>();
const pages = new Map<string, string>();

beforeAll(async () => {
  server = await servePages(pages);
  origin = server.origin;
  profile = mkdtempSync(join(tmpdir(), 'spypixel-chromium-attacks-'));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: LOOPBACK_CHROMIUM_ARGS,
  });
  for (const js of [true, false]) {
    const context = await browser.newContext({ javaScriptEnabled: js, viewport: { width: 800, height: 1000 } });
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (url.startsWith(origin)) return route.continue();
      // A <meta refresh> away is a request too, but the page must stay to be compared: a 204
      // answer leaves the current document in place.
      if (route.request().isNavigationRequest()) return route.fulfill({ status: 204, body: '' });
      return route.fulfill({ status: 200, contentType: route.request().resourceType() === 'image' ? 'image/gif' : 'text/plain', body: route.request().resourceType() === 'image' ? TRANSPARENT_GIF : '' });
    });
    contexts.set(js, context);
  }
}, 60_000);

afterAll(async () => {
  for (const c of contexts.values()) await c.close();
  await browser?.close();
  await server?.close();
  if (profile !== '') rmSync(profile, { recursive: true, force: true });
});

let serial = 0;

/** What Chromium requests for a document, and the elements it builds (tag names, document order). */
async function render(html: string, js: boolean): Promise<{ requests: string[]; elements: string[] }> {
  const path = `/attack/${serial++}`;
  pages.set(path, html);
  const context = contexts.get(js);
  if (context === undefined) throw new Error('no context');
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(origin)) requests.push(normal(r.url()));
  });
  await page.goto(origin + path, { waitUntil: 'load' });
  // Every answer is local and immediate: idle means nothing more will be asked for.
  await page.waitForLoadState('networkidle');
  const elements = await page.$$eval('*', (els) => els.map((e) => e.tagName.toLowerCase()));
  await page.close();
  pages.delete(path);
  return { requests, elements };
}

function counts(tags: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of tags) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

async function expectSafe(name: string, html: string, mode: SanitizeMode): Promise<void> {
  const r = sanitizeHtml(html, { mode });
  if (r.errors.some((e) => e.code === 'sanitize-refused')) {
    expect(r.html, name).toBe('');
    return;
  }
  const strong = new Set(scanHtml(html).findings.filter((f) => f.confidence !== 'possible' && f.kind !== 'click-redirect').map((f) => normal(f.url)));
  for (const js of [true, false]) {
    const before = await render(html, js);
    const after = await render(r.html, js);
    const allowed = new Set(before.requests.filter((u) => mode === 'annotate' || (!strong.has(u) && !catalogueHit(u))));
    expect(after.requests.filter((u) => !allowed.has(u)), `${name}, JavaScript ${js ? 'on' : 'off'}`).toEqual([]);
    const had = counts(before.elements);
    const more = [...counts(after.elements)].filter(([tag, n]) => n > (had.get(tag) ?? 0)).map(([tag]) => tag);
    expect(more, `${name}: elements Chromium builds that the original did not have`).toEqual([]);
  }
}

describeInBrowser('sanitised hostile markup in Chromium', { timeout: 300_000 }, () => {
  it.each(ATTACKS.map((a) => [a.name, a] as const))('%s', async (_name, a) => {
    await expectSafe(a.name, a.html, a.mode);
  });

  it('the probes work: Chromium loads what the attacks hide', async () => {
    const escaped = ATTACKS.find((a) => a.name.startsWith('CSS escapes in the url function name'));
    const joined = ATTACKS.find((a) => a.name.startsWith('a removed pixel joins < and /noscript>'));
    const select = ATTACKS.find((a) => a.name.startsWith('pixels inside <select>'));
    expect(escaped !== undefined && joined !== undefined && select !== undefined).toBe(true);
    // u\72l(…) loads like url(…), and what a <select> holds loads too: the scanner must see them.
    expect((await render(escaped?.html ?? '', true)).requests.filter(catalogueHit)).toHaveLength(2);
    expect((await render(select?.html ?? '', true)).requests.filter(catalogueHit)).toHaveLength(2);
    // Had the join been written as is, a scripting browser would load the attacker's image.
    const naive = (joined?.html ?? '').replace(/<img src="https:\/\/www\.google[^>]*>/, '');
    expect((await render(naive, true)).requests.some((u) => u.includes('evil.example'))).toBe(true);
  });

  it('generated hostile markup, every mode', async () => {
    const docs = fc.sample(fc.tuple(hostileHtmlArb, fc.constantFrom<SanitizeMode>('remove', 'placeholder', 'annotate')), { seed: 1212, numRuns: 12 });
    for (const [i, [html, mode]] of docs.entries()) await expectSafe(`generated #${i} (${mode}): ${html.slice(0, 200)}`, html, mode);
  });
});
