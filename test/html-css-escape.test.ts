/**
 * CSS escapes in a function name: a browser reads `u\72l(…)` as `url(…)` and loads it, so the
 * scanner must too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unescapeUrlFunctions } from '../src/html/css-escape.js';
import { valueUrls } from '../src/html/css.js';

describe('unescapeUrlFunctions', () => {
  it.each([
    ['u\\72l(a.gif)', 'url(a.gif)'],
    ['\\75 rl(a.gif)', 'url(a.gif)'],
    ['\\000075\\000072\\00006c(a.gif)', 'url(a.gif)'],
    ['u\\rl(a.gif) U\\52L(b.gif)', 'url(a.gif) url(b.gif)'],
    ['"u\\72l(a.gif)"', '"u\\72l(a.gif)"'],
    ['/* u\\72l(a.gif) */', '/* u\\72l(a.gif) */'],
    ['u\\72l-x(a.gif) f\\6fo(a)', 'u\\72l-x(a.gif) f\\6fo(a)'],
    ['url(a\\2e gif)', 'url(a\\2e gif)'],
    ['plain', 'plain'],
  ])('%s → %s', (value, expected) => {
    expect(unescapeUrlFunctions(value)).toBe(expected);
  });

  it('never throws, and changes only escaped url function names', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('u', 'r', 'l', '\\', '7', '2', '5', ' ', '(', ')', '"', "'", '/', '*', 'a', '\n'), maxLength: 40 }), (v) => {
        const out = unescapeUrlFunctions(v);
        expect(out.length).toBeLessThanOrEqual(v.length);
        if (!v.includes('\\')) expect(out).toBe(v);
      }),
      { seed: 7, numRuns: 1000 },
    );
  });
});

describe('valueUrls with escaped names', () => {
  it.each(['u\\72l(https://t.example/p.gif)', '\\75 rl("https://t.example/p.gif")', 'no-repeat U\\52 L(https://t.example/p.gif)'])('%s', (value) => {
    expect(valueUrls(value, { error: false })).toEqual(['https://t.example/p.gif']);
  });
});
