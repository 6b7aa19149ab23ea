/**
 * Click redirects, by class of failure (issue 11): links to dedicated tracking hosts (class 1),
 * unknown-link grouping with redirect words, loose queries and single strong links, after
 * security-gateway unwrapping (class 4). Every table holds the negative cases that keep clean mail
 * clean: unsubscribe and preference links, web versions, gateway links, utm-tagged and slug links.
 */
import { describe, expect, it } from 'vitest';
import { isNeutralWord, isPageLink, isRedirectWord } from '../src/classify/link-words.js';
import { dedicatedHostLink, groupUnknownLinks, linkPatternKey, type UnknownLink } from '../src/classify/links.js';
import type { Resource } from '../src/html/types.js';
import { scanHtml } from '../src/scan/html.js';
import type { Leak } from '../src/types.js';
import { url } from './helpers/resources.js';

function anchor(u: string, text: string | null = null): Resource {
  return {
    url: u, via: 'link-click', tag: 'a', attribute: 'href', line: 1, col: 1, startOffset: 0, endOffset: 0,
    width: null, height: null, hidden: null, media: null, selector: null, text,
  };
}

const leak: Leak = { encoding: 'plain', location: 'param:e', address: 'me@mail.example' };

function link(u: string, opts: { text?: string; leaks?: Leak[] } = {}): UnknownLink {
  return { resource: anchor(u, opts.text ?? null), url: url(u), thirdParty: true, leaks: opts.leaks ?? [] };
}

const enc = encodeURIComponent;

describe('redirect words and page links', () => {
  it.each([
    ['c', true], ['click', true], ['click.php', true], ['redirect.aspx', true], ['ls', true], ['go', true],
    ['track', true], ['products', false], ['unsubscribe', false], ['catalogue', false], ['clickable', false],
  ])('isRedirectWord(%s) = %s', (seg, want) => expect(isRedirectWord(seg)).toBe(want));

  it.each([
    ['cgi-bin', true], ['servlet', true], ['index.php', true], ['click', true], ['shoes', false], ['news', false],
  ])('isNeutralWord(%s) = %s', (seg, want) => expect(isNeutralWord(seg)).toBe(want));

  it.each([
    ['https://t.esp.example/unsubscribe?u=Q9vX2kLm8pR4', null, true],
    ['https://t.esp.example/hs/manage-preferences/unsubscribe?d=Vn4bW2', null, true],
    ['https://t.esp.example/proc.php?nl=1&c=2&m=3&act=unsub', null, true],
    ['https://t.esp.example/opt-out/Q9vX2kLm8pR4', null, true],
    ['https://t.esp.example/t/ViewEmail/r/ABC123', null, true],
    ['https://t.esp.example/p/Q9vX2kLm8pR4tZ1a', 'View this email in your browser', true],
    ['https://t.esp.example/p/Q9vX2kLm8pR4tZ1a', 'Newsletter abbestellen', true],
    ['https://t.esp.example/p/Q9vX2kLm8pR4tZ1a', 'Se désinscrire', true],
    ['https://t.esp.example/c/Q9vX2kLm8pR4tZ1a', 'Shop the spring sale', false],
    ['https://t.esp.example/forward?url=https%3A%2F%2Fshop.example%2F', null, false],
    ['https://t.esp.example/c/Q9vX2kLm8pR4tZ1a', null, false],
  ])('isPageLink(%s, %s) = %s', (u, text, want) => expect(isPageLink(url(u), text)).toBe(want));
});

describe('class 1: a link to a dedicated tracking host', () => {
  it.each([
    ['per-link token in the path', 'https://links.esp.example/els/v2/Q9vX2kLm8pR4tZ1a', null, false, 'likely'],
    ['token in a parameter', 'https://links.esp.example/ctt?kn=3&ms=MTIzNDU2Nzg5MDEy&r=NzY1NDMyMTA5ODc2&b=0', null, false, 'likely'],
    ['destination in a parameter', `https://links.esp.example/x?u=${enc('https://shop.example/sale')}`, null, false, 'likely'],
    ['the recipient address', 'https://links.esp.example/x?e=me%40mail.example', null, true, 'likely'],
    ['short tokens only', 'https://clicks.esp.example/y/ct/?l=8Ffd9&m=3cXz1&b=Ab9q', null, false, 'possible'],
    ['numeric ids only', 'https://go.esp.example/l/12345/2026-01-15/abcd', 'Register now', false, 'possible'],
    ['an ad-server click with ids after ; and a bare destination', 'https://ad.esp.example/clk;118693193;13533154;f?http://shop.example/sale', null, false, 'likely'],
    ['an ad-server click with ids after ;', 'https://ad.esp.example/clk;118693193;13533154;f', null, false, 'possible'],
    ['the vendor homepage', 'https://links.esp.example/', null, false, null],
    ['an unsubscribe page with a token', 'https://links.esp.example/unsubscribe/Q9vX2kLm8pR4tZ1a', null, false, null],
    ['a preferences page with a token', 'https://links.esp.example/preferences?id=Q9vX2kLm8pR4tZ1a', null, false, null],
    ['a web version by its text', 'https://links.esp.example/v/Q9vX2kLm8pR4tZ1a', 'View online', false, null],
    ["the vendor's app, words only", 'https://links.esp.example/app/dashboard', null, false, null],
  ])('%s', (_name, u, text, leaked, want) => expect(dedicatedHostLink(url(u), text, [], leaked)).toBe(want));
});

