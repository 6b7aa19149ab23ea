/**
 * One click finding per vendor and site, represented by the pattern most of its links use (issue
 * 11 class 7): the first link of a newsletter is often "view online" or the logo, which says
 * little about the click-tracking scheme.
 */
import { describe, expect, it } from 'vitest';
import { scanHtml } from '../src/scan/html.js';

const hex = (i: number) => `${'e2e095b27b239fa1ce9ba9a92cd10a4'}${i}`;
const page = (hrefs: string[]) =>
  `<html><body>${hrefs.map((h, i) => `<p><a href="${h.replaceAll('&', '&amp;')}">Link ${i}</a></p>`).join('')}</body></html>`;

function clicks(hrefs: string[]): Array<[string, string | undefined, number | undefined]> {
  return scanHtml(page(hrefs))
    .findings.filter((f) => f.kind === 'click-redirect')
    .map((f) => [f.url, f.vendor?.id, f.count]);
}

describe('click findings: key and representative link', () => {
  it.each([
    [
      'a view-online link first, article links after: the article pattern represents the vendor',
      [`https://view.e.shop.example/?qs=${hex(0)}`, ...[1, 2, 3].map((i) => `https://click.e.shop.example/?qs=${hex(i)}`)],
      [[`https://click.e.shop.example/?qs=${hex(1)}`, 'salesforce-marketing-cloud', 4]],
    ],
    [
      'a logo link on another pattern of the same tracker host',
      ['https://url9.shop.example/ss/c/AX1lEgEQaxtvFxLa/3q8/HbKKS3saS6GRQx62/h0/p8mOmW-a1YpJ2BQ', ...[1, 2].map((i) => `https://url9.shop.example/ls/click?upn=u001.AbCdEf${i}`)],
      [['https://url9.shop.example/ls/click?upn=u001.AbCdEf1', 'sendgrid', 3]],
    ],
    [
      'one vendor on two sites gives one finding per site',
      [...[1, 2].map((i) => `https://url9.shop.example/ls/click?upn=u001.AbCdEf${i}`), 'https://u123.ct.sendgrid.net/ls/click?upn=u001.Zz9'],
      [['https://url9.shop.example/ls/click?upn=u001.AbCdEf1', 'sendgrid', 2], ['https://u123.ct.sendgrid.net/ls/click?upn=u001.Zz9', 'sendgrid', 1]],
    ],
    [
      'a tie keeps the first link',
      [`https://view.e.shop.example/?qs=${hex(0)}`, `https://click.e.shop.example/?qs=${hex(1)}`],
      [[`https://view.e.shop.example/?qs=${hex(0)}`, 'salesforce-marketing-cloud', 2]],
    ],
  ])('%s', (_name, hrefs, want) => expect(clicks(hrefs)).toEqual(want));

  it('names the representative link as the element of the finding', () => {
    const hrefs = [`https://view.e.shop.example/?qs=${hex(0)}`, `https://click.e.shop.example/?qs=${hex(1)}`, `https://click.e.shop.example/?qs=${hex(2)}`];
    const f = scanHtml(page(hrefs)).findings.find((x) => x.kind === 'click-redirect');
    expect(f?.element.line).toBe(1);
    expect(f?.urls).toEqual(hrefs.map((h) => new URL(h).href));
    const html = page(hrefs);
    expect(f?.element.col).toBe(html.indexOf('href="https://click') + 1);
  });
});

describe('hosts a message reveals as branded tracking hosts', () => {
  const pardotOpen = (host: string) => `<img src="https://${host}/r/12882/1/270662874/open/1" width="1" height="1">`;
  const doc = (img: string, hrefs: string[]) => `<html><body>${page(hrefs)}${img}</body></html>`;
  const clickVendors = (html: string) =>
    scanHtml(html).findings.filter((f) => f.kind === 'click-redirect').map((f) => [f.vendor?.id ?? null, f.count]);

  it.each([
    ['a Pardot open pixel makes the host Pardot’s: its /e/ links are Pardot clicks',
      doc(pardotOpen('www2.shop.example'), ['https://www2.shop.example/e/12882/02-utm-campaign-Drip20/2cj2ky/270662874', 'https://www2.shop.example/e/12882/03-utm-campaign-Drip20/2cj2kz/270662874']),
      [['pardot', 2]]],
    ['the list pages on that host stay pages',
      doc(pardotOpen('www2.shop.example'), ['https://www2.shop.example/unsubscribe/u/12882/11c3d36eade6735a1e1a0322e3f37703/270662874']),
      []],
    ['the sender’s www. site is never learned',
      doc(pardotOpen('www.shop.example'), ['https://www.shop.example/products/48213?ref=2cj2ky']),
      []],
    ['the bare registrable domain is never learned',
      doc(pardotOpen('shop.example'), ['https://shop.example/products/48213?ref=2cj2ky']),
      []],
    ['a query router on the sender’s site teaches nothing about its pages',
      doc('<img src="https://blog.shop.example/?mailpoet_router&endpoint=track&action=open&data=WyIxIiwiYTEiXQ" width="1" height="1">', ['https://blog.shop.example/2026/05/48213?ref=2cj2ky']),
      []],
  ])('%s', (_name, html, want) => expect(clickVendors(html)).toEqual(want));
});
