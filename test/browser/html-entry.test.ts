/**
 * The browser entry, proven: `spypixel/html` bundles for the browser with no Node built-in and no
 * Node global, its main chunk stays under the size target (the catalogue is a separate chunk),
 * `spypixel` resolves to it under the `browser` condition, and the bundle scans and sanitises a
 * sample in headless Chromium exactly as Node does, without the page trying to load anything.
 * Sizes are printed (minified and gzipped) for the README.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { sanitizeHtml } from '../../src/sanitize/html.js';
import { scanEml } from '../../src/scan/eml.js';
import { scanHtml } from '../../src/scan/html.js';
import { bundleForBrowser, type Bundle } from './bundle.js';
import { describeInBrowser } from './chromium.js';
import { servedPage, type ServedPage } from './served-page.js';

/** Target of issue 13: the code a page loads up front, gzipped. The catalogue chunk is extra. */
const MAX_MAIN_GZIP = 150 * 1024;

const APP = `
import { loadCatalogue, sanitizeHtml, scanEml, scanHtml } from 'spypixel/html';
let before = '';
try { scanHtml('<p>x</p>'); before = 'scanned without catalogue'; } catch (e) { before = e.message; }
window.beforeLoad = before;
window.run = async (html, options) => {
  await loadCatalogue();
  const report = scanHtml(html, options);
  const clean = sanitizeHtml(html, options);
  return JSON.stringify({ report, clean });
};
window.runEml = async (latin1, options) => {
  await loadCatalogue();
  return JSON.stringify(await scanEml(Uint8Array.from(latin1, (c) => c.charCodeAt(0)), options));
};
`;

const SAMPLE = readFileSync('samples/13-bare-html-ga4-meta.html', 'utf8');
const OPTIONS = { recipient: 'alex.durand@mail.example', sender: 'bienvenue@velociclub.example' };

let app: Bundle;

