/**
 * ESP click-URL grammars on customers' branded hosts (issue 11 class 2), written from each
 * vendor's URL grammar, not from one email: a single link of the grammar on a host the catalogue
 * has never seen must be a click redirect named after the vendor; the header-named platform's
 * rules apply on any host; and the links of clean mail (list archives, code review, calendars,
 * shared files, password resets, utm-tagged pages, gateway rewriting, parcel tracking) stay clean.
 */
import { describe, expect, it } from 'vitest';
import { scanEml } from '../src/scan/eml.js';
import { scanHtml } from '../src/scan/html.js';
import type { Finding } from '../src/types.js';

const T = ['Q9vX2kLm8pR4tZ1aB7cD', 'Z1y2X3w4V5u6T7s8R9qP', 'k3L4m5N6o7P8q9R0s1Tu'] as const;
const B64 = 'eyJzIjoiYWJjIiwidiI6MSwicCI6IntcInVcIjoxfSJ9';

function clicks(html: string, sender = 'news@brand.example'): Finding[] {
  return scanHtml(html, { sender }).findings.filter((f) => f.kind === 'click-redirect');
}

function anchors(urls: readonly string[]): string {
  return urls.map((u, i) => `<p><a href="${u.replaceAll('&', '&amp;')}">Read story ${i}</a></p>`).join('\n');
}

describe('ESP click grammars on a branded host the catalogue does not know (anyHost twins)', () => {
  // [grammar, URL builder for a per-link token, vendor id]
  const grammars: ReadonlyArray<readonly [string, (t: string) => string, string]> = [
    ['SendGrid /ls/click?upn=', (t) => `https://url1234.brand.example/ls/click?upn=u001.${t}-2BxYz-3D`, 'sendgrid'],
    ['SendGrid /wf/click?upn=', (t) => `https://email.brand.example/wf/click?upn=u001.${t}-3D`, 'sendgrid'],
    ['Mailchimp /track/click?u=&id=&e=', (t) => `https://news.brand.example/track/click?u=0a1b2c3d4e5f60718293a4b5c&id=${t.slice(0, 10)}&e=f00ba4c3d2`, 'mailchimp'],
    ['SFMC click.<brand>/?qs=', (t) => `https://click.e.brand.example/?qs=${t}a8f7e6d5c4b3a2910f`, 'salesforce-marketing-cloud'],
    ['SparkPost /f/a/<token>~~/', (t) => `https://click.brand.example/f/a/${t}~~/AAAAAQA~/${t}`, 'sparkpost'],
    ['Iterable /u/click?_t=', (t) => `https://links.brand.example/u/click?_t=${t}&_m=abcdef0123456789&_e=${t}`, 'iterable'],
    ['Mailgun /c/eJ<zlib>', (t) => `https://email.brand.example/c/eJwNyTEOgCAMAMC3MBsUqK2N${t}`, 'mailgun'],
    ['Eloqua /e/er?elqTrackId=', (t) => `https://info.brand.example/e/er?s=1234&lid=5678&elqTrackId=${t}&elq=${t}`, 'oracle-eloqua'],
    ['Campaign Monitor /t/<r-l-…>', (t) => `https://news.brand.example/t/r-l-${t.slice(0, 8)}-${t.slice(8, 16)}-r/`, 'campaign-monitor'],
    ['Mailjet /lnk/', (t) => `https://links.brand.example/lnk/${t}/1/${t}/aHR0cHM6Ly9icmFuZC5leGFtcGxlLw`, 'mailjet'],
    ['Brevo /mk/cl/f/', (t) => `https://r.brand.example/mk/cl/f/${t}`, 'brevo'],
    ['Customer.io /e/c/<base64 JSON>/<sig>', (t) => `https://email.brand.example/e/c/${B64}/${t}`, 'customer-io'],
    ['Mandrill /track/click/<user>/<host>?p=', (t) => `https://tmsg.brand.example/track/click/30134155/brand.example?p=${B64}${t}`, 'mandrill'],
    ['ActiveCampaign /Prod/link-tracker', (t) => `https://links.brand.example/Prod/link-tracker?redirectUrl=aHR0cHM6Ly9icmFuZC5leGFtcGxlLw==&sig=${t}&a=123`, 'activecampaign'],
    ['Adobe Campaign /r/?id=', (t) => `https://t.brand.example/r/?id=h${t.slice(0, 8)},${t.slice(8, 14)},1a2b3c`, 'adobe-campaign'],
    ['HubSpot /e3t/Ctc/', (t) => `https://info.brand.example/e3t/Ctc/LX+113/cJhC404/VWb${t}/W3${t}`, 'hubspot'],
    ['Engaging Networks /page/email/click/', (t) => `https://act.brand.example/page/email/click/10033/22806${t.length}?email=${t}&campid=2YPS0za1`, 'engaging-networks'],
    ['Maropost links.<brand>/a/<acct>/click/', (t) => `https://links.brand.example/a/1333/click/518030/3077882/${t}/ddc77da4cfb4fd29bd8b931fc07349aa52826212`, 'maropost'],
    ['Webpower email<n>.<brand>/x/c/?', (t) => `https://email2.brand.example/x/c/?${t}.FOoEUO1fxZgIVmTnTOm7mbBcqpsadAcc`, 'webpower'],
  ];
  it.each(grammars)('%s: one link is a click redirect of the vendor', (_name, make, vendor) => {
    const found = clicks(anchors([make(T[0])]));
    expect(found.map((f) => f.vendor?.id)).toEqual([vendor]);
  });
  it.each(grammars)('%s: many links are one finding', (_name, make, vendor) => {
    const found = clicks(anchors(T.map(make)));
    expect(found.map((f) => [f.vendor?.id, f.count])).toEqual([[vendor, 3]]);
  });
});

