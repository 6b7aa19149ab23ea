/**
 * Pattern primitives of the catalogue: `*` globs, path patterns and host patterns with the `#`
 * digit-run wildcard. No regexes: every matcher is a linear walk (globs backtrack only to the last
 * `*`, so the cost is bounded by pattern length × text length, and patterns are short).
 */
import { wildcardMatch } from '../util/wildcard.js';

/**
 * Matches `text` against a glob where `*` stands for any run of characters (also empty).
 *
 * @example
 * globMatch('UA-*', 'UA-123-1'); // true
 * globMatch('*.gif', 'o.png');   // false
 */
export function globMatch(pattern: string, text: string): boolean {
  return wildcardMatch(pattern, text, false);
}

/** A path pattern split into lower-case segments; `rest` when it ends with `**`. */
export interface PathPattern {
  readonly segments: readonly string[];
  readonly rest: boolean;
}

/**
 * Splits a path pattern (`/track/*.gif`, `/r/**`) into lower-case segments.
 *
 * @example
 * compilePath('/e/*\/**'); // { segments: ['e', '*'], rest: true }
 */
export function compilePath(path: string): PathPattern {
  const parts = path
    .split('/')
    .filter((s) => s.length > 0)
    .map((s) => s.toLowerCase());
  const rest = parts[parts.length - 1] === '**';
  return { segments: rest ? parts.slice(0, -1) : parts, rest };
}

/**
 * Matches decoded URL path segments against a compiled path pattern, ignoring ASCII case. A `*`
 * segment matches exactly one segment; `**` at the end matches zero or more.
 *
 * @example
 * pathMatch(compilePath('/track/open.php'), ['track', 'open.php']); // true
 */
export function pathMatch(pattern: PathPattern, segments: readonly string[]): boolean {
  const n = pattern.segments.length;
  if (pattern.rest ? segments.length < n : segments.length !== n) return false;
  for (let i = 0; i < n; i += 1) {
    const p = pattern.segments[i] ?? '';
    if (p === '*') continue;
    const s = (segments[i] ?? '').toLowerCase();
    if (p.includes('*') ? !globMatch(p, s) : p !== s) return false;
  }
  return true;
}

/** True when a path-pattern segment has no wildcard. */
export function isLiteralSegment(segment: string): boolean {
  return !segment.includes('*');
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/**
 * Replaces every run of digits with `#`: the key under which `#` host patterns are indexed.
 *
 * @example
 * collapseDigits('cmail19.com'); // 'cmail#.com'
 */
export function collapseDigits(text: string): string {
  let out = '';
  let inRun = false;
  for (const c of text) {
    if (isDigit(c) || c === '#') {
      if (!inRun) out += '#';
      inRun = true;
    } else {
      out += c;
      inRun = false;
    }
  }
  return out;
}

/**
 * Matches one host label against a label pattern where `#` stands for a run of one or more digits.
 * Validation guarantees that no digit follows `#` in a pattern, so consuming greedily is exact.
 *
 * @example
 * labelMatch('cmail#', 'cmail20'); // true
 * labelMatch('cmail#', 'cmail');   // false
 */
export function labelMatch(pattern: string, label: string): boolean {
  let p = 0;
  let t = 0;
  while (p < pattern.length) {
    const pc = pattern[p];
    if (pc === '#') {
      if (!isDigit(label[t])) return false;
      while (isDigit(label[t])) t += 1;
    } else {
      if (label[t] !== pc) return false;
      t += 1;
    }
    p += 1;
  }
  return t === label.length;
}

/**
 * Matches a whole host (or host suffix of the same label count) against a host pattern, label by
 * label.
 *
 * @example
 * hostPatternMatch('cmail#.com', 'cmail19.com'); // true
 */
export function hostPatternMatch(pattern: string, host: string): boolean {
  const pl = pattern.split('.');
  const hl = host.split('.');
  if (pl.length !== hl.length) return false;
  return pl.every((p, i) => labelMatch(p, hl[i] ?? ''));
}

/**
 * True when a host pattern's first label is a glob (`*-dot-yamm-track.appspot.com`): such a
 * pattern is indexed by the rest of the host (`appspot.com`) and its first label is matched with
 * `globMatch`. Only the first label may hold `*`, so the rest stays an exact hash key.
 *
 * @example
 * isGlobHost('*-dot-yamm-track.appspot.com'); // true
 * isGlobHost('yamm-track.appspot.com');       // false
 */
export function isGlobHost(pattern: string): boolean {
  const dot = pattern.indexOf('.');
  return dot > 0 && pattern.slice(0, dot).includes('*');
}

/**
 * Splits a host (or host pattern) into its first label and the rest; `null` without a dot.
 *
 * @example
 * splitFirstLabel('yj2-dot-yamm-track.appspot.com'); // ['yj2-dot-yamm-track', 'appspot.com']
 */
export function splitFirstLabel(host: string): readonly [string, string] | null {
  const dot = host.indexOf('.');
  return dot <= 0 ? null : [host.slice(0, dot), host.slice(dot + 1)];
}

/**
 * The label-boundary suffixes of a host, longest first: `a.b.c.com` → `a.b.c.com`, `b.c.com`,
 * `c.com`, `com`. Never yields a partial label, so `evil-list-manage.com` has no suffix
 * `list-manage.com`.
 *
 * @example
 * hostSuffixes('x.us3.list-manage.com'); // ['x.us3.list-manage.com', 'us3.list-manage.com', 'list-manage.com', 'com']
 */
export function hostSuffixes(host: string): string[] {
  const out: string[] = [];
  let rest = host;
  for (;;) {
    out.push(rest);
    const dot = rest.indexOf('.');
    if (dot < 0) return out;
    rest = rest.slice(dot + 1);
  }
}
