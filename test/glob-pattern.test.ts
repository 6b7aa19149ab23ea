/**
 * The command line's globs: `{a,b}` alternatives and `[…]` classes besides `*` and `?`, anchored,
 * checked against a plain recursive definition, and bounded in work whatever the pattern.
 */
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expandGlob, hasGlob, matchSegment } from '../src/batch/glob.js';
import { expandBraces, GlobError, MAX_ALTERNATIVES, matchTokens, tokenize } from '../src/batch/glob-pattern.js';

describe('expandBraces', () => {
  it.each([
    ['0{1,2}*', ['01*', '02*']],
    ['{a,b}{c,d}', ['ac', 'ad', 'bc', 'bd']],
    ['{a,b{c,d}}x', ['ax', 'bcx', 'bdx']],
    ['{2019,2020}/**/*.mbox', ['2019/**/*.mbox', '2020/**/*.mbox']],
    ['a{,b}', ['a', 'ab']],
    ['{x}', ['{x}']],
    ['{}', ['{}']],
    ['{a,b', ['{a,b']],
    ['a}b', ['a}b']],
    ['\\{a,b}', ['\\{a,b}']],
    ['{a\\,b,c}', ['a\\,b', 'c']],
    ['{{a,b}}', ['{a}', '{b}']],
    ['plain.eml', ['plain.eml']],
  ])('%s → %j', (pattern, want) => expect(expandBraces(pattern)).toEqual(want));

  it('refuses a pattern with too many alternatives, naming it', () => {
    const pattern = '{a,b}'.repeat(11);
    expect(() => expandBraces(pattern)).toThrow(GlobError);
    expect(() => expandBraces(pattern)).toThrow(`${pattern} has more than ${MAX_ALTERNATIVES}`);
    expect(expandBraces('{a,b}'.repeat(10))).toHaveLength(1024);
  });

  it('costs no more for deeply nested braces without commas', () => {
    const deep = `${'{'.repeat(20_000)}x${'}'.repeat(20_000)}`;
    expect(expandBraces(deep)).toEqual([deep]);
  });
});

describe('matchSegment with classes', () => {
  it.each([
    ['[1-3]*', '2-news.eml', true],
    ['[1-3]*', '4-news.eml', false],
    ['[!0]*', '1.eml', true],
    ['[!0]*', '0.eml', false],
    ['[^0]*', '0.eml', false],
    ['[abc].eml', 'b.eml', true],
    ['[a-cx-z]', 'y', true],
    ['[a-cx-z]', 'd', false],
    ['[]]', ']', true],
    ['[!]]', ']', false],
    ['[a-]', '-', true],
    ['[\\]]', ']', true],
    ['[', '[', true],
    ['[a', '[a', true],
    ['a[b', 'a[b', true],
    ['\\*', '*', true],
    ['\\*', 'x', false],
    ['\\?', 'x', false],
    ['[*]', '*', true],
    ['[*]', 'x', false],
    ['[.]x', '.x', false],
    ['\\.x', '.x', true],
    ['*[0-9]', '.9', false],
    ['?', '😀', true],
    ['[😀-😂]', '😁', true],
    ['[\uE000-\uFFFF]', '😁', false],
    ['0[1-2]*', '01-a.eml', true],
    ['0[1-2]*', '03-a.eml', false],
  ])('%s ~ %s → %s', (p, n, want) => expect(matchSegment(p, n)).toBe(want));

  it('sees glob characters', () => {
    expect(['a*', 'a?', '[1-3]', '0{1,2}', 'plain.eml'].map(hasGlob)).toEqual([true, true, true, true, false]);
  });
});

/** The plain recursive definition of a match (exponential, for tiny inputs only). */
function reference(p: readonly string[], t: readonly string[]): boolean {
  const [head, ...rest] = p;
  if (head === undefined) return t.length === 0;
  if (head === '*') return reference(rest, t) || (t.length > 0 && reference(p, t.slice(1)));
  if (t.length === 0) return false;
  const c = t[0] ?? '';
  const fits = head === '?' || head === c || (head === '[ab]' && (c === 'a' || c === 'b')) || (head === '[!a]' && c !== 'a');
  return fits && reference(rest, t.slice(1));
}

describe('matchTokens', () => {
  it('agrees with the recursive definition on random patterns', () => {
    const piece = fc.constantFrom('a', 'b', 'c', '*', '?', '[ab]', '[!a]');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 7 }), fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 9 }), (pieces, text) => {
        expect(matchTokens(tokenize(pieces.join('')), text)).toBe(reference(pieces, Array.from(text)));
      }),
      { seed: 13, numRuns: 3000 },
    );
  });

  it('is anchored at both ends', () => {
    expect(matchSegment('a', 'ab')).toBe(false);
    expect(matchSegment('b', 'ab')).toBe(false);
    expect(matchSegment('[ab]', 'ab')).toBe(false);
    expect(matchSegment('ab', 'a')).toBe(false);
    expect(matchSegment('a[b]', 'a')).toBe(false);
  });

  // Work, not time: the matcher's steps are counted, never more than (tokens + 1) × (characters + 1).
  it.each([
    ['*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(5000)],
    ['*[ab]*[ab]*[ab]*[ab]*c', 'ab'.repeat(2500)],
    ['*?*?*?*?*?*?*?*?*x', 'y'.repeat(5000)],
    [`${'*a'.repeat(50)}b`, 'a'.repeat(5000)],
  ])('bounds its work on %s', (pattern, name) => {
    const tokens = tokenize(pattern);
    const steps = { n: 0 };
    expect(matchTokens(tokens, name, steps)).toBe(false);
    expect(steps.n).toBeLessThanOrEqual((tokens.length + 1) * (name.length + 1));
  });

  it('stays linear when there is one star', () => {
    const count = (n: number): number => {
      const steps = { n: 0 };
      matchTokens(tokenize('*[0-9].eml'), `${'x'.repeat(n)}7.eml`, steps);
      return steps.n;
    };
    expect(count(20_000)).toBeLessThanOrEqual(2 * count(10_000) + 10);
  });
});

describe('expandGlob with braces and classes', () => {
  let root = '';
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'spypixel-glob-'));
    for (const p of ['01-a.eml', '02-b.eml', '03-c.eml', '10-d.eml', '.04-hidden.eml', '2019/x.mbox', '2020/y.mbox', '2021/z.mbox']) {
      mkdirSync(join(root, p, '..'), { recursive: true });
      writeFileSync(join(root, p), 'x');
    }
  });
  const rel = (ps: string[]): string[] => ps.map((p) => p.slice(root.length + 1));

  it.each([
    ['0{1,2}*', ['01-a.eml', '02-b.eml']],
    ['[1-3]*', ['10-d.eml', '2019', '2020', '2021']],
    ['0[2-3]-?.eml', ['02-b.eml', '03-c.eml']],
    ['[!0]*.eml', ['10-d.eml']],
    ['{2019,2021}/*.mbox', ['2019/x.mbox', '2021/z.mbox']],
    ['{01,10}-*.eml', ['01-a.eml', '10-d.eml']],
    ['{0*,*d}.eml', ['01-a.eml', '02-b.eml', '03-c.eml', '10-d.eml']],
    ['*{b,c}.eml', ['02-b.eml', '03-c.eml']],
    ['20[12][!9]/*', ['2020/y.mbox', '2021/z.mbox']],
  ])('%s', async (pattern, want) => {
    expect(rel(await expandGlob(`${root}/${pattern}`))).toEqual(want);
  });
});