/** The entry and every chunk it imports statically, transitively: what a page loads up front. */
function upFront(bundle: Bundle): Bundle['files'] {
  const byPath = new Map(bundle.files.map((f) => [f.path, f]));
  const seen = new Map<string, Bundle['files'][number]>();
  const visit = (f: Bundle['files'][number]): void => {
    if (seen.has(f.path)) return;
    seen.set(f.path, f);
    // esbuild's ESM output: `import … from "./x.js"` or `import "./x.js"`; dynamic import() differs
    for (const m of f.text.matchAll(/(?:^|[;}\s])import\s*(?:[\w$*{][^"'`;]*?from\s*)?"\.\/([\w.-]+\.js)"/g)) {
      const next = byPath.get(m[1] ?? '');
      if (next !== undefined) visit(next);
    }
  };
  visit(bundle.entry);
  return [...seen.values()];
}
/** The chunk holding tldts's suffix list, fetched by loadCatalogue(). */
let suffixChunk: string | undefined;

describeInBrowser('spypixel/html in a browser', { timeout: 120_000 }, () => {
  let page: ServedPage;

  beforeAll(async () => {
    app = await bundleForBrowser(APP, { format: 'esm', splitting: true });
    suffixChunk = app.files.find((f) => f !== app.entry && f.text.includes('blogspot'))?.path;
    const files: Record<string, { type: string; body: string }> = {
      '/index.html': { type: 'text/html', body: `<!doctype html><meta charset="utf-8"><script type="module" src="/${app.entry.path}"></script>` },
    };
    for (const f of app.files) files[`/${f.path}`] = { type: 'text/javascript', body: f.text };
    page = await servedPage(files);
    await page.page.waitForFunction(() => 'run' in window);
  }, 60_000);

  afterAll(async () => {
    await page?.close();
  });

  it('bundles with no Node built-in and no Node global', () => {
    expect(app.nodeImports).toEqual([]);
    expect(app.nodeGlobals).toEqual([]);
  });

  it('keeps what a page loads up front under 150 KB gzipped; catalogue and suffix list in chunks of their own', () => {
    const main = app.entry;
    const data = app.files.find((f) => f.path.startsWith('data.generated'));
    expect(data).toBeDefined();
    expect(main.text).not.toContain('google-analytics.com');
    // postal-mime is in scanEml's chunk, not in the main one
    expect(main.text).not.toContain('Maximum MIME nesting depth');
    expect(app.files.some((f) => f.text.includes('Maximum MIME nesting depth'))).toBe(true);
    expect(data?.text).toContain('google-analytics.com');
    // the public-suffix list (tldts) comes with the catalogue, not up front (checked below)
    expect(app.files.filter((f) => f.text.includes('blogspot')).length).toBe(1);
    const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
    for (const f of app.files) console.info(`bundle ${f.path}: ${kb(f.bytes)} minified, ${kb(f.gzipBytes)} gzipped`);
    const first = upFront(app);
    const firstGzip = first.reduce((n, f) => n + f.gzipBytes, 0);
    console.info(`loaded up front: ${first.map((f) => f.path).join(', ')}: ${kb(firstGzip)} gzipped`);
    expect(first.some((f) => f.text.includes('blogspot'))).toBe(false);
    expect(firstGzip).toBeLessThanOrEqual(MAX_MAIN_GZIP);
  });

  it('refuses to scan before the catalogue is loaded, and loads it only when asked', () => {
    return page.page.evaluate(() => (window as unknown as { beforeLoad: string }).beforeLoad).then((message) => {
      expect(message).toContain('loadCatalogue');
      expect(page.served.some((p) => p.startsWith('/data.generated'))).toBe(false);
      expect(page.served.some((p) => suffixChunk !== undefined && p === `/${suffixChunk}`)).toBe(false);
      expect(page.served.some((p) => p.startsWith('/mime'))).toBe(false);
    });
  });

  it('scans and sanitises a sample as Node does, and tries to load nothing', async () => {
    const json = await page.page.evaluate(([html, options]) => (window as unknown as { run: (h: string, o: object) => Promise<string> }).run(html, options), [SAMPLE, OPTIONS] as const);
    const { report, clean } = JSON.parse(json) as { report: ReturnType<typeof scanHtml>; clean: ReturnType<typeof sanitizeHtml> };
    expect(report.findings.map((f) => f.vendor?.id)).toEqual(['google-analytics', 'meta']);
    expect(report.findings.flatMap((f) => f.leaks.map((l) => l.encoding))).toContain('sha256');
    expect(report).toEqual(JSON.parse(JSON.stringify(scanHtml(SAMPLE, OPTIONS))));
    expect(clean).toEqual(JSON.parse(JSON.stringify(sanitizeHtml(SAMPLE, OPTIONS))));
    expect(clean.html).not.toContain('google-analytics.com');
    expect(page.served.some((p) => p.startsWith('/data.generated'))).toBe(true);
    expect(page.served).toContain(`/${suffixChunk ?? '?'}`);
    expect(page.refused).toEqual([]);
  });

  const EMLS = readdirSync('samples').filter((f) => f.endsWith('.eml')).sort();
  it.each(EMLS)('scanEml (postal-mime, loaded on first use) reports %s as Node does', async (name) => {
    const raw = readFileSync(`samples/${name}`);
    const json = await page.page.evaluate(([bytes, options]) => (window as unknown as { runEml: (b: string, o: object) => Promise<string> }).runEml(bytes, options), [raw.toString('latin1'), { recipient: 'me@mail.example' }] as const);
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(await scanEml(raw, { recipient: 'me@mail.example' }))));
    expect(page.served.some((p) => p.startsWith('/mime'))).toBe(true);
    expect(page.refused).toEqual([]);
  });
});

it('bundles `spypixel` for the browser through the browser condition', async () => {
  const b = await bundleForBrowser("import { loadCatalogue, scanHtml } from 'spypixel'; await loadCatalogue(); console.log(scanHtml('<p>hi</p>'));", {
    format: 'esm',
    splitting: true,
  });
  expect(b.inputs).toContain('dist/browser/html.js');
  expect(b.inputs).not.toContain('dist/index.js');
  expect(b.nodeImports).toEqual([]);
  expect(b.nodeGlobals).toEqual([]);
});

it('would notice Node built-ins and globals (the Node entry has both)', async () => {
  const b = await bundleForBrowser("import { scanEml } from './src/index.ts'; console.log(scanEml);", { format: 'esm', splitting: false, minify: false });
  expect(b.nodeImports.some((i) => i.startsWith('node:buffer'))).toBe(true);
  expect(b.nodeGlobals).toEqual([b.entry.path]);
});
