/**
 * vitest globalSetup: the CLI tests run the built `dist/cli.js` (and its `dist/worker.js`), so build
 * once when they are missing or older than any source file.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function builtAt(): number {
  try {
    return Math.min(statSync('dist/cli.js').mtimeMs, statSync('dist/worker.js').mtimeMs);
  } catch {
    return 0;
  }
}

/** Builds with tsup when dist is stale. */
export default function setup(): void {
  const sources = Math.max(newest('src'), newest('trackers'), statSync('tsup.config.ts').mtimeMs);
  if (builtAt() >= sources) return;
  execFileSync('npx', ['tsup', '--silent'], { stdio: 'inherit' });
}
