import { describe, expect, it } from 'vitest';
import type { CatalogueMatch, VendorEntry } from '../src/catalogue/types.js';
import { classify } from '../src/classify/classify.js';
import { groupUnknownLinks } from '../src/classify/links.js';
import type { Resource } from '../src/html/types.js';
import type { Leak, VendorCategory } from '../src/types.js';
import { url } from './helpers/resources.js';

function res(over: Partial<Resource> & { url: string }): Resource {
  return {
    via: 'element', tag: 'img', attribute: 'src', line: 1, col: 1, startOffset: 0, endOffset: 0,
    width: null, height: null, hidden: null, media: null, selector: null, ...over,
  };
}

function match(level: CatalogueMatch['level'], kind: CatalogueMatch['kind'], category: VendorCategory = 'esp'): CatalogueMatch {
  const entry: VendorEntry = { id: 'acme', name: 'Acme', company: 'Acme', category, website: 'https://acme.example', hosts: [], rules: [], sources: [] };
  return { vendor: { id: 'acme', name: 'Acme', category }, entry, level, kind, ruleId: kind === null ? null : 'acme/r', flags: [], leakFlag: null, identifierParams: [], destination: null };
}

const leak: Leak = { encoding: 'base64', location: 'param:e', address: 'me@mail.example' };

type Row = [string, Resource, CatalogueMatch | null, boolean, Leak[], string | null, string | null];
// name, resource, match, thirdParty, leaks → expected kind, expected confidence
const table: Row[] = [
  ['catalogue endpoint pixel', res({ url: 'https://t.acme.example/o?u=1', width: 1, height: 1 }), match('endpoint', 'open-pixel'), true, [], 'open-pixel', 'certain'],
  ['catalogue endpoint without size', res({ url: 'https://t.acme.example/o?u=1' }), match('endpoint', 'open-pixel'), true, [], 'open-pixel', 'certain'],
  ['vendor shape on a branded host', res({ url: 'https://url1.shop.example/wf/open?upn=abc' }), match('shape', 'open-pixel'), false, [], 'open-pixel', 'likely'],
  ['catalogue endpoint via print CSS', res({ url: 'https://x.acme.example/p', via: 'style-block', tag: 'style', media: 'print' }), match('endpoint', 'open-pixel'), true, [], 'css-beacon', 'certain'],
  ['analytics host hit', res({ url: 'https://stats.acme.example/hit?x=1', width: 1, height: 1 }), match('host', null, 'analytics'), true, [], 'beacon', 'certain'],
  ['logo on a tracking host', res({ url: 'https://t.acme.example/logo.png', width: 120, height: 40 }), match('host', null), true, [], null, null],
  ['unknown 1x1 with token', res({ url: 'https://t.unknown.example/o.gif?id=3f2b8c1e9d4a4b7e8f001a2b3c4d5e6f', width: 1, height: 1 }), null, true, [], 'open-pixel', 'likely'],
  ['first-party spacer', res({ url: 'https://shop.example/img/spacer.gif', width: 1, height: 1 }), null, false, [], null, null],
  ['third-party transparent gif', res({ url: 'https://cdn.example/resc/1/182c5e4510f/0/transparent.gif', width: 1, height: 1 }), null, true, [], null, null],
  ['divider line', res({ url: 'https://cdn.example/line.png', width: 600, height: 1 }), null, true, [], null, null],
  ['hidden small image with token', res({ url: 'https://r.unknown.example/3f2b8c1e-9d4a-4b7e-8f00-1a2b3c4d5e6f', width: 20, height: 20, hidden: { reason: 'display-none', ancestor: true } }), null, true, [], 'open-pixel', 'likely'],
  ['hidden responsive banner', res({ url: 'https://cdn.example/3f2b8c1e-9d4a-4b7e-8f00-1a2b3c4d5e6f.jpg', width: 600, height: 300, hidden: { reason: 'display-none', ancestor: false } }), null, true, [], null, null],
  ['content image with uuid name', res({ url: 'https://cdn.example/images/3f2b8c1e-9d4a-4b7e-8f00-1a2b3c4d5e6f.png', width: 600, height: 200 }), null, true, [], null, null],
  ['dark-mode beacon with id', res({ url: 'https://x.unknown.example/open?rd=1&u=3f2b8c1e9d4a4b7e8f', via: 'style-block', tag: 'style', media: '(prefers-color-scheme: dark)' }), null, true, [], 'css-beacon', 'likely'],
  ['dark-mode logo swap', res({ url: 'https://cdn.shop.example/logo-dark.png', via: 'style-block', tag: 'style', media: '(prefers-color-scheme: dark)' }), null, false, [], null, null],
  ['font stylesheet import', res({ url: 'https://fonts.googleapis.com/css?family=Roboto', via: 'style-import', tag: 'style' }), null, true, [], null, null],
  ['unsized image leaking the address', res({ url: 'https://t.unknown.example/p?e=bWVAbWFpbC5leGFtcGxl' }), null, true, [leak], 'open-pixel', 'possible'],
  ['catalogue click redirect link', res({ url: 'https://t.acme.example/c?u=1', via: 'link-click', tag: 'a', attribute: 'href' }), match('endpoint', 'click-redirect'), true, [], 'click-redirect', 'certain'],
  ['pixel rule on a link is not a redirect', res({ url: 'https://t.acme.example/o?u=1', via: 'link-click', tag: 'a', attribute: 'href' }), match('endpoint', 'open-pixel'), true, [], null, null],
  ['token link on a dedicated tracking host', res({ url: 'https://t.acme.example/els/Q9vX2kLm8pR4tZ1a', via: 'link-click', tag: 'a', attribute: 'href' }), match('host', null), true, [], 'click-redirect', 'likely'],
  ['unsubscribe link on a dedicated tracking host', res({ url: 'https://t.acme.example/unsubscribe/Q9vX2kLm8pR4tZ1a', via: 'link-click', tag: 'a', attribute: 'href' }), match('host', null), true, [], null, null],
  ['view-online link on a dedicated tracking host', res({ url: 'https://t.acme.example/v/Q9vX2kLm8pR4tZ1a', via: 'link-click', tag: 'a', attribute: 'href', text: 'View online' }), match('host', null), true, [], null, null],
  ['unknown link is left to grouping', res({ url: 'https://x.example/c/3f2b8c1e9d4a4b7e8f', via: 'link-click', tag: 'a', attribute: 'href' }), null, true, [], null, null],
  // Issue 11, class 6: ad-server and affiliate images are impressions at any size.
  ['sized banner on an ad-tech host', res({ url: 'https://ads.acme.example/b/728x90.jpg', width: 728, height: 90 }), match('host', null, 'ad-tech'), true, [], 'beacon', 'likely'],
  ['unsized ad tag on an audience-measurement host', res({ url: 'https://m.acme.example/tag?site=12' }), match('host', null, 'audience-measurement'), true, [], 'beacon', 'likely'],
  ['banner through an ad click endpoint', res({ url: 'https://x.acme.example/click?s=1', width: 300, height: 250 }), match('endpoint', 'click-redirect', 'data-broker'), true, [], 'beacon', 'likely'],
  ['ad-tech 1x1 keeps its pixel kind', res({ url: 'https://ads.acme.example/p?s=1', width: 1, height: 1 }), match('host', null, 'ad-tech'), true, [], 'beacon', 'certain'],
  ['content image on an analytics host', res({ url: 'https://stats.acme.example/logo.png', width: 120, height: 40 }), match('host', null, 'analytics'), true, [], null, null],
  ['content image on a social host', res({ url: 'https://cdn.acme.example/icon.png', width: 24, height: 24 }), match('host', null, 'social'), true, [], null, null],
  ['ad host loaded by a CSS background', res({ url: 'https://ads.acme.example/bg.jpg', via: 'inline-style', tag: 'td', attribute: 'style', width: 600, height: 200 }), match('host', null, 'ad-tech'), true, [], null, null],
  ['link to an ad-tech host is no beacon', res({ url: 'https://ads.acme.example/landing', via: 'link-click', tag: 'a', attribute: 'href' }), match('host', null, 'ad-tech'), true, [], null, null],
];

