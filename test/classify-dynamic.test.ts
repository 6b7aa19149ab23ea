// Issue 11, class 5: tiny or unsized dynamic images that carry no opaque token. Each row is a
// shape of the class; the negative rows are the clean-mail shapes that must stay clean.
import { describe, expect, it } from 'vitest';
import { classify } from '../src/classify/classify.js';
import { hasSpreadNumericId, isScriptEndpoint, isStaticImageFile, isTrackingCompound } from '../src/classify/dynamic.js';
import { hasCountingQuery, hasTrackingPath } from '../src/classify/signals.js';
import type { Resource } from '../src/html/types.js';
import { url, img } from './helpers/resources.js';

describe('isTrackingCompound', () => {
  const rows: [string, boolean][] = [
    ['ReadReceipt', true], ['openlog', true], ['TrackOpen', true], ['MarkRead', true], ['trackurl', true], ['track-opening', true],
    ['email_open.gif', true], ['mailopen', true], ['trackpixel.png', true], ['open-email', true],
    ['catalog.png', false], ['logo.png', false], ['readme', false], ['openinghours', false], ['blog', false],
    ['viewcount', false], ['image', false], ['open', false], ['Summer2026Open', false], ['trackday', false],
  ];
  it.each(rows)('%s → %s', (seg, want) => expect(isTrackingCompound(seg)).toBe(want));
  it('bounds the work on long segments', () => expect(isTrackingCompound('open'.repeat(5000))).toBe(false));
});

describe('hasSpreadNumericId', () => {
  const rows: [string, boolean][] = [
    ['https://t.example/o/1234/56789/1234567', true],
    ['https://t.example/o/12/3456789.gif', true],
    ['https://t.example/p?id=12345-6789-01', true],
    ['https://t.example/p/12345_67890.gif', true],
    ['https://cdn.example/2024/01/15/photo.jpg', false],
    ['https://cdn.example/img/12/34.png', false],
    ['https://cdn.example/img/v1.2.3/logo.png', false],
    ['https://cdn.example/banner-2024-spring.jpg', false],
    ['https://t.example/p?id=123456789', false],
  ];
  it.each(rows)('%s → %s', (u, want) => expect(hasSpreadNumericId(url(u))).toBe(want));
});

describe('static files and counting queries', () => {
  it.each([
    ['https://shop.example/img/spacer.gif', true],
    ['https://shop.example/img/LOGO.PNG', true],
    ['https://shop.example/n/count', false],
    ['https://shop.example/mark.php', false],
    ['https://shop.example/', false],
  ] as const)('isStaticImageFile(%s) → %s', (u, want) => expect(isStaticImageFile(url(u))).toBe(want));
  it.each([
    ['https://news.example/images/10374608.109906.aspx', true],
    ['https://news.example/o/open.PHP', true],
    ['https://news.example/images/logo.png', false],
    ['https://news.example/images/', false],
  ] as const)('isScriptEndpoint(%s) → %s', (u, want) => expect(isScriptEndpoint(url(u))).toBe(want));
  it.each([
    ['https://shop.example/spacer.gif?c=12345', true],
    ['https://shop.example/spacer.gif?x', false],
    ['https://shop.example/spacer.gif?subscriber', true],
    ['https://cdn.example/spacer.gif?v=1613600000', false],
    ['https://cdn.example/spacer.gif?ver=2', false],
    ['https://cdn.example/spacer.gif?a=1', false],
  ] as const)('hasCountingQuery(%s) → %s', (u, want) => expect(hasCountingQuery(url(u))).toBe(want));
  it('reads tracking words inside compounds', () => {
    expect(hasTrackingPath(url('https://mail.example/api/v2/ReadReceipt'))).toBe(true);
    expect(hasTrackingPath(url('https://cdn.example/img/catalog/logo.png'))).toBe(false);
  });
});

