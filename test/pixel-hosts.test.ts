/**
 * Links to a host that served the message an unknown open pixel (issue 11 class 4: a single
 * tracked link in spam and small senders' mail). The pixel reveals the host's tracking script;
 * tokenised links there are click redirects, named after the host's owner. Negative cases: no
 * pixel, a doubtful pixel, list pages, slugs, and the sender's own site's ordinary pages.
 */
import { describe, expect, it } from 'vitest';
import { scanEml } from '../src/scan/eml.js';
import { scanHtml } from '../src/scan/html.js';

const TOKEN = 'T1hxeFczNUEwYkZuVmYvb0ZjQy9RekJZaDA2NVVLajJKYlE1emxaT1RPNVBFTnRabXFX';
const TOKEN2 = 'YXRYQ0t4b00vR2kreVRSZDhMZVdBaVpUa3lKclVEUmRPMGtsY2ZEZXpPNTh2aFlmS1NE';

function forwarded(body: string): string {
  // Spam forwarded by its victim: the From is a mailbox provider, every tracker is third party.
  return `From: Victim <victim@mailbox.example>\r\nTo: abuse@host.example\r\nSubject: Fw: win\r\nContent-Type: text/html\r\n\r\n${body}`;
}

const pixel = (src: string): string => `<img src="${src}" width="1" height="1" style="visibility:hidden">`;

describe('links on the host of an unknown open pixel', () => {
  it.each([
    ['same endpoint for pixel and link (/t?v=)', pixel(`http://spam.example/t?encv=2&v=${TOKEN2}`), `http://spam.example/t?encv=2&v=${TOKEN}`, 'likely'],
    ['a token as the whole path beside a token pixel', pixel(`http://spam.example/SStDQng3bys1M1J2YWRLRE9Ccnc1M2JoRHRCYV`), `http://spam.example/${TOKEN}`, 'likely'],
    ['prefixed tokens (/px<token> beside /<token>)', pixel('http://spam.example/px8nZdcbbbclsN0jbc4JRYcx87zcGcK3cyc4j8Ggg98cbbb4P'), 'http://spam.example/ZNtf2KcbbbclsN0jcc4JRYcx87zcGcK3cyc4j8Ggg98cbbb4P', 'likely'],
    ['short codes only (/<link>/<recipient>)', pixel('http://mlnk.example/img/bgba1y.png?u=3f2b8c1e9d4a4b7e8f001a2b3c4d5e6f'), 'http://mlnk.example/2vjrjy/bgba1y', 'possible'],
  ])('%s', async (_name, img, href, confidence) => {
    const r = await scanEml(forwarded(`${img}<a href="${href.replaceAll('&', '&amp;')}">Claim now</a>`));
    const click = r.findings.filter((f) => f.kind === 'click-redirect');
    expect(click.map((f) => [f.confidence, f.vendor?.category])).toEqual([[confidence, 'host-owner']]);
  });

  it('all links of the host are one finding', async () => {
    const links = [TOKEN, TOKEN2].map((t) => `<a href="http://spam.example/t?v=${t}">x</a>`).join('');
    const r = await scanEml(forwarded(pixel(`http://spam.example/t?v=${TOKEN2}Zz`) + links));
    expect(r.findings.filter((f) => f.kind === 'click-redirect').map((f) => f.count)).toEqual([2]);
  });

  it.each([
    ['no pixel on the host', pixel(`http://other.example/t?v=${TOKEN2}`), `http://spam.example/t?v=${TOKEN}`],
    ['a list page', pixel(`http://spam.example/t?v=${TOKEN2}`), `http://spam.example/unsub?m=${TOKEN}`],
    ['a slug page', pixel(`http://spam.example/t?v=${TOKEN2}`), 'http://spam.example/spring-sale-offers'],
    ['a page of words', pixel(`http://spam.example/t?v=${TOKEN2}`), 'http://spam.example/about/contact'],
    ['a sized content image is no pixel', `<img src="http://spam.example/banner.png?v=${TOKEN2}" width="600" height="300">`, `http://spam.example/t?v=${TOKEN}`],
  ])('not a click redirect: %s', async (_name, img, href) => {
    const r = await scanEml(forwarded(`${img}<a href="${href}">Read</a>`));
    expect(r.findings.filter((f) => f.kind === 'click-redirect')).toEqual([]);
  });

  it("on the sender's own site, only links with the pixel's pattern", () => {
    const html = `${pixel(`https://www.shop.example/t?v=${TOKEN2}`)}`
      + `<a href="https://www.shop.example/p/${TOKEN}">Product</a><a href="https://www.shop.example/t?v=${TOKEN}">x</a>`;
    const r = scanHtml(html, { sender: 'news@shop.example' });
    const click = r.findings.filter((f) => f.kind === 'click-redirect');
    expect(click.flatMap((f) => f.urls ?? [])).toEqual([`https://www.shop.example/t?v=${TOKEN}`]);
  });
});
