import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { identifierShape, looksLikeUrl } from '../src/classify/identifiers.js';
import { sizeClass, hasTrackingPath, isSpacerName } from '../src/classify/signals.js';
import { parseUrl } from '../src/url/parse.js';

describe('identifierShape', () => {
  const table: Array<[string, string | null]> = [
    ['3f2b8c1e-9d4a-4b7e-8f00-1a2b3c4d5e6f', 'uuid'],
    ['3f2b8c1e9d4a4b7e8f001a2b3c4d5e6f', 'uuid'],
    ['b58996c504c5638798eb6b511e6f49af', 'uuid'],
    ['63a710569261a24b3766275b7000ce8d7b32e2f7', 'hex'],
    ['p9unqonzo5iqumomk5uq', 'opaque'],
    ['dXNlckBleGFtcGxlLmNvbQ==', 'base64'],
    ['*|UNIQID|*', 'merge-tag'],
    ['{{contact.id}}', 'merge-tag'],
    ['%%emailaddr%%', 'merge-tag'],
    ['[UNIQUE]', 'merge-tag'],
    ['123456789012345', 'long-number'],
    ['12345', null],
    ['newsletter-january-2026', null],
    ['spring_sale_banner_final', null],
    ['logo.png', null],
    ['182c5e4510f', null],
    ['2026-01-15', null],
    ['email', null],
    ['', null],
  ];
  it.each(table)('%s → %s', (v, shape) => {
    expect(identifierShape(v)).toBe(shape);
  });
  it('never throws and is deterministic', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => identifierShape(s) === identifierShape(s)),
      { seed: 42, numRuns: 2000 },
    );
  });
  it('recognises encoded destinations', () => {
    expect(looksLikeUrl('https%3A%2F%2Fshop.example')).toBe(true);
    expect(looksLikeUrl('HTTPS://shop.example')).toBe(true);
    expect(looksLikeUrl('shop')).toBe(false);
  });
});

describe('size and path signals', () => {
  const sizes: Array<[number | null, number | null, string]> = [
    [1, 1, '1x1'], [0, 0, 'zero'], [0, 1, 'zero'], [2, 3, 'tiny'], [600, 1, 'sized'], [1, 5, 'sized'],
    [null, null, 'none'], [null, 1, 'tiny'], [1, null, 'tiny'], [null, 20, 'sized'], [20, 20, 'sized'],
  ];
  it.each(sizes)('%s×%s → %s', (width, height, cls) => {
    expect(sizeClass({ width, height })).toBe(cls);
  });
  it('spots tracking words and spacer names', () => {
    const u = (s: string) => parseUrl(s) ?? (() => { throw new Error(s); })();
    expect(hasTrackingPath(u('https://x.example/track/open'))).toBe(true);
    expect(hasTrackingPath(u('https://x.example/t/abc/o.gif'))).toBe(true);
    expect(hasTrackingPath(u('https://x.example/images/banner.jpg'))).toBe(false);
    expect(isSpacerName(u('https://x.example/img/spacer.gif'))).toBe(true);
    expect(isSpacerName(u('https://x.example/resc/1/0/transparent.gif'))).toBe(true);
    expect(isSpacerName(u('https://x.example/o/abc.gif'))).toBe(false);
  });
});
