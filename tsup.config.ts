import { defineConfig } from 'tsup';

// Two builds: the library (ESM + CJS + .d.ts) and the CLI (ESM only, it is an executable) with its
// worker-thread entry, which the CLI finds beside itself as ./worker.js. The CLI build is split
// into chunks so that the main thread of a parallel scan loads the batch code and not the scanner.
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
]);
