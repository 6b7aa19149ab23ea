/**
 * Click redirects on mail the rules were not tuned on (issue 11, classes 4 and 7), by class: a
 * click endpoint named as the path's first segment, ids joined by punctuation in one segment,
 * the sender's own site (product numbers versus a shared recipient id), links to an unknown
 * pixel's endpoint directory, a link that pastes its own URL twice, and a translation proxy.
 * Every table holds the negative cases that keep clean mail clean.
 */
import { describe, expect, it } from 'vitest';
import { groupUnknownLinks, linkPatternKey, type UnknownLink } from '../src/classify/links.js';
import { isNumberChain } from '../src/classify/link-shape.js';
import type { Resource } from '../src/html/types.js';
import { scanEml } from '../src/scan/eml.js';
import { scanHtml } from '../src/scan/html.js';
import { url } from './helpers/resources.js';

function anchor(u: string, text: string | null): Resource {
  return {
    url: u, via: 'link-click', tag: 'a', attribute: 'href', line: 1, col: 1, startOffset: 0, endOffset: 0,
    width: null, height: null, hidden: null, media: null, selector: null, text,
  };
}

function link(u: string, opts: { text?: string; thirdParty?: boolean } = {}): UnknownLink {
  return { resource: anchor(u, opts.text ?? null), url: url(u), thirdParty: opts.thirdParty ?? true, leaks: [] };
}

/** Two labels are the registrable domain of every `.example` host here. */
const domainOf = (host: string): string => host.split('.').slice(-2).join('.');

const summary = (links: UnknownLink[]) =>
  groupUnknownLinks(links, domainOf).map((g) => [g.key, g.links.length, g.confidence]);

const enc = encodeURIComponent;

describe('a click endpoint as the first path segment, the link named after it', () => {
  it.each([
    ['a named redirect with a message token', [
      link('https://employers.jobs.example/redirect/candidatevideolink?refUid=1cibmn7lh0bjv5fj&ctx=email-application-video&lid=video'),
      link('https://employers.jobs.example/redirect/appstorelink?campaignname=Bottom%20Promo&appstore=ios'),
    ], [['employers.jobs.example/redirect', 1, 'possible']]],
    ['a slug after /clk/ with a click token', ['php-developer-a7a239d0', 'senior-php-engineer-b81c3e21'].map((s, i) =>
      link(`https://www.jobs.example/clk/${s}?clk=yVUogNhhb99K1hMxt5UWCdT6Gy5zpUz${i}fwf11qJXedwam`, { thirdParty: false })),
    [['www.jobs.example/clk', 2, 'possible']]],
  ])('counts %s', (_name, links, want) => expect(summary(links)).toEqual(want));

  it.each([
    ['a click word with words after it and no token', [1, 2, 3].map((n) => link(`https://www.shop.example/click/category/shoes?page=${n}`))],
    ['a redirect endpoint deeper in a page path', [link('https://www.shop.example/help/articles/redirect/faq?id=Q9vX2kLm8pR4tZ1a')]],
    ['one-letter first segments, a category page', [link('https://www.shop.example/c/womens-shoes-sale?ref=Q9vX2kLm8pR4tZ1a')]],
    ['an unsubscribe page behind a redirect word', [link('https://mail.shop.example/redirect/unsubscribe?u=Q9vX2kLm8pR4tZ1a')]],
    ['a named redirect without a token', [link('https://employers.jobs.example/redirect/appstorelink?campaignname=Bottom%20Promo&appstore=ios')]],
  ])('leaves %s alone', (_name, links) => expect(summary(links)).toEqual([]));
});

