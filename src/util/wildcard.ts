/**
 * One wildcard matcher for the catalogue's path and parameter globs and the CLI's file globs.
 * No regexes: greedy with a single backtrack point (the last `*`), so the cost is bounded by
 * pattern length × text length and linear in practice.
 */

/**
 * Whether `text` matches `pattern`, where `*` stands for any run of characters (also empty) and,
 * when `question` is set, `?` for exactly one character.
 *
 * @example
 * wildcardMatch('UA-*', 'UA-123-1', false); // true
 * wildcardMatch('a?.eml', 'ab.eml', true);  // true
 */
export function wildcardMatch(pattern: string, text: string, question: boolean): boolean {
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    const pc = pattern[p];
    if (pc === '*') {
      starP = p;
      starT = t;
      p += 1;
    } else if (pc !== undefined && (pc === text[t] || (question && pc === '?'))) {
      p += 1;
      t += 1;
    } else if (starP >= 0) {
      p = starP + 1;
      starT += 1;
      t = starT;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p += 1;
  return p === pattern.length;
}
