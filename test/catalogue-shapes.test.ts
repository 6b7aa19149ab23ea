/**
 * Vendor URL shapes on hosts the catalogue does not know (issue 11 class 2): customers send
 * through branded CNAMEs and WordPress query routers, so a distinctive ESP path or query is
 * recognised on any host; ordinary sites with similar words are not. Also the engine pieces that
 * make this possible: the specificity score, query-parameter anchors and host-only destinations.
 */
import { describe, expect, it } from 'vitest';
import { compileCatalogue, shapeKey } from '../src/catalogue/compile.js';
import { recoverDestination } from '../src/catalogue/destination.js';
import { defaultCatalogue } from '../src/catalogue/index.js';
import type { VendorEntry } from '../src/catalogue/types.js';
import { anyHostScore, validateEntry } from '../src/catalogue/validate.js';
import { url } from './helpers/resources.js';

const match = (u: string) => defaultCatalogue().match(url(u));
const b64 = (s: string) => Buffer.from(s).toString('base64url');

describe('ESP click shapes on branded hosts', () => {
  it.each([
    ['SparkPost', 'https://sptrack.shop.example/f/a/AbCdEf~~/AAAAAQA~/RgRi0abc~~', 'sparkpost'],
    ['Iterable, any path letter', 'https://links.shop.example/u/click?_t=0123456789abcdef&_m=fedcba98&_e=tok', 'iterable'],
    ['HubSpot /e3t/Ctc/', 'https://info.shop.example/e3t/Ctc/LX+113/cJhC404/VWbMJv2vnLfjW3Rh6L96', 'hubspot'],
    ['ActiveCampaign link tracker', `https://links.shop.example/Prod/link-tracker?redirectUrl=${b64('https://shop.example/')}&sig=x`, 'activecampaign'],
    ['Brevo /mk/cl/f/', 'https://r.news.shop.example/mk/cl/f/sh/7nVU1aA2nfsTSzF50tl/mP1yH953OqAB', 'brevo'],
    ['SendGrid /ss/c/ with its signature segments', 'https://elink.shop.example/ss/c/AX1lEgEQaxtvFxLa/3q8/HbKKS3saS6GRQx62/h0/p8mOmW-a1YpJ2BQ', 'sendgrid'],
    ['SendGrid /ls/click', 'https://url9.shop.example/ls/click?upn=u001.AbCdEf', 'sendgrid'],
    ['Mailchimp /track/click', 'https://news.shop.example/track/click?u=0123456789abcdef&id=0123456789', 'mailchimp'],
    ['Mailgun token on a links. host', 'https://links.shop.example/c/eJwNyTEOgCAMAMC3MBsUqK2NFgwbNmo', 'mailgun'],
    ['Customer.io base64 JSON token', `https://email.shop.example/e/c/${b64('{"email_id":"x","href":"https://shop.example/"}')}`, 'customer-io'],
    ['Mailjet base64url destination', 'https://go.shop.example/lnk/AbCdEf/1/AbCd/aHR0cHM6Ly9zaG9wLmV4YW1wbGUvc2FsZQ', 'mailjet'],
    ['MailPoet query router', 'https://blog.shop.example/?mailpoet_router&endpoint=track&action=click&data=WyIxIl0', 'mailpoet'],
    ['Selligent optiextension.dll', 'https://mail.shop.example/optiext/optiextension.dll?ID=Ji6VtUZeI2GafO7Ap4AKexrL0', 'selligent'],
    ['Salesforce Marketing Cloud ?qs=', 'https://click.e.shop.example/?qs=e2e095b27b239fa1ce9ba9a92cd10a49', 'salesforce-marketing-cloud'],
    ['Keap linkClick', 'https://ab123.shop.example/app/linkClick/12345/abcdef0123456789/123456/0123abcd', 'keap'],
  ])('%s', (_name, u, vendor) => {
    const m = match(u);
    expect(m?.vendor.id).toBe(vendor);
    expect(m?.level).toBe('shape');
  });

  it.each([
    ['a SparkPost-like path without the ~~ signature', 'https://www.example.com/f/a/about-us'],
    ['a /u/click page without Iterable parameters', 'https://www.example.com/u/click?ref=home'],
    ['an ordinary /mk/cl/ page', 'https://www.example.com/mk/cl/f'],
    ['a short /ss/c/ path', 'https://www.example.com/ss/c/summer'],
    ['a /c/ category page on a links. host', 'https://links.example.com/c/category'],
    ['a contact page under /e/c/', 'https://www.example.com/e/c/contact'],
    ['a MailPoet subscription page', 'https://blog.shop.example/?mailpoet_router&endpoint=subscription&action=unsubscribe&data=WyIxIl0'],
    ['a search page with qs= on www.', 'https://www.example.com/?qs=shoes'],
    ['a /Prod/ product listing', 'https://www.example.com/Prod/list?id=3'],
  ])('leaves %s alone', (_name, u) => expect(match(u)).toBeNull());
});