describe('ids joined by punctuation in one segment', () => {
  it.each([
    ['705443.53897.0.43424', true], ['990-1736-5138-61', true], ['2026-05-12', false], ['10.15.7', false],
    ['1.2.3.4.5', false], ['report-2026-05-12', false], ['12345678901', false],
  ])('isNumberChain(%s) = %s', (seg, want) => expect(isNumberChain(seg)).toBe(want));

  it('keys a link whose first segment is such a chain by its host', () => {
    expect(linkPatternKey(url('http://click3.shop.example/705443.53897.0.43424'))).toBe('click3.shop.example/*');
  });

  it.each([
    ['mailing, recipient and link ids under a numbered click host', [43424, 43425, 32631, 38346].map((n) => link(`http://click3.shop.example/705443.53897.0.${n}`)), [['click3.shop.example/*', 4, 'possible']]],
  ])('groups %s', (_name, links, want) => expect(summary(links)).toEqual(want));

  it.each([
    ['dated pages', ['2026-05-12', '2026-05-13', '2026-05-14'].map((d) => link(`https://news.example/${d}`))],
    ['release notes by version', ['10.15.7', '10.15.8', '11.0.1'].map((v) => link(`https://docs.vendor.example/${v}`))],
  ])('leaves %s alone', (_name, links) => expect(summary(links)).toEqual([]));
});

describe("short codes under a click word on the sender's own site", () => {
  const own = (u: string) => link(u, { thirdParty: false });
  it.each([
    ['a link code beside one shared recipient id', [3071, 3072, 3073, 3074].map((n) => own(`http://www.builder.example/redirection.php?A=${n}&D=1675269`)), [['www.builder.example/redirection.php', 4, 'possible']]],
    ['short codes on a mailing host of the sender', [2191442, 2191443, 2191450].map((n) => own(`http://news.dealer.example/go.asp?art=${n}`)), [['news.dealer.example/go.asp', 3, 'possible']]],
    ['short codes on a third-party site', [2191442, 2191443, 2191450].map((n) => link(`http://www.dealer.example/go.asp?art=${n}`)), [['www.dealer.example/go.asp', 3, 'possible']]],
  ])('counts %s', (_name, links, want) => expect(summary(links)).toEqual(want));

  it.each([
    ['article numbers on its www site', [2191442, 2191443, 2191450, 2191451].map((n) => own(`http://www.dealer.example/go.asp?art=${n}`))],
    ['article numbers on its bare domain', [2191442, 2191443, 2191450].map((n) => own(`http://dealer.example/go.asp?art=${n}`))],
    ['article numbers with a shared word', [2191442, 2191443, 2191450].map((n) => own(`http://www.dealer.example/go.asp?art=${n}&lang=de`))],
  ])('leaves %s alone', (_name, links) => expect(summary(links)).toEqual([]));
});