type Row = [name: string, resource: Resource, thirdParty: boolean, kind: string | null, confidence: string | null];
const rows: Row[] = [
  // hits
  ['1x1, id spread over short numeric segments', img('https://news.shop.example/o/1234/56789/1234567', 1, 1), false, 'open-pixel', 'likely'],
  ['1x1, id joined with punctuation', img('https://t.shop.example/p.gif?id=12345-6789-012', 1, 1), false, 'open-pixel', 'likely'],
  ['1x1, ReadReceipt endpoint', img('https://mail.example.org/api/ReadReceipt?m=7', 1, 1), true, 'open-pixel', 'likely'],
  ['1x1, openlog endpoint', img('https://crm.example.org/openlog.php?m=7', 1, 1), true, 'open-pixel', 'likely'],
  ['0x0, TrackOpen endpoint', img('https://crm.example.org/TrackOpen.aspx', 0, 0), true, 'open-pixel', 'likely'],
  ['1x1, MarkRead endpoint', img('https://app.example.org/MarkRead/55', 1, 1), true, 'open-pixel', 'likely'],
  ['1x1, trackurl endpoint', img('https://x.example.org/trackurl?x=abc', 1, 1), true, 'open-pixel', 'likely'],
  ['first-party 1x1 counter with a query', img('https://www.shop.example/img/count.gif?n=20240115', 1, 1), false, 'open-pixel', 'possible'],
  ['spacer-named file with a query', img('https://t.shop.example/spacer.gif?m=88231&s=4', 1, 1), false, 'open-pixel', 'likely'],
  ['tiny dynamic endpoint without a file name', img('https://shop.example/n/o/12', 1, 1), false, 'open-pixel', 'likely'],
  ['tiny script endpoint', img('https://shop.example/cgi-bin/mark.cgi', 1, 1), false, 'open-pixel', 'likely'],
  ['unsized script endpoint whose name is an id', img('https://www.news.example/images/10374608.109906.aspx', null, null), true, 'open-pixel', 'possible'],
  ['unsized script endpoint with an opaque token', img('https://www.news.example/img.php?u=3f2b8c1e9d4a4b7e8f001a2b3c4d5e6f', null, null), true, 'open-pixel', 'possible'],
  ['unsized ReadReceipt with a counting query', img('https://mail.example.org/api/ReadReceipt?msg=4411', null, null), true, 'open-pixel', 'possible'],
  // clean mail stays clean
  ['static spacer', img('https://shop.example/img/spacer.gif', 1, 1), false, null, null],
  ['versioned spacer on a CDN', img('https://cdn.shopify.example/s/files/1/0262/blank.gif?v=1613600000', 1, 1), true, null, null],
  ['third-party transparent gif', img('https://cdn.example/resc/1/182c5e4510f/0/transparent.gif', 1, 1), true, null, null],
  ['first-party 1x1 static file without a query', img('https://www.shop.example/img/line.gif', 1, 1), false, null, null],
  ['sized content image of a dynamic image service', img('https://images.cdn.example/render/12345/678901', 600, 300), true, null, null],
  ['unsized content image with a date path', img('https://cdn.example/2024/01/15/photo.jpg', null, null), true, null, null],
  ['unsized script-served content image with a small id', img('https://www.shop.example/image.php?id=1234', null, null), true, null, null],
  ['unsized static file with a hashed name', img('https://cdn.example/i/3f2b8c1e9d4a4b7e8f001a2b3c4d5e6f.png', null, null), true, null, null],
  ['unsized dynamic content image without tracking word', img('https://img.cdn.example/p/12345/67890?w=600', null, null), true, null, null],
  ['divider line 600x1', img('https://cdn.example/line?c=1234', 600, 1), true, null, null],
  ['hidden responsive banner with numbers', img('https://cdn.example/img/2024/01/15/banner.jpg', 600, 300, { reason: 'display-none', ancestor: true }), true, null, null],
];

describe('classify: tiny and unsized dynamic images (class 5)', () => {
  it.each(rows)('%s', (_n, resource, thirdParty, kind, confidence) => {
    const d = classify({ resource, url: url(resource.url), match: null, thirdParty, leaks: [] });
    expect(d?.kind ?? null).toBe(kind);
    expect(d?.confidence ?? null).toBe(confidence);
  });
});
