/**
 * What `npm pack` ships and what `npm start` shows: the built code and the catalogue, no source
 * maps, sources or tests; links to the repository; a build before packing; a quiet start.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';

interface Pkg {
  name: string;
  version: string;
  bin: Record<string, string>;
  main: string;
  module: string;
  types: string;
  exports: unknown;
  homepage: string;
  repository: { type: string; url: string };
  bugs: { url: string };
  scripts: Record<string, string>;
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as Pkg;

/** Every file path named in `exports` (conditions nested at any depth). */
function exportTargets(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (node === null || typeof node !== 'object') return [];
  return Object.values(node).flatMap(exportTargets);
}

/** The files `npm pack` would put in the tarball, from the current dist/ (no build: --ignore-scripts). */
function packedFiles(): string[] {
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
  });
  expect(r.status, r.stderr).toBe(0);
  const [result] = JSON.parse(r.stdout) as Array<{ files: Array<{ path: string }> }>;
  return (result?.files ?? []).map((f) => f.path).sort();
}

describe('npm pack', () => {
  const files = packedFiles();

  it('ships dist, the catalogue, README, LICENSE and package.json', () => {
    for (const f of ['package.json', 'README.md', 'LICENSE', 'dist/cli.js', 'dist/worker.js']) expect(files).toContain(f);
    expect(files.some((f) => /^trackers\/.+\.json$/.test(f))).toBe(true);
  });

  it('ships every file package.json points to', () => {
    const targets = [...Object.values(pkg.bin), pkg.main, pkg.module, pkg.types, ...exportTargets(pkg.exports)].map((t) => t.replace(/^\.\//, ''));
    for (const t of targets) expect(files).toContain(t);
  });

  it('ships no source maps, sources, tests or tooling', () => {
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => /^(src|test|bench|samples|\.ci|docs)\//.test(f))).toEqual([]);
    expect(files.filter((f) => /\.test\.|tsconfig|vitest|tsup/.test(f))).toEqual([]);
  });
});

describe('package.json', () => {
  it('links the repository, its home page and its issues', () => {
    expect(pkg.repository).toEqual({ type: 'git', url: 'git+https://github.com/spypixel/spypixel.git' });
    expect(pkg.homepage).toBe('https://github.com/spypixel/spypixel#readme');
    expect(pkg.bugs.url).toBe('https://github.com/spypixel/spypixel/issues');
  });

  it('builds before packing, so a clean clone packs its dist', () => {
    // to stderr: `npm pack --json` writes its JSON on stdout
    expect(pkg.scripts.prepack).toBe('npm run build >&2');
  });

  it('starts with a silent build, then the table of the samples', () => {
    const start = pkg.scripts.start ?? '';
    const [build, run] = start.split(' && ');
    expect(build).toBe('tsup --silent');
    expect(run).toBe('node dist/cli.js scan samples --fail-on none');
    const r = spawnSync(process.execPath, (run ?? '').split(' ').slice(1), { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^samples\/01-bouygues-like-bill\.eml\n/);
    expect(r.stdout).toMatch(/\n\d+ messages scanned, \d+ with trackers/);
  });
});