describe("links to an unknown open pixel's endpoint directory", () => {
  const forwarded = (body: string): string =>
    `From: Victim <victim@mailbox.example>\r\nTo: abuse@host.example\r\nSubject: Fw: offer\r\nContent-Type: text/html\r\n\r\n${body}`;
  const pixel = (src: string): string => `<img src="${src}" width="1" height="1">`;
  const a = (href: string, text = 'Apply now'): string => `<a href="${href.replaceAll('&', '&amp;')}">${text}</a>`;
  const clicks = async (body: string) =>
    (await scanEml(forwarded(body))).findings.filter((f) => f.kind === 'click-redirect').map((f) => [f.confidence, f.count]);

  it.each([
    ['a numbered link beside the icon of one script', pixel('http://mx.spam.example/track.php/470DC7165D/fast/icon.gif?email=me%40mail.example'),
      a('http://mx.spam.example/track.php/470DC7165D/fast/4?email=me%40mail.example'), [['likely', 1]]],
    ['a redirect script beside the counter script', pixel('http://www.nl.shop.example/newsletter2/out/htracking.php?jobid=55161&userid=285996'),
      a('http://www.nl.shop.example/newsletter2/out/p.php?a=a21fec77b00cae629ff7e0df7f9189f1285996'), [['likely', 1]]],
  ])('counts %s', async (_name, img, links, want) => expect(await clicks(img + links)).toEqual(want));

  it.each([
    ['a web-version script of the same site', pixel('http://www.nl.shop.example/newsletter2/out/htracking.php?jobid=55161&userid=285996'),
      a('http://www.nl.shop.example/txt2html.php?b=sw&a=33f7134bea', 'Newsletter')],
    ['a list page in the pixel directory', pixel('http://mx.spam.example/track.php/470DC7165D/fast/icon.gif?email=me%40mail.example'),
      a('http://mx.spam.example/track.php/470DC7165D/fast/unsubscribe?email=me%40mail.example', 'Remove me')],
    ['a plain page in the pixel directory', pixel('http://mx.spam.example/track.php/470DC7165D/fast/icon.gif?email=me%40mail.example'),
      a('http://mx.spam.example/track.php/470DC7165D/fast/offer')],
    ['a page in another directory of the host', pixel('http://mx.spam.example/track.php/470DC7165D/fast/icon.gif?email=me%40mail.example'),
      a('http://mx.spam.example/offers/cards?id=4')],
    ['an unsubscribe link under the pixel path of ids', pixel('http://e.spam.example/57336252/2474/o/'),
      a('http://e.spam.example/57336252/2474/u/?e=me%40mail.example', 'here')],
  ])('leaves %s alone', async (_name, img, links) => expect(await clicks(img + links)).toEqual([]));
});

describe('links that carry no destination after all', () => {
  const page = (hrefs: string[]) => `<html><body>${hrefs.map((h) => `<p><a href="${h.replaceAll('&', '&amp;')}">Read</a></p>`).join('')}</body></html>`;
  it.each([
    ['a URL pasted twice into one href', ['https://www.social.example/https://www.social.example/ourclub']],
    ['translated web versions of the newsletter, one per language', ['en', 'ar', 'de', 'fr'].map((l) => `http://translate.google.com/translate?hl=auto&langpair=auto|${l}&u=${enc('http://us12.archive.news.example/?u=0e61a7c0f4b1d8e2a9c3f5d7e&id=9f3c2b1a0d')}`)],
  ])('%s has no finding', (_name, hrefs) => expect(scanHtml(page(hrefs)).findings).toEqual([]));

  it.each([
    ['a destination written into a redirect path', 'http://mail.news.example/r/http://www.site.example/2007/07/19/story/'],
    ['a translated tracked link keeps its tracker', `http://translate.google.com/translate?u=${enc('https://news.shop.example/ls/click?upn=Q9vX2kLm8pR4tZ1aZt7Hq2Wm5Nc8Lx3b')}`],
  ])('%s is still found', (_name, href) => {
    expect(scanHtml(page([href])).findings.map((f) => f.kind)).toEqual(['click-redirect']);
  });
});

describe('one finding per vendor and host (class 7)', () => {
  const toks = ['Q9vX2kLm8pR4tZ1a', 'Zt7Hq2Wm5Nc8Lx3b', 'Kp4Rv9Yd2Fs6Gj1w', 'Mb8Tn3Xc7Vq1Hz5e'];
  const eml = (from: string, hrefs: string[]): string =>
    `From: Shop <${from}>\r\nTo: me@mail.example\r\nSubject: News\r\nContent-Type: text/html\r\n\r\n` +
    hrefs.map((h, i) => `<p><a href="${h.replaceAll('&', '&amp;')}">Article ${i}</a></p>`).join('');
  const clicks = async (raw: string) =>
    (await scanEml(raw)).findings.filter((f) => f.kind === 'click-redirect').map((f) => [f.host, f.count, new URL(f.url).pathname.split('/')[1]]);

  it("the sender's patterns on one host are one finding, shown by the majority pattern", async () => {
    const hrefs = [
      ...toks.slice(0, 3).map((t) => `https://t.shop.example/l/c/${t}`),
      ...toks.map((t) => `https://t.shop.example/redirect/link?ref=${t}`),
    ];
    expect(await clicks(eml('news@shop.example', hrefs))).toEqual([['t.shop.example', 7, 'redirect']]);
  });

  it("the sender's patterns on two hosts stay two findings", async () => {
    const hrefs = [...toks.map((t) => `https://t.shop.example/c/${t}`), ...toks.map((t) => `https://e.shop.example/c/${t}`)];
    expect(await clicks(eml('news@shop.example', hrefs))).toEqual([['t.shop.example', 4, 'c'], ['e.shop.example', 4, 'c']]);
  });
});

