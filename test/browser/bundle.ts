/**
 * Bundles code that imports spypixel the way a web app or an extension would: esbuild, platform
 * browser, minified, split into chunks. Any Node built-in (`node:fs`, `buffer`, `stream` …) that
 * the bundle would pull in, and any free reference to a Node global (`Buffer`, `process`,
 * `__dirname` …), is reported instead of bundled: in a browser each of them fails, at bundle time
 * or, worse, only when the code path runs.
 */
import { builtinModules } from 'node:module';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';

/** Node globals a browser lacks. `define` replaces free references (not properties, not strings). */
const NODE_GLOBALS = ['Buffer', 'process', 'global', '__dirname', '__filename', 'require', 'setImmediate'];
const MARKER = '__SPYPIXEL_NODE_GLOBAL__';

/** One output file of a bundle. */
export interface BundleFile {
  readonly path: string;
  readonly text: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

/** A bundle and what it would have needed from Node. */
export interface Bundle {
  readonly files: readonly BundleFile[];
  /** The entry chunk: what a page loads first (the others are imported from it). */
  readonly entry: BundleFile;
  /** Node built-ins imported, with the importing file. */
  readonly nodeImports: readonly string[];
  /** Output files that reference a Node global. */
  readonly nodeGlobals: readonly string[];
  /** Source files that went into the bundle (paths relative to the working directory). */
  readonly inputs: readonly string[];
}

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function refuseNodeBuiltins(found: string[]): Plugin {
  return {
    name: 'refuse-node-builtins',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (!args.path.startsWith('node:') && !BUILTINS.has(args.path)) return undefined;
        found.push(`${args.path} (imported by ${args.importer})`);
        return { path: args.path, external: true };
      });
    },
  };
}

/**
 * Bundles `source` (an ES module, resolved from the project root, so `spypixel` and
 * `spypixel/html` resolve through package.json `exports`) for the browser.
 *
 * @example
 * const b = await bundleForBrowser("export { scanHtml } from 'spypixel/html';", { format: 'esm', splitting: true });
 * b.nodeImports; // []
 */
export async function bundleForBrowser(source: string, opts: { format: 'esm' | 'iife'; splitting: boolean; minify?: boolean }): Promise<Bundle> {
  const nodeImports: string[] = [];
  const result = await build({
    stdin: { contents: source, resolveDir: process.cwd(), sourcefile: 'consumer.js', loader: 'js' },
    bundle: true,
    platform: 'browser',
    format: opts.format,
    splitting: opts.splitting,
    minify: opts.minify ?? true,
    target: 'es2022',
    outdir: 'out',
    write: false,
    metafile: true,
    logLevel: 'silent',
    define: Object.fromEntries(NODE_GLOBALS.map((g) => [g, MARKER])),
    plugins: [refuseNodeBuiltins(nodeImports)],
  });
  const files = result.outputFiles
    .filter((f) => f.path.endsWith('.js'))
    .map((f) => ({ path: f.path.slice(f.path.lastIndexOf('/') + 1), text: f.text, bytes: f.contents.byteLength, gzipBytes: gzipSync(f.contents, { level: 9 }).byteLength }));
  // esbuild names the output of stdin `stdin.js`
  const entry = files.find((f) => f.path === 'stdin.js');
  if (entry === undefined) throw new Error('esbuild produced no entry chunk');
  return {
    files,
    entry,
    nodeImports,
    nodeGlobals: files.filter((f) => f.text.includes(MARKER)).map((f) => f.path),
    inputs: Object.keys(result.metafile.inputs),
  };
}