describe('recovering destinations from widened shapes', () => {
  it.each([
    ['ActiveCampaign base64 of a percent-encoded URL', `https://x.lt.acemlnb.com/Prod/link-tracker?redirectUrl=${Buffer.from('https%3A%2F%2Fshop.example%2Fsale').toString('base64')}&sig=x`, 'https://shop.example/sale'],
    ['Customer.io href inside base64 JSON', `https://email.shop.example/e/c/${b64('{"email_id":"x","href":"https://shop.example/a"}')}`, 'https://shop.example/a'],
    ['Substack /redirect/2/ JSON', `https://substack.com/redirect/2/${b64('{"e":"https://shop.example/p/x","u":177}')}`, 'https://shop.example/p/x'],
  ])('%s', (_name, u, want) => expect(match(u)?.destination).toBe(want));
});

describe('anyHost specificity score', () => {
  it.each([
    ['/ls/click + upn', { path: '/ls/click', params: { upn: '*' } }, 3],
    ['a long compound word counts as much as a coded name', { path: '/Prod/link-tracker' }, 3],
    ['a short plain word', { path: '/redirect' }, 1],
    ['eight letters are still a plain word', { path: '/products/*' }, 1],
    ['coded name with a digit', { path: '/e3t/Ctc/**' }, 3],
    ['query router values', { params: { mailpoet_router: '', endpoint: 'track', action: 'click' } }, 6],
    ['first labels', { path: '/c/eJ*', firstLabels: ['email'] }, 4],
  ])('%s', (_name, rule, want) => expect(anyHostScore(rule)).toBe(want));
});

describe('query-parameter anchors for anyHost rules', () => {
  it.each([
    ['/ls/click', undefined, 'first:ls'],
    ['/*/click', undefined, 'last:click'],
    [undefined, { mailpoet_router: '', endpoint: 'track' }, 'param:mailpoet_router'],
    ['/**', { 'o0*': '' }, null],
    [undefined, undefined, null],
  ])('shapeKey(%s, %o) = %s', (path, params, want) => expect(shapeKey(path, params)).toBe(want));

  const router: VendorEntry = {
    id: 'router', name: 'Router', company: 'R', category: 'esp', website: 'https://router.example/', hosts: [], sources: ['s'],
    rules: [{ id: 'c', kind: 'click-redirect', params: { r_router: '', act: 'click' }, anyHost: true, source: 's', examples: { hit: ['https://a.example/?r_router&act=click'] } }],
  };
  it('finds a parameter-anchored rule on any path of any host', () => {
    const index = compileCatalogue([router]);
    expect(index.match(url('https://a.example/blog/index.php?x=1&r_router&act=click'))?.ruleId).toBe('router/c');
    expect(index.match(url('https://a.example/?r_router&act=open'))).toBeNull();
    expect(index.match(url('https://a.example/?act=click'))).toBeNull();
  });
});

describe('host-only destinations of mail gateways', () => {
  it.each([
    ['github.com', 'https://github.com/'],
    ['Shop.Example:8443', 'https://shop.example:8443/'],
    ['not a host', null],
    ['evil.example/path', null],
    ['', null],
  ])('%s → %s', (host, want) => {
    expect(recoverDestination(url(`https://gw.example/s/x?domain=${encodeURIComponent(host)}`), { type: 'param-host', name: 'domain' })).toBe(want);
  });
  it('is refused outside a wrapper rule, so it never becomes a link target', () => {
    const entry = {
      id: 'gw', name: 'Gw', company: 'Gw', category: 'link-shortener', website: 'https://gw.example/', hosts: [], sources: ['s'],
      rules: [{ id: 'r', kind: 'click-redirect', path: '/s/*', hosts: ['gw.example'], destination: { type: 'param-host', name: 'domain' }, source: 's', examples: { hit: ['https://gw.example/s/x?domain=a.example'], miss: [] } }],
    };
    expect(validateEntry(entry, 'gw')).toEqual(['gw rule r: a "param-host" destination is for wrappers only']);
  });
  it.each([
    ['Mimecast', 'https://protect-eu.mimecast.com/s/DY5pC0g0RiMW3RriwawTw?domain=shop.example'],
    ['Sophos without u', 'https://us-east-2.protection.sophos.com/?d=shop.example&b=9902604678&x=55f1396fd910'],
  ])('a %s link to an ordinary site is no finding and unwraps to that site', (_name, u) => {
    expect(match(u)).toBeNull();
    expect(defaultCatalogue().unwrap(url(u))?.href).toBe('https://shop.example/');
  });
});
