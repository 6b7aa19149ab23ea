/**
 * `spypixel --version`: the version of the package the running file belongs to, read from its
 * package.json (found by walking up from this file, so it works from dist/ in a clone and in an
 * installed package alike) rather than copied into the build, where it could go stale.
 */
import { readFileSync } from 'node:fs';

/**
 * Reads a file's text, or `null` when it cannot be read.
 *
 * @example
 * const read: ReadText = (url) => { try { return readFileSync(url, 'utf8'); } catch { return null; } };
 */
export type ReadText = (url: URL) => string | null;

const readText: ReadText = (url) => {
  try {
    return readFileSync(url, 'utf8');
  } catch {
    return null;
  }
};

/**
 * The version in the nearest package.json named `spypixel` above `from`, or `null`.
 *
 * @example
 * packageVersion(new URL(import.meta.url)); // '0.1.0'
 */
export function packageVersion(from: URL, read: ReadText = readText): string | null {
  for (let dir = new URL('./', from), depth = 0; depth < 8; dir = new URL('../', dir), depth++) {
    const text = read(new URL('package.json', dir));
    if (text !== null) {
      try {
        const pkg = JSON.parse(text) as { name?: unknown; version?: unknown };
        if (pkg.name === 'spypixel' && typeof pkg.version === 'string') return pkg.version;
      } catch {
        // not JSON: keep looking further up
      }
    }
    if (dir.pathname === '/') break;
  }
  return null;
}
