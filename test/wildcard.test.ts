import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wildcardMatch } from '../src/util/wildcard.js';

describe('wildcardMatch', () => {
  const table: Array<[string, string, boolean, boolean]> = [
    ['UA-*', 'UA-123-1', false, true],
    ['*.gif', 'o.png', false, false],
    ['*', '', false, true],
    ['a*b*c', 'aXbYc', false, true],
    ['a*b*c', 'aXbY', false, false],
    ['a?.eml', 'ab.eml', true, true],
    ['a?.eml', 'ab.eml', false, false],
    ['a?.eml', 'a?.eml', false, true],
  ];
  it.each(table)('%s ~ %s (? wildcard %s) → %s', (p, t, q, want) => {
    expect(wildcardMatch(p, t, q)).toBe(want);
  });
  it('stays fast on patterns built to backtrack', () => {
    const text = 'a'.repeat(20_000);
    expect(wildcardMatch(`${'*a'.repeat(20)}b`, text, false)).toBe(false);
  });
  it('agrees with a reference on random input', () => {
    const ref = (p: string, t: string): boolean => {
      // Exponential but tiny inputs: the plain recursive definition.
      if (p.length === 0) return t.length === 0;
      if (p[0] === '*') return ref(p.slice(1), t) || (t.length > 0 && ref(p, t.slice(1)));
      return t.length > 0 && p[0] === t[0] && ref(p.slice(1), t.slice(1));
    };
    const chars = fc.constantFrom('a', 'b', '*');
    fc.assert(
      fc.property(fc.string({ unit: chars, maxLength: 8 }), fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 10 }), (p, t) => {
        expect(wildcardMatch(p, t, false)).toBe(ref(p, t));
      }),
      { seed: 42, numRuns: 2000 },
    );
  });
});