describe('link patterns', () => {
  it.each([
    ['https://t.shop.example/c/Q9vX2kLm8pR4tZ1a', 't.shop.example/c'],
    ['https://t.shop.example/ls/click?upn=x', 't.shop.example/ls'],
    ['https://t.shop.example/Q9vX2kLm8pR4tZ1a/1', 't.shop.example/*'],
    ['https://t.shop.example/Q9vX2kLm8pR/1', 't.shop.example/*'],
    ['https://t.shop.example/48213/1', 't.shop.example/*'],
    ['https://ads.shop.example/SIG=15lpt5jdu/M=493064', 'ads.shop.example/SIG=15lpt5jdu'],
    ['https://shop.example/products/red', 'shop.example/products'],
  ])('%s → %s', (u, want) => expect(linkPatternKey(url(u))).toBe(want));
});

describe('class 4: unknown links judged as a group', () => {
  const keys = (links: UnknownLink[]) => groupUnknownLinks(links).map((g) => [g.key, g.links.length, g.confidence]);
  const tokens = ['Q9vX2kLm8pR4tZ1a', 'Zt7Hq2Wm5Nc8Lx3b', 'Kp4Rv9Yd2Fs6Gj1w', 'Mb8Tn3Xc7Vq1Hz5e'];
  it.each([
    ['tokens under a redirect word', tokens.map((t) => link(`https://news.shop.example/click/${t}`)), [['news.shop.example/click', 4, 'possible']]],
    ['a token plus ordinary short parameters', tokens.map((t, i) => link(`https://news.shop.example/r?id=${t}&n=${i}&v=2`)), [['news.shop.example/r', 4, 'possible']]],
    ['destinations in the query', tokens.map((t) => link(`https://news.shop.example/d?u=${t}&url=${enc(`https://shop.example/${t}`)}`)), [['news.shop.example/d', 4, 'likely']]],
    ['tokens as the first segment', tokens.map((t, i) => link(`https://trk.news.example/${t.slice(0, 11)}/${i}`)), [['trk.news.example/*', 4, 'possible']]],
    ['a bare token query', tokens.map((t) => link(`https://news.shop.example/d?${t}`)), [['news.shop.example/d', 4, 'possible']]],
    ['short codes under a click word', [48213, 48214, 48215].map((n) => link(`https://www.news.example/cgi-bin/click.cgi?id=${n}&l=5`)), [['www.news.example/cgi-bin', 3, 'possible']]],
    ['an id chain over short numeric segments', [52881, 52882, 52883].map((n) => link(`https://t1.mail.example/c/136/1071579/1264/0/4531494/${n}/5bcc576f${n}.html`)), [['t1.mail.example/c', 3, 'possible']]],
    ['destinations written into the path', ['home_software_apps', 'us_pc_sales', 'amd_second_quarter'].map((p) => link(`http://go.news.example/news/http://www.site.example/2007/07/19/${p}/`)), [['go.news.example/news', 3, 'likely']]],
    ['hex-encoded destinations', [1, 2, 3].map((n) => link(`https://news.shop.example/redirect/?target=stat&linknum=${n}&href=${Buffer.from(`https://shop.example/${n}`).toString('hex')}`)), [['news.shop.example/redirect', 3, 'likely']]],
  ])('%s', (_name, links, want) => expect(keys(links)).toEqual(want));

  it.each([
    ['product pages with ids', tokens.map((t) => link(`https://shop.example/products/${t}`))],
    ['a parcel tracking link', [link('https://parcels.example/track?tracknum=1Z999AA10123456784')]],
    ['a parcel tracking link on a tracking host', [link('https://tracking.parcels.example/track?n=1Z999AA10123456784&loc=en_US')]],
    ['utm-tagged landing pages', tokens.map((t) => link(`https://shop.example/?utm_source=news&utm_medium=email&uid=${t}`))],
    ['slug articles', ['spring-sale-now', 'new-arrivals-today', 'about-our-team'].map((s) => link(`https://shop.example/c/${s}/Q9vX2kLm8pR4tZ1a`))],
    ['unsubscribe and preference links with tokens', tokens.slice(0, 3).map((t, i) => link(`https://news.shop.example/${['unsubscribe', 'preferences', 'profile'][i] ?? ''}/${t}`))],
    ['share buttons', [
      link(`https://www.facebook.com/sharer/sharer.php?u=${enc('https://shop.example/a')}`),
      link(`https://twitter.com/intent/tweet?url=${enc('https://shop.example/a')}&text=Sale`),
      link(`https://www.linkedin.com/shareArticle?mini=true&url=${enc('https://shop.example/a')}`),
    ]],
    ['a share link whose text starts with a URL', [link(`https://wa.me/?text=${enc('https://shop.example/a great sale')}`)]],
    ['a login page returning to the site', [link(`https://shop.example/account/login?next=${enc('https://shop.example/orders')}`)]],
    ['one opaque link without a click word', [link('https://files.example/d/Q9vX2kLm8pR4tZ1a')]],
    ['one opaque link on a host that is no click host', [link('https://clickhouse.example/Q9vX2kLm8pR4tZ1a')]],
    ['short codes without a click word', [48213, 48214, 48215].map((n) => link(`https://www.shop.example/product.php?id=${n}`))],
    ['a click word with words around it', [1, 2, 3].map((n) => link(`https://www.shop.example/click/category/shoes?page=${n}`))],
    ['dated archive pages', [12, 13, 14].map((d) => link(`https://news.example/archive/2026/05/${d}`))],
    ['an article id chain under a content word', [1, 2, 3].map((n) => link(`https://news.example/story/2026/0${n}/98765${n}`))],
    ['the same tokenised URL three times', [1, 2, 3].map(() => link('https://files.example/d/Q9vX2kLm8pR4tZ1a'))],
  ])('leaves %s alone', (_name, links) => expect(groupUnknownLinks(links)).toEqual([]));

  it.each([
    ['the destination URL', `https://mail.shop.example/redirect?url=${enc('https://shop.example/order/1')}`, {}, 'likely'],
    ['a click word plus a token', 'https://mail.shop.example/c/Q9vX2kLm8pR4tZ1a', {}, 'possible'],
    ['a click host plus a token', 'https://links.mail.shop.example/Q9vX2kLm8pR4tZ1a', {}, 'possible'],
    ['a destination under a destination parameter', `https://promo.example/in?id=379304&link=${enc('https://shop.example/claim')}`, {}, 'likely'],
    ['a base64 destination', `https://mail.shop.example/r/?u=${Buffer.from('https://shop.example/order/1').toString('base64url')}`, {}, 'likely'],
    ['the recipient address on a click endpoint', 'https://mail.shop.example/click?e=me%40mail.example&l=4', { leaks: [leak] }, 'likely'],
  ])('counts a single link carrying %s', (_name, u, opts, want) => {
    const groups = groupUnknownLinks([link(u, opts), link('https://shop.example/about')]);
    expect(groups.map((g) => [g.links.map((l) => l.url.href), g.confidence])).toEqual([[[url(u).href], want]]);
  });
});

describe('class 4: security gateways are unwrapped before grouping', () => {
  const page = (hrefs: string[]) =>
    `<html><body>${hrefs.map((h, i) => `<p><a href="${h.replaceAll('&', '&amp;')}">Link ${i}</a></p>`).join('')}</body></html>`;
  const clean = ['https://shop.example/sale', 'https://shop.example/new', 'https://blog.example/post/1', 'https://shop.example/contact'];
  const gateways: Array<[string, (u: string) => string]> = [
    ['Safe Links', (u) => `https://eur01.safelinks.protection.outlook.com/?url=${enc(u)}&data=05%7C01%7Cme%40corp.example%7Cabc123def456%7C0&sdata=Q9vX2kLm8pR4tZ1aZt7Hq2Wm5Nc8Lx3b%3D&reserved=0`],
    ['URL Defense v2', (u) => `https://urldefense.proofpoint.com/v2/url?u=${u.replaceAll(':', '-3A').replaceAll('/', '_')}&d=DwMFaQ&c=Q9vX2kLm8pR4tZ1a&r=Zt7Hq2Wm5Nc8Lx3bKp4Rv9Yd2Fs6Gj1w&m=Mb8Tn3Xc7Vq1Hz5e&s=Kp4Rv9Yd2Fs6Gj1w&e=`],
    ['Barracuda', (u) => `https://linkprotect.cudasvc.com/url?a=${enc(u)}&c=E,1,Q9vX2kLm8pR4tZ1aZt7Hq2Wm5Nc8Lx3b&typo=1`],
  ];
  it.each(gateways)('a clean message behind %s has no finding', (_name, wrap) => {
    expect(scanHtml(page(clean.map(wrap))).findings).toEqual([]);
  });
  it.each(gateways)('an unknown tracker behind %s is still found', (_name, wrap) => {
    const tracked = ['Q9vX2kLm8pR4tZ1a', 'Zt7Hq2Wm5Nc8Lx3b', 'Kp4Rv9Yd2Fs6Gj1w'].map((t) => wrap(`https://news.shop.example/click/${t}`));
    const findings = scanHtml(page(tracked)).findings;
    expect(findings.map((f) => [f.kind, f.count])).toEqual([['click-redirect', 3]]);
  });
});
