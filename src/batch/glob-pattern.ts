/**
 * The command line's glob language, as shells know it: `*` and `?` within one name, classes
 * `[a-c]`, `[!x]` (or `[^x]`), alternatives `{a,b}` (nested, and across folders: `{2019,2020}/*`),
 * `\` to take the next character as it is. No regexes: braces are expanded first (a bounded number
 * of alternatives), then each name is matched against tokens, anchored at both ends, by a greedy
 * matcher with a single backtrack point (the last `*`): at most (tokens + 1) × (characters + 1)
 * steps, whatever the pattern.
 */

/**
 * A glob the command line cannot use: too many alternatives.
 *
 * @example
 * try { expandBraces('{a,b}'.repeat(20)); } catch (e) { if (e instanceof GlobError) console.error(e.message); }
 */
export class GlobError extends Error {}

/**
 * The most alternatives one glob may expand to: far more than any hand-written pattern, few
 * enough that a pattern cannot make the run list folders for ever.
 *
 * @example
 * expandBraces('{1,2}{1,2}').length <= MAX_ALTERNATIVES; // true
 */
export const MAX_ALTERNATIVES = 1024;

/**
 * The first `{…}` group at or after `from` with a top-level comma: its bounds and commas, found in
 * one pass with a stack (so deeply nested braces cost no more than flat ones). `null` when none:
 * as in shells, `{}`, `{x}` and an unclosed `{` are plain characters.
 */
function firstGroup(p: string, from: number): { open: number; close: number; commas: number[] } | null {
  const stack: Array<{ open: number; commas: number[] }> = [];
  let best: { open: number; close: number; commas: number[] } | null = null;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') i++;
    else if (c === '{') stack.push({ open: i, commas: [] });
    else if (c === ',') stack.at(-1)?.commas.push(i);
    else if (c === '}') {
      const g = stack.pop();
      if (g !== undefined && g.open >= from && g.commas.length > 0 && (best === null || g.open < best.open)) best = { ...g, close: i };
    }
  }
  return best;
}

function expandFrom(p: string, from: number, out: string[], original: string): void {
  const g = firstGroup(p, from);
  if (g === null) {
    out.push(p);
    return;
  }
  const bounds = [g.open, ...g.commas, g.close];
  const head = p.slice(0, g.open);
  const tail = p.slice(g.close + 1);
  for (let k = 0; k + 1 < bounds.length; k++) {
    expandFrom(`${head}${p.slice((bounds[k] ?? 0) + 1, bounds[k + 1])}${tail}`, g.open, out, original);
    if (out.length > MAX_ALTERNATIVES) throw new GlobError(`${original} has more than ${MAX_ALTERNATIVES} {…} alternatives; split it in several patterns`);
  }
}

/**
 * The patterns a glob's `{…,…}` alternatives stand for, in order. Throws a {@link GlobError}
 * past {@link MAX_ALTERNATIVES}.
 *
 * @example
 * expandBraces('mail/0{1,2}*.eml'); // ['mail/01*.eml', 'mail/02*.eml']
 * expandBraces('{a,b{c,d}}');       // ['a', 'bc', 'bd']
 */
export function expandBraces(pattern: string): string[] {
  const out: string[] = [];
  expandFrom(pattern, 0, out, pattern);
  return out;
}

/**
 * One token of a name pattern.
 *
 * @example
 * const t: Token = { kind: 'class', negated: false, ranges: [['1', '3']] };
 */
export type Token =
  | { readonly kind: 'char'; readonly char: string }
  | { readonly kind: 'one' }
  | { readonly kind: 'star' }
  | { readonly kind: 'class'; readonly negated: boolean; readonly ranges: ReadonlyArray<readonly [string, string]> };

/** The class starting at `open` (a `[`) and the index after it, or `null` when it is not closed. */
function parseClass(chars: readonly string[], open: number): { token: Token; next: number } | null {
  let i = open + 1;
  const negated = chars[i] === '!' || chars[i] === '^';
  if (negated) i++;
  const read = (at: number): { c: string | undefined; next: number } =>
    chars[at] === '\\' && at + 1 < chars.length ? { c: chars[at + 1], next: at + 2 } : { c: chars[at], next: at + 1 };
  const ranges: Array<[string, string]> = [];
  // A `]` first in the class is one of its characters.
  for (let first = true; i < chars.length; first = false) {
    if (chars[i] === ']' && !first) return { token: { kind: 'class', negated, ranges }, next: i + 1 };
    const lo = read(i);
    if (lo.c === undefined) return null;
    i = lo.next;
    if (chars[i] === '-' && i + 1 < chars.length && chars[i + 1] !== ']') {
      const hi = read(i + 1);
      if (hi.c === undefined) return null;
      ranges.push([lo.c, hi.c]);
      i = hi.next;
    } else ranges.push([lo.c, lo.c]);
  }
  return null;
}

/**
 * The tokens of one name pattern (no `/`, braces already expanded). Characters are Unicode code
 * points, so `?` matches one letter whatever its UTF-16 length.
 *
 * @example
 * tokenize('[1-3]*.eml').map((t) => t.kind); // ['class', 'star', 'char', 'char', 'char', 'char']
 */
export function tokenize(pattern: string): Token[] {
  const chars = Array.from(pattern);
  const tokens: Token[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? '';
    if (c === '*') {
      // `**` inside a name is one `*`: consecutive stars add nothing but work.
      if (tokens.at(-1)?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (c === '?') tokens.push({ kind: 'one' });
    else if (c === '\\' && i + 1 < chars.length) tokens.push({ kind: 'char', char: chars[++i] ?? '' });
    else if (c === '[') {
      const cls = parseClass(chars, i);
      if (cls === null) tokens.push({ kind: 'char', char: c });
      else {
        tokens.push(cls.token);
        i = cls.next - 1;
      }
    } else tokens.push({ kind: 'char', char: c });
  }
  return tokens;
}

function fits(t: Token, c: string): boolean {
  switch (t.kind) {
    case 'char':
      return t.char === c;
    case 'one':
      return true;
    case 'star':
      return false;
    case 'class': {
      // By code point: UTF-16 order would put astral letters before U+E000…U+FFFF.
      const at = c.codePointAt(0) ?? -1;
      return t.ranges.some(([lo, hi]) => at >= (lo.codePointAt(0) ?? 0) && at <= (hi.codePointAt(0) ?? 0)) !== t.negated;
    }
  }
}

/**
 * Whether a whole name matches a token list. `steps`, when given, counts the loop's iterations
 * (tests hold it under (tokens + 1) × (characters + 1)).
 *
 * @example
 * matchTokens(tokenize('0[1-2]*'), '01-news.eml'); // true
 */
export function matchTokens(tokens: readonly Token[], name: string, steps?: { n: number }): boolean {
  const text = Array.from(name);
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    if (steps !== undefined) steps.n++;
    const tok = tokens[p];
    if (tok?.kind === 'star') {
      starP = p;
      starT = t;
      p++;
    } else if (tok !== undefined && fits(tok, text[t] ?? '')) {
      p++;
      t++;
    } else if (starP >= 0) {
      p = starP + 1;
      starT++;
      t = starT;
    } else return false;
  }
  while (tokens[p]?.kind === 'star') p++;
  return p === tokens.length;
}
