/**
 * The multi-pattern matcher behind the address search: every occurrence of every pattern, checked
 * against a plain `indexOf` search on random patterns over a tiny alphabet (overlaps, suffixes and
 * repeats everywhere).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileMatcher } from '../src/leaks/automaton.js';

function occurrences(text: string, patterns: readonly string[]): string[] {
  const out: string[] = [];
  patterns.forEach((p, i) => {
    if (p.length === 0 || patterns.indexOf(p) !== i) return;
    for (let at = text.indexOf(p); at >= 0; at = text.indexOf(p, at + 1)) out.push(`${i}@${at + p.length}`);
  });
  return out.sort();
}

function matched(text: string, patterns: readonly string[]): string[] {
  const out: string[] = [];
  compileMatcher(patterns).scan(text, (p, end) => {
    out.push(`${p}@${end}`);
  });
  return out.sort();
}

describe('compileMatcher', () => {
  it('finds every occurrence of every pattern (property)', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', '@', 'é'), maxLength: 6 });
    fc.assert(
      fc.property(fc.array(word, { maxLength: 12 }), fc.string({ unit: fc.constantFrom('a', 'b', '@', 'é', 'x'), maxLength: 60 }), (patterns, text) => {
        expect(matched(text, patterns)).toEqual(occurrences(text, patterns));
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it.each([
    ['classic overlaps', ['he', 'she', 'his', 'hers'], 'ushers', ['0@4', '1@4', '3@6']],
    ['a pattern inside another', ['a@b.example', 'xa@b.example'], 'xa@b.example', ['0@12', '1@12']],
    ['no patterns', [], 'anything', []],
    ['empty patterns never match', ['', 'a'], 'aa', ['1@1', '1@2']],
    ['surrogate pairs are two code units', ['😀'], 'a😀', ['0@3']],
  ])('%s', (_name, patterns, text, expected) => {
    expect(matched(text, patterns)).toEqual(expected);
  });

  it('stops when the visitor returns false', () => {
    const seen: number[] = [];
    compileMatcher(['a']).scan('aaaa', (_p, end) => {
      seen.push(end);
      return seen.length < 2;
    });
    expect(seen).toEqual([1, 2]);
  });
});
