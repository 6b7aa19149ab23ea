/**
 * A multi-pattern substring matcher (Aho–Corasick over UTF-16 code units): one pass over a text
 * finds every occurrence of every pattern, whatever the number of patterns. The address search
 * uses it for the plain, percent-encoded and base64 forms of every recipient, so a message to
 * thousands of addresses costs time linear in its URLs, not in URLs × addresses.
 * Browser-safe: no Node built-ins.
 */

/**
 * A compiled set of patterns.
 *
 * @example
 * const m = compileMatcher(['he', 'she', 'hers']);
 * const hits: number[] = [];
 * m.scan('ushers', (pattern) => hits.push(pattern)); // hits: [1, 0, 2] (she, he, hers)
 */
export interface Matcher {
  /** How many patterns were compiled (empty patterns included, though they never match). */
  readonly size: number;
  /**
   * Calls `visit(pattern, end)` for each occurrence of each pattern, in order of `end` (the index
   * just past the occurrence); patterns ending at the same place come longest first. Return
   * `false` from `visit` to stop early.
   */
  scan(text: string, visit: (pattern: number, end: number) => boolean | void): void;
}

/** Child state of `state` on code unit `c`; one map for every edge keeps memory flat. */
const edge = (state: number, c: number): number => state * 65_536 + c;

/**
 * Compiles patterns into a {@link Matcher}. Cost: linear in their total length.
 *
 * @example
 * compileMatcher(['a@b.example']).size; // 1
 */
export function compileMatcher(patterns: readonly string[]): Matcher {
  const next = new Map<number, number>();
  const children: number[][] = [[]];
  // pattern ending exactly at a state, or -1
  const ends: number[] = [-1];
  for (let p = 0; p < patterns.length; p++) {
    const text = patterns[p] ?? '';
    if (text.length === 0) continue;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const key = edge(state, text.charCodeAt(i));
      let to = next.get(key);
      if (to === undefined) {
        to = ends.length;
        next.set(key, to);
        ends.push(-1);
        children.push([]);
        (children[state] as number[]).push(text.charCodeAt(i));
      }
      state = to;
    }
    if (ends[state] === -1) ends[state] = p;
  }
  const states = ends.length;
  const fail = new Int32Array(states);
  // nearest state on the fail chain (itself excluded) where a pattern ends, or -1
  const output = new Int32Array(states).fill(-1);
  // breadth first, so every fail target is final before it is used
  const queue: number[] = [0];
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head] as number;
    for (const c of children[state] as number[]) {
      const child = next.get(edge(state, c)) as number;
      queue.push(child);
      if (state === 0) continue;
      let f = fail[state] as number;
      let target = next.get(edge(f, c));
      while (target === undefined && f !== 0) {
        f = fail[f] as number;
        target = next.get(edge(f, c));
      }
      const to = target ?? 0;
      fail[child] = to;
      output[child] = (ends[to] as number) >= 0 ? to : (output[to] as number);
    }
  }
  return {
    size: patterns.length,
    scan(text, visit) {
      if (states === 1) return;
      let state = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        let to = next.get(edge(state, c));
        while (to === undefined && state !== 0) {
          state = fail[state] as number;
          to = next.get(edge(state, c));
        }
        state = to ?? 0;
        for (let s = (ends[state] as number) >= 0 ? state : (output[state] as number); s > 0; s = output[s] as number) {
          if (visit(ends[s] as number, i + 1) === false) return;
        }
      }
    },
  };
}
