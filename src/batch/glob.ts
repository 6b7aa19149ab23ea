/**
 * Glob expansion without a dependency (Node 20 has no `fs.glob`): `*` and `?` within one path
 * segment, `**` for any number of folders. Hidden names match only a pattern that starts with a
 * dot, as in shells.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { wildcardMatch } from '../util/wildcard.js';

/**
 * Whether a command-line path contains glob characters.
 *
 * @example
 * hasGlob('mail/**\/*.eml'); // true
 */
export function hasGlob(path: string): boolean {
  return path.includes('*') || path.includes('?');
}

/**
 * Matches one name against one segment pattern (`*`, `?`). Greedy with a single backtrack point,
 * so it runs in O(name × pattern) at worst and linear in practice.
 *
 * @example
 * matchSegment('*.eml', 'a.eml'); // true
 */
export function matchSegment(pattern: string, name: string): boolean {
  // As shells do, wildcards do not match a leading dot.
  if (name.startsWith('.') && !pattern.startsWith('.')) return false;
  return wildcardMatch(pattern, name, true);
}

async function list(dir: string): Promise<Array<{ name: string; dir: boolean }>> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .map((e) => ({ name: e.name, dir: e.isDirectory() }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
}

async function expand(base: string, segments: readonly string[], out: Set<string>): Promise<void> {
  const [head, ...rest] = segments;
  if (head === undefined) {
    out.add(base);
    return;
  }
  if (head === '**') {
    await expand(base, rest, out);
    for (const e of await list(base)) {
      if (e.dir && !e.name.startsWith('.')) await expand(join(base, e.name), segments, out);
    }
    return;
  }
  if (!hasGlob(head)) {
    await expand(join(base, head), rest, out);
    return;
  }
  for (const e of await list(base)) {
    if (!matchSegment(head, e.name)) continue;
    if (rest.length === 0 || e.dir) await expand(join(base, e.name), rest, out);
  }
}

/**
 * Expands a glob into the existing paths it matches, sorted, without duplicates. Paths that do
 * not exist are never returned (a plain path is returned as given when it exists).
 *
 * @example
 * await expandGlob('archive/**\/*.mbox'); // ['archive/2019/inbox.mbox', 'archive/inbox.mbox']
 */
export async function expandGlob(pattern: string): Promise<string[]> {
  const absolute = pattern.startsWith('/');
  const segments = pattern.split('/').filter((s) => s !== '' && s !== '.');
  const out = new Set<string>();
  await expand(absolute ? '/' : '.', segments, out);
  const found: string[] = [];
  for (const p of [...out].sort()) {
    try {
      await stat(p);
      found.push(p);
    } catch {
      // a literal segment that does not exist
    }
  }
  return found;
}