describe("the header-named platform's rules on any host", () => {
  const eml = (headers: string, body: string): string =>
    `From: News <news@brand.example>\r\nTo: me@mail.example\r\n${headers}Subject: x\r\nContent-Type: text/html\r\n\r\n${body}`;
  it.each([
    ['HubSpot /Ctc/ without /e3t/', 'X-HS-Cid: 12345\r\n', (t: string) => `https://t.brand.example/Ctc/5D+113/d2v8tf04/VWr${t}/W3${t}`, 'hubspot'],
    ['MailerSend /te/cws/', 'Feedback-ID: 6448:6427:3vz9:MailerSend\r\n', (t: string) => `https://trk.brand.example/te/cws/eyJpdiI6Ikh${t}`, 'mailersend'],
    ['Maropost on any host', 'Return-Path: <3077882-518030-1333@be2.maropost.com>\r\n', (t: string) => `https://go.brand.example/a/1333/click/518030/3077882/${t}/ddc77da4`, 'maropost'],
    ['Webpower on any host', 'X-Mailer: Webpower 11.9\r\n', (t: string) => `https://m.brand.example/x/c/?${t}.FOoEUO1fxZgIVmTn`, 'webpower'],
  ])('%s', async (_name, headers, make, vendor) => {
    const r = await scanEml(eml(headers, anchors([make(T[0])])));
    expect(r.findings.map((f) => [f.kind, f.vendor?.id])).toEqual([['click-redirect', vendor]]);
  });
  it('names the platform from its header facts alone (a first-party pixel)', async () => {
    const pixel = '<img src="https://news.brand.example/o/Q9vX2kLm8pR4tZ1aB7cD.gif" width="1" height="1">';
    for (const [h, id] of [
      ['Feedback-ID: 286167:10033:engaging\r\n', 'engaging-networks'],
      ['Feedback-ID: email2.brand.example:1:9:webpower\r\n', 'webpower'],
      ['X-Mailer: HiworksMail\r\n', 'hiworks'],
      ['X-RPCampaign: mpost_518030_43_1333\r\n', 'maropost'],
      ['X-MailerSend-MessageId: 64488e45c91f9d09f7006955\r\n', 'mailersend'],
      ['X-MJ-Mid: AXQAAACMQ5YAAcjIYbYAAM5Eefs\r\n', 'mailjet'],
      ['Feedback-Id: 42.1189921.1191387:MJ\r\n', 'mailjet'],
      ['X-mailer: nlserver, Build 7.0.0.10634\r\n', 'adobe-campaign'],
    ] as const) {
      const r = await scanEml(eml(h, pixel));
      expect(r.findings.map((f) => f.vendor?.id), h).toEqual([id]);
    }
  });
});

