import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Options } from 'tsup';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

// In the browser build the scanner's src/url/domains.ts (tldts, whose public-suffix list is ~40 KB
// gzipped) is replaced by src/browser/domains.ts, which imports tldts lazily with the catalogue.
const DOMAINS = fileURLToPath(new URL('./src/browser/domains.ts', import.meta.url));
const NODE_DOMAINS = fileURLToPath(new URL('./src/url/domains.js', import.meta.url));
const lazyDomains: Plugin = {
  name: 'lazy-domains',
  setup(build) {
    build.onResolve({ filter: /(?:^|\/)domains\.js$/ }, (args) =>
      resolve(args.resolveDir, args.path) === NODE_DOMAINS ? { path: DOMAINS } : undefined,
    );
  },
};

// Three builds: the library (ESM + CJS + .d.ts); the CLI (ESM only, it is an executable) with its
// worker-thread entry, which the CLI finds beside itself as ./worker.js; and the browser build
// (`spypixel/html`, ESM + .d.ts, in dist/browser/). The CLI build is split into chunks so that the
// main thread of a parallel scan loads the batch code and not the scanner. The browser build is
// split so that the catalogue data, the public-suffix list and the MIME parser are chunks of their
// own, loaded on first use.
export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    splitting: false,
  },
  {
    entry: { cli: 'src/cli/main.ts', worker: 'src/batch/worker.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    splitting: true,
  },
  {
    entry: { html: 'src/browser/index.ts' },
    outDir: 'dist/browser',
    format: ['esm'],
    dts: true,
    sourcemap: true,
    platform: 'browser',
    target: 'es2022',
    splitting: true,
    esbuildPlugins: [lazyDomains],
  },
]);