describe('a single link with some address beside a per-link token path (recipient unknown)', () => {
  const eml = (hrefs: string[]): string =>
    `From: Offers <offers@rentals.example>\r\nTo: undisclosed-recipients:;\r\nSubject: Deal\r\nContent-Type: text/html\r\n\r\n` +
    hrefs.map((h) => `<p><a href="${h.replaceAll('&', '&amp;')}">See the deal</a></p>`).join('') + '<p><a href="https://www.other.example/about">About</a></p>';
  const clicks = async (hrefs: string[]) =>
    (await scanEml(eml(hrefs))).findings.filter((f) => f.kind === 'click-redirect').map((f) => f.confidence);

  it('counts a token path with an address parameter', async () => {
    expect(await clicks(['http://ej39qdhet65.mailer.example/6RW47AEY0AoOoAsU1/refer255353-12476.asp?e=someone%40mail.example'])).toEqual(['possible']);
  });

  it.each([
    ['an address on a page with words', 'https://www.social.example/invite/friends?email=someone%40mail.example'],
    ['an address without a token path', 'https://www.shop.example/account?e=someone%40mail.example'],
    ['an address in a gateway wrapping of a tokenised download', `https://eur01.safelinks.protection.outlook.com/?url=${enc('https://files.example/6RW47AEY0AoOoAsU1/r255353-12476.asp')}&data=05%7C01%7Csomeone%40corp.example%7Cabc123def456%7C0&sdata=Q9vX2kLm8pR4tZ1aZt7Hq2Wm5Nc8Lx3b%3D&reserved=0`],
  ])('leaves %s alone', async (_name, href) => expect(await clicks([href])).toEqual([]));
});

describe('a variant the catalogue rule misses joins the catalogued finding (class 7)', () => {
  const dest = enc('https://www.shop.example/dp/B003DA5P22');
  const r = (t: string, h: string) => `https://www.shop.example/gp/r.html?R=13IA705T1MOCG&C=3TM7SJC0LCWPG&H=${h}&T=${t}&U=${dest}`;
  const page = (hrefs: string[]) => `<html><body>${hrefs.map((h) => `<p><a href="${h.replaceAll('&', '&amp;')}">Click here</a></p>`).join('')}</body></html>`;
  const clicks = (hrefs: string[]) =>
    scanHtml(page(hrefs)).findings.filter((f) => f.kind === 'click-redirect').map((f) => [f.vendor?.id ?? null, f.count]);

  it('one finding for the rule-matched links and the variant of the same pattern', () => {
    expect(clicks([r('C', 'EFGXA4VEAYXG0ZON'), r('C', 'QFZWLOSP1SQBK0JC'), r('X', 'HMTVKFOAELY5F9RS')])).toEqual([['amazon-notifications', 3]]);
  });

  it('another pattern of the same host stays its own finding', () => {
    const other = ['Q9vX2kLm8pR4tZ1a', 'Zt7Hq2Wm5Nc8Lx3b', 'Kp4Rv9Yd2Fs6Gj1w'].map((t) => `https://www.shop.example/c/${t}`);
    expect(clicks([r('C', 'EFGXA4VEAYXG0ZON'), r('C', 'QFZWLOSP1SQBK0JC'), ...other]).length).toBe(2);
  });
});