describe('links of clean mail stay clean (three distinct links, and one alone)', () => {
  const ids = [
    ['AbCdEfGhIjKlMnOp12', 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0', 'dQw4w9WgXcQ', 'B08N5WRWNW'],
    ['QrStUvWxYz012345Ab', 'f0e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9', 'kJQP7kiw5Fk', 'B07XJ8C8F5'],
    ['ZyXwVuTsRqPoNm98Lk', '0123456789abcdef0123456789abcdef01234567', '9bZkp7q19f0', 'B09G9FPHY6'],
  ] as const;
  const id = (i: number, k: number): string => ids[i]?.[k] ?? '';
  const cases: ReadonlyArray<readonly [string, (i: number) => string]> = [
    ['mailing-list archive', (i) => `https://lists.debian.org/debian-devel/2024/05/msg00${123 + i}.html`],
    ['mailman3 thread', (i) => `https://mail.python.org/archives/list/python-dev@python.org/thread/${id(i, 0)}/`],
    ['marc.info message', (i) => `https://marc.info/?l=linux-kernel&m=17123456789012${i}&w=2`],
    ['lore.kernel.org message', (i) => `https://lore.kernel.org/all/20240501123456.1234${i}-1-someone@example.org/`],
    ['Google Groups thread', (i) => `https://groups.google.com/g/golang-nuts/c/${id(i, 2)}/m/${id(i, 0)}`],
    ['GitHub commit', (i) => `https://github.com/owner/repo/commit/${id(i, 1)}`],
    ['GitHub unsubscribe', (i) => `https://github.com/notifications/unsubscribe-auth/AABCDEFG${id(i, 0)}`],
    ['Bugzilla bug', (i) => `https://bugzilla.mozilla.org/show_bug.cgi?id=123456${i}`],
    ['Jira issue', (i) => `https://company.atlassian.net/browse/PROJ-12${i}?atlOrigin=eyJpIjoiNmM3ZTk0${id(i, 0)}`],
    ['Google Docs', (i) => `https://docs.google.com/document/d/1${id(i, 0)}${id(i, 0)}abcdefg/edit?usp=sharing`],
    ['calendar invitation', (i) => `https://calendar.google.com/calendar/event?action=RESPOND&eid=${id(i, 0)}${id(i, 0)}&rst=1&tok=MTkj${id(i, 0)}&ctz=Europe%2FBerlin`],
    ['video meeting', (i) => `https://us02web.zoom.us/j/8123456789${i}?pwd=${id(i, 0)}${id(i, 0)}`],
    ['shared file', (i) => `https://www.dropbox.com/s/${id(i, 2).toLowerCase()}x/Report-${i}.pdf?dl=0`],
    ['password reset', (i) => `https://app.example.com/reset-password?token=${id(i, 0)}${id(i, 1)}`],
    ['email verification', (i) => `https://accounts.example.com/verify?token=eyJhbGciOiJIUzI1NiJ9.${id(i, 0)}.${id(i, 0)}`],
    ['magic login', (i) => `https://app.example.com/login/magic?token=${id(i, 1)}`],
    ['order page with key', (i) => `https://shop.example/orders/12345678${i}?key=wc_order_${id(i, 2)}`],
    ['short query id', (i) => `https://blog.example/post?id=12${i}`],
    ['short query page', (i) => `https://blog.example/archive?page=${i + 2}`],
    ['utm-tagged pages', (i) => `https://shop.example/sale/item-${i}?utm_source=newsletter&utm_medium=email&utm_campaign=spring`],
    ['video page', (i) => `https://www.youtube.com/watch?v=${id(i, 2)}`],
    ['product page', (i) => `https://www.amazon.com/dp/${id(i, 3)}`],
    ['social post', (i) => `https://twitter.com/someone/status/17123456789012345${i}`],
    ['Q&A answer', (i) => `https://stackoverflow.com/a/7812345${i}/12345${i}`],
    ['code review', (i) => `https://review.opendev.org/c/openstack/nova/+/91234${i}`],
    ['merge request', (i) => `https://gitlab.com/group/project/-/merge_requests/12${i}`],
    ['Drive file', (i) => `https://drive.google.com/file/d/1${id(i, 0)}${id(i, 0)}/view?usp=drive_link`],
    ['Safe Links to pages', (i) => `https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fshop.example%2Fpage${i}&data=05%7C01%7Cme%40mail.example%7C${id(i, 1)}&sdata=${id(i, 0)}%3D&reserved=0`],
    ['URL Defense to pages', (i) => `https://urldefense.com/v3/__https://shop.example/page${i}__;!!ABC123!${id(i, 0)}$`],
    ['parcel tracking', (i) => `https://www.ups.com/track?tracknum=1Z999AA101234567${i}`],
    ['parcel tracking (German)', (i) => `https://www.dhl.de/int-verfolgen/search?lang=de&idc=00340434${i}&sendungsnummer=00340434161094${i}`],
    ['unsubscribe tokens', (i) => `https://news.example/unsubscribe/${id(i, 1)}`],
    ['forum topic', (i) => `https://forum.example.org/t/some-topic-title/1234${i}/2`],
    ['invoice file', (i) => `https://billing.example.com/invoices/${id(i, 1)}.pdf`],
    ['Google search result', (i) => `https://www.google.com/url?sa=t&url=https%3A%2F%2Fshop.example%2Fpage${i}&ved=2ahUKE${id(i, 0)}`],
  ];
  it.each(cases)('%s', (_name, make) => {
    const html = `<p>Hi,</p>${anchors([0, 1, 2].map(make))}<img src="cid:logo" width="80" height="20">`;
    expect(scanHtml(html, { sender: 'friend@mail.example' }).findings).toEqual([]);
    expect(scanHtml(anchors([make(0)]), { sender: 'friend@mail.example' }).findings).toEqual([]);
  });
  it('vendor homepages and list pages on a tracking host are not redirects', () => {
    const html = anchors([
      'https://sendgrid.com/',
      'https://mailchimp.com/features/',
      `https://url1234.brand.example/wf/unsubscribe?upn=${T[0]}`,
      `https://links.brand.example/a/1333/list_unsubscribe_full/518030/3077882/${T[1]}`,
    ]);
    expect(clicks(html)).toEqual([]);
  });
});

describe('one-letter tracking subdomains', () => {
  it.each([
    ['r.<sub>.<brand>', `https://r.news.brand.example/${T[0]}${T[1]}`],
    ['l.<brand>', `https://l.brand.example/?q=${T[0]}${T[1]}`],
    ['t.e.<brand>', `https://t.e.brand.example/${T[2]}/${T[0]}`],
  ])('a single tokenised link on %s is a possible click redirect', (_name, href) => {
    expect(clicks(anchors([href])).map((f) => f.confidence)).toEqual(['possible']);
  });
  it.each([
    ['a one-letter domain (t.me invite)', `https://t.me/+${T[0]}`],
    ['a one-letter subdomain to a page of words', 'https://r.brand.example/summer/collection'],
  ])('not for %s', (_name, href) => {
    expect(clicks(anchors([href]))).toEqual([]);
  });
});
