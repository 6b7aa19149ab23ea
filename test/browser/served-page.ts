/**
 * A page whose every request is intercepted: files of a virtual origin are answered from memory,
 * anything else is aborted and recorded. Nothing leaves the machine, and a test can assert that
 * the code under test tried to load nothing.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.js';

/** The virtual origin (`.test` is reserved, RFC 2606); never resolved, every request is routed. */
export const ORIGIN = 'http://spypixel.test';

/** A page plus what it asked for. */
export interface ServedPage {
  readonly page: Page;
  /** Paths of the virtual origin that were served, in order. */
  readonly served: string[];
  /** Every other URL the page tried to load (aborted). */
  readonly refused: string[];
  readonly close: () => Promise<void>;
}

/**
 * Launches Chromium (once per call) and opens `files['/index.html']` from the virtual origin.
 *
 * @example
 * const p = await servedPage({ '/index.html': { type: 'text/html', body: '<p>hi</p>' } });
 * p.refused; // []
 */
export async function servedPage(files: Readonly<Record<string, { type: string; body: string | Buffer }>>, viewport = { width: 1000, height: 700 }): Promise<ServedPage> {
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport });
  const served: string[] = [];
  const refused: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    const file = url.startsWith(`${ORIGIN}/`) ? files[new URL(url).pathname] : undefined;
    if (file === undefined) {
      refused.push(url);
      return route.abort('blockedbyclient');
    }
    served.push(new URL(url).pathname);
    return route.fulfill({ status: 200, contentType: file.type, body: file.body });
  });
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/index.html`, { waitUntil: 'load' });
  return { page, served, refused, close: () => browser.close() };
}