describe('classify', () => {
  it.each(table)('%s', (_name, resource, m, thirdParty, leaks, kind, confidence) => {
    const d = classify({ resource, url: url(resource.url), match: m, thirdParty, leaks });
    expect(d?.kind ?? null).toBe(kind);
    expect(d?.confidence ?? null).toBe(confidence);
  });
  it('marks ad images with the visible-ad signal, and only them', () => {
    const banner = res({ url: 'https://ads.acme.example/b/728x90.jpg', width: 728, height: 90 });
    const d = classify({ resource: banner, url: url(banner.url), match: match('host', null, 'ad-tech'), thirdParty: true, leaks: [] });
    expect(d?.signals).toContain('visible-ad');
    const pixel = res({ url: 'https://ads.acme.example/p?s=1', width: 1, height: 1 });
    const p = classify({ resource: pixel, url: url(pixel.url), match: match('host', null, 'ad-tech'), thirdParty: true, leaks: [] });
    expect(p?.signals).not.toContain('visible-ad');
  });
  it('records the evidence', () => {
    const r = res({ url: 'https://t.unknown.example/o.gif?id=3f2b8c1e9d4a4b7e8f001a2b3c4d5e6f', width: 1, height: 1, hidden: { reason: 'display-none', ancestor: true } });
    const d = classify({ resource: r, url: url(r.url), match: null, thirdParty: true, leaks: [] });
    expect(d?.signals).toEqual(expect.arrayContaining(['size-1x1', 'hidden-ancestor', 'identifier-param', 'third-party']));
  });
});

describe('groupUnknownLinks', () => {
  const link = (u: string) => ({ resource: res({ url: u, via: 'link-click', tag: 'a', attribute: 'href' }), url: url(u), thirdParty: true });
  it('finds a tokenised redirect pattern', () => {
    const links = ['a1B2c3D4e5F6g7H8', 'Z9y8X7w6V5u4T3s2', 'k1L2m3N4o5P6q7R8'].map((t) => link(`https://news.example/d?${t}`));
    const groups = groupUnknownLinks(links);
    expect(groups.map((g) => g.key)).toEqual(['news.example/d']);
  });
  it('ignores ordinary site links, slugs and repeated URLs', () => {
    const links = [
      link('https://shop.example/products/red-summer-dress'),
      link('https://shop.example/products/blue-winter-coat'),
      link('https://shop.example/products/green-rain-jacket'),
      link('https://t.example/d/3f2b8c1e9d4a4b7e8f'),
      link('https://t.example/d/3f2b8c1e9d4a4b7e8f'),
      link('https://t.example/d/3f2b8c1e9d4a4b7e8f'),
    ];
    expect(groupUnknownLinks(links)).toEqual([]);
  });
  it('needs at least three links without a click word', () => {
    expect(groupUnknownLinks([link('https://t.example/d/a1B2c3D4e5F6g7H8'), link('https://t.example/d/Z9y8X7w6V5u4T3s2')])).toEqual([]);
  });
});
