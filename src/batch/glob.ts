/**
 * Glob expansion without a dependency (Node 20 has no `fs.glob`): `*`, `?`, `[…]` classes within
 * one path segment, `{a,b}` alternatives, `**` for any number of folders (see glob-pattern.ts).
 * Hidden names match only a pattern that starts with a dot, as in shells.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { expandBraces, matchTokens, tokenize, type Token } from './glob-pattern.js';

/**
 * Whether a command-line path contains glob characters.
 *
 * @example
 * hasGlob('mail/**\/*.eml'); // true
 */
export function hasGlob(path: string): boolean {
  return /[*?[{]/.test(path);
}

/** Whether a name matches a segment's tokens; as shells do, only a literal dot matches a leading dot. */
function matchName(tokens: readonly Token[], name: string): boolean {
  const first = tokens[0];
  if (name.startsWith('.') && !(first?.kind === 'char' && first.char === '.')) return false;
  return matchTokens(tokens, name);
}

/**
 * Matches one name against one segment pattern (`*`, `?`, `[…]`; no braces: see
 * {@link expandGlob}). Greedy with a single backtrack point, so it runs in O(name × pattern) at
 * worst and linear in practice.
 *
 * @example
 * matchSegment('*.eml', 'a.eml');  // true
 * matchSegment('[1-3]*', '2.eml'); // true
 */
export function matchSegment(pattern: string, name: string): boolean {
  return matchName(tokenize(pattern), name);
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
  const tokens = tokenize(head);
  for (const e of await list(base)) {
    if (!matchName(tokens, e.name)) continue;
    if (rest.length === 0 || e.dir) await expand(join(base, e.name), rest, out);
  }
}

/**
 * Expands a glob into the existing paths it matches, sorted, without duplicates. Paths that do
 * not exist are never returned (a plain path is returned as given when it exists). Throws a
 * `GlobError` for a pattern with too many `{…}` alternatives.
 *
 * @example
 * await expandGlob('archive/**\/*.mbox'); // ['archive/2019/inbox.mbox', 'archive/inbox.mbox']
 * await expandGlob('mail/0{1,2}*');       // ['mail/01-a.eml', 'mail/02-b.eml']
 */
export async function expandGlob(pattern: string): Promise<string[]> {
  const out = new Set<string>();
  for (const alternative of expandBraces(pattern)) {
    const absolute = alternative.startsWith('/');
    const segments = alternative.split('/').filter((s) => s !== '' && s !== '.');
    await expand(absolute ? '/' : '.', segments, out);
  }
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
