// The per-file (not per-recipient) tokens of image URLs: unit rows for src/classify/image-query.ts
// and compoundTokenShape. The scan-level tables are test/classify-negatives-*.test.ts.
import { describe, expect, it } from 'vitest';
import { compoundTokenShape } from '../src/classify/identifiers.js';
import { hasImageTransform, isFileTokenKey, isFingerprintedAsset } from '../src/classify/image-query.js';
import { url } from './helpers/resources.js';

describe('isFileTokenKey', () => {
  it.each([
    ['hash', 'https://www.brand.example/-/media/hero.ashx?w=600&hash=3F2B8C1E', true],
    ['X-Amz-Signature', 'https://b.s3.amazonaws.com/x.jpg?X-Amz-Signature=ab12', true],
    ['Signature', 'https://d1.cloudfront.net/x.jpg?Expires=1&Signature=ab12', true],
    ['v', 'https://cdn.example/spacer.gif?v=3f2b8c1e9d4a', true],
    ['v', 'https://cdn.example/fonts.css?v=3f2b8c1e9d4a', true],
    ['v', 'https://t.example/t?encv=2&v=RXRHd1pDa1oy', false],
    ['s', 'https://x.imgix.net/a.png?w=24&s=9c2f3e8b', true],
    ['s', 'https://t.example/o.gif?s=9c2f3e8b1a4d5c6e', false],
    ['ts', 'https://cdn.example/spacer.gif?ts=1715771234567', true],
    ['ts', 'https://cdn.example/spacer.gif?ts=8812', false],
    ['t', 'https://cdn.example/spacer.gif?t=Qk3xZ9aB7cD2eF4gH6', false],
    ['t', 'https://t.example/open?t=1715771234', false],
    ['u', 'https://cdn.example/spacer.gif?u=3f2b8c1e9d4a', false],
  ] as const)('%s in %s → %s', (key, u, want) => expect(isFileTokenKey(key, url(u))).toBe(want));
});

describe('hasImageTransform', () => {
  it.each([
    ['https://shop.example/ImageHandler.ashx?ImageID=7&width=600', true],
    ['https://shop.example/thumb.php?src=a.jpg&w=300&h=300&zc=1', true],
    ['https://shop.example/img.php?id=7&size=large', true],
    ['https://t.example/open.aspx?id=7', false],
    ['https://t.example/open.aspx?w=', false],
  ] as const)('%s → %s', (u, want) => expect(hasImageTransform(url(u))).toBe(want));
});

describe('isFingerprintedAsset', () => {
  it.each([
    ['logo.3f2b8c1e.png', true],
    ['1x1.3f2b8c1e.png', true],
    ['brand-regular.3f2b8c1e9d4a.woff2', true],
    [`logo-${'3f2b8c1e'.repeat(8)}.png`, true],
    ['logo-3f2b8c1e9d4a4b7e8f001a2b3c4d5e6f.png', false], // 32 hex: also an MD5 of an address
    ['3f2b8c1e9d4a4b7e8f001a2b3c4d5e6f.gif', false],
    ['open.3f2b8c1e9d4a4b7e8f001a2b3c4d5e6f.gif', false], // longer than a build hash
    ['logo.png', false],
    ['logo.v2.png', false],
  ] as const)('%s → %s', (seg, want) => expect(isFingerprintedAsset(seg)).toBe(want));
});

describe('compoundTokenShape', () => {
  it.each([
    ['2YPS0za1DdmZkArzVWMSmA==_b286167_tr0_t0.png', 'base64'],
    ['x~Qk3xZ9aB7cD2eF4gH6iJ8kL0mN1oP3==.gif', 'base64'],
    ['summer_sale_banner.png', null],
    ['logo_dark_3f2b8c1e9d4a4b7e.png', null],
    ['hero.png', null],
    ['a_b', null],
  ] as const)('%s → %s', (seg, want) => expect(compoundTokenShape(seg)).toBe(want));
  it('bounds the work on long segments', () => expect(compoundTokenShape('a_'.repeat(5000))).toBe(null));
});
