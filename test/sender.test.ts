// Issue 11, class 3: the sending platform read from the headers (catalogue `senderHeaders`
// facts), its rules applied on its customers' branded hosts, and unattributed first-party trackers
// named after it or after the sender itself (`sender-own`). Negative rows keep clean mail clean.
import { describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../src/catalogue/index.js';
import { factHoldsOn, headerDomains, identifySender, type HeaderLookup } from '../src/catalogue/sender.js';
import type { SenderFact, VendorEntry } from '../src/catalogue/types.js';
import { senderHeaderProblems } from '../src/catalogue/validate-sender.js';
import { hostProblem } from '../src/catalogue/validate.js';
import { sameVendor } from '../src/eval/score.js';
import { sanitizeEml } from '../src/sanitize/eml.js';
import { scanEml } from '../src/scan/eml.js';
import { scanHtml } from '../src/scan/html.js';

const lookup = (fields: Record<string, string[]>): HeaderLookup => (name) => fields[name] ?? [];
const entries = defaultCatalogue().entries;

describe('headerDomains', () => {
  it.each([
    ['message-id', '<a.b@mail5.suw111.mcdlv.net>', ['mail5.suw111.mcdlv.net']],
    ['return-path', 'bounce+1@send.ksd1.klaviyomail.com', ['send.ksd1.klaviyomail.com']],
    ['dkim-signature', 'inxserver.com', ['inxserver.com']],
    ['list-unsubscribe', 'https://121070.seu2.cleverreach.com/rmftlp.php?cid=0', ['121070.seu2.cleverreach.com']],
    ['list-unsubscribe', 'mailto:unsubscribe+x@amxe.net?subject=unsub', ['amxe.net']],
    ['list-id', 'x mc list <5e78.227233.list-id.mcsv.net>', ['5e78.227233.list-id.mcsv.net']],
    ['x-report-spam', 'complaints@episerver.com.', ['episerver.com']],
    ['x-mailer', 'Inxmail EE 4.8', []],
  ] as const)('%s %s', (header, value, want) => expect(headerDomains(header, value)).toEqual(want));
});

describe('identifySender', () => {
  const rows: [string, Record<string, string[]>, string | null, boolean?][] = [
    ['Mailchimp by Feedback-ID', { 'feedback-id': ['23225407:23225407.1113764:us3:mc'] }, 'mailchimp'],
    ['Inxmail by X-Mailer', { 'x-mailer': ['Inxmail EE 4.8.47.804'] }, 'inxmail'],
    ['Episerver by X-Mailer', { 'x-mailer': ['Episerver'] }, 'optimizely-campaign'],
    ['ELAINE by Message-ID domain', { 'message-id': ['<E5-7v32nb0l-nr293/19/100972-0dvh6elp@artegic.net>'] }, 'artegic-elaine'],
    ['CleverReach by List-Unsubscribe host', { 'list-unsubscribe': ['https://121070.seu2.cleverreach.com/rmftlp.php'] }, 'cleverreach'],
    ['SendGrid alone is a relay', { 'x-sg-eid': ['abc'] }, 'sendgrid', true],
    ['a platform beats the relay it sends through', { 'x-sg-eid': ['abc'], 'x-kmail-account': ['TXS8dR'] }, 'klaviyo'],
    ['ConvertKit on SendGrid', { 'x-sg-eid': ['abc'], 'x-sg-id': ['def'], 'feedback-id': ['4874116:156821:emailtemplate:CK'] }, 'kit'],
    ['Amazon SES relay', { 'x-ses-outgoing': ['2022.04.13-54.240.27.22'] }, 'amazon-ses', true],
    // clean mail
    ['personal mail client', { 'x-mailer': ['Apple Mail (2.3445.104.11)'], 'message-id': ['<7D32@kadeifalong.de>'] }, null],
    ['Outlook', { 'x-mailer': ['Microsoft Outlook 14.0'] }, null],
    ['mailing list', { 'list-id': ['<feministinn.listar.hi.is>'], 'list-unsubscribe': ['mailto:feministinn-request@listar.hi.is'] }, null],
    ['a look-alike domain is not the platform', { 'message-id': ['<a@notmcsv.net>', '<b@mcsv.net.evil.example>'] }, null],
    ['no headers', {}, null],
  ];
  it.each(rows)('%s', (_n, fields, id, relay) => {
    const p = identifySender(entries, lookup(fields));
    expect(p?.entry.id ?? null).toBe(id);
    if (p !== null) expect(p.relay).toBe(relay === true);
  });
});

describe('senderHeaders validation', () => {
  const ok: SenderFact = { header: 'x-mailer', prefix: 'Acme Mailer', source: 'https://acme.example/docs', examples: { hit: ['Acme Mailer 2'], miss: ['Other'] } };
  const bad: [string, unknown, string][] = [
    ['two tests', [{ ...ok, suffix: 'xyz' }], 'exactly one'],
    ['no test', [{ header: 'x-mailer', source: 's', examples: { hit: ['x'] } }], 'exactly one'],
    ['upper-case header', [{ ...ok, header: 'X-Mailer' }], 'lower-case header'],
    ['too short a text', [{ ...ok, prefix: 'ab' }], '3+ characters'],
    ['bad domain', [{ header: 'message-id', domain: 'Mcsv.net', source: 's', examples: { hit: ['<a@mcsv.net>'] } }], 'lower-case'],
    ['hit that does not hold', [{ ...ok, examples: { hit: ['Other 2'] } }], 'does not hold'],
    ['miss that holds', [{ ...ok, examples: { hit: ['Acme Mailer 2'], miss: ['acme mailer 3'] } }], 'holds'],
    ['no source', [{ ...ok, source: '' }], 'source'],
    ['unknown field', [{ ...ok, weight: 2 }], 'unknown field'],
    ['empty list', [], 'non-empty'],
  ];
  it('accepts a good fact', () => expect(senderHeaderProblems([ok], 'acme', hostProblem)).toEqual([]));
  it.each(bad)('rejects %s', (_n, value, msg) => {
    expect(senderHeaderProblems(value, 'acme', hostProblem).join('\n')).toContain(msg);
  });
  it('matches ASCII case-insensitively', () => expect(factHoldsOn(ok, 'ACME MAILER 9')).toBe(true));
});

function eml(headers: string, html: string): string {
  return `From: News <news@shop.example>\r\nTo: me@mail.example\r\nSubject: Hi\r\n${headers}Content-Type: text/html; charset=utf-8\r\n\r\n${html}`;
}
const PIXEL = '<img src="https://news.shop.example/px/5812L1QV4160U6X3YZHP9A.gif" width="1" height="1">';
const THIRD = '<img src="https://t.unknown-tracker.example/o.gif?id=3f2b8c1e9d4a4b7e8f001a2b3c4d5e6f" width="1" height="1">';

describe('attribution of trackers the catalogue does not name', () => {
  it('names the platform the headers identify for a first-party tracker', async () => {
    const r = await scanEml(eml('X-Mailer: Episerver\r\nFeedback-ID: 1BEVUVUX:4160U6X3:episerver\r\n', PIXEL));
    expect(r.findings.map((f) => f.vendor?.id)).toEqual(['optimizely-campaign']);
  });
  it('names the sender itself without a platform (sender-own, registrable domain)', async () => {
    const r = await scanEml(eml('', PIXEL));
    expect(r.findings.map((f) => [f.vendor?.name, f.vendor?.category])).toEqual([['shop.example', 'sender-own']]);
  });
  it('a relay alone leaves first-party tracking to the sender', async () => {
    const r = await scanEml(eml('X-SES-Outgoing: 2022.04.13-54.240.27.22\r\n', PIXEL));
    expect(r.findings[0]?.vendor?.category).toBe('sender-own');
  });
  it('a host first party only through the bounce domain belongs to an unknown platform: named after its domain', async () => {
    const pixel = '<img src="https://t2d857.esp-mailer.example/o/136/1071579/1264/0/4531494/9012/b16ba30df6.gif" width="1" height="1">';
    const r = await scanEml(eml('Return-Path: <bounce-1@esp-mailer.example>\r\n', pixel));
    expect(r.findings.map((f) => [f.thirdParty, f.vendor?.name, f.vendor?.category])).toEqual([[false, 'esp-mailer.example', 'host-owner']]);
  });
  it('the same brand under another suffix is the sender', async () => {
    const raw = 'From: News <news@zalando.de>\r\nTo: me@mail.example\r\nDKIM-Signature: v=1; d=zalando.com; s=k1; b=x\r\n'
      + 'Content-Type: text/html\r\n\r\n<img src="https://t.zalando.com/o/1234/56789/1234567" width="1" height="1">';
    const r = await scanEml(raw);
    expect(r.findings.map((f) => [f.thirdParty, f.vendor?.name ?? null])).toEqual([[false, 'zalando.de']]);
  });
  it('names the sender for its brand under another suffix, first party or not', () => {
    const pixel = '<img src="https://www.mailinglijst.eu/images/10374608.109906.aspx" width="1" height="1">';
    expect(scanHtml(pixel, { sender: 'news@mailinglijst.nl' }).findings.map((f) => [f.thirdParty, f.vendor?.name])).toEqual([[true, 'mailinglijst.nl']]);
    const short = '<img src="https://t.ibm.example/o/1234/56789/1234567" width="1" height="1">';
    expect(scanHtml(short, { sender: 'news@ibm.test' }).findings.map((f) => f.vendor?.category)).toEqual(['host-owner']);
  });
  it('names an unknown third party after its host domain, platform or not (host-owner)', async () => {
    for (const h of ['', 'X-Mailer: Inxmail EE 4.8\r\n']) {
      const r = await scanEml(eml(h, THIRD));
      expect(r.findings.map((f) => f.vendor)).toEqual([{ id: 'host-owner-unknown-tracker-example', name: 'unknown-tracker.example', category: 'host-owner' }]);
      expect(r.findings[0]?.explanation).toContain('the owner of unknown-tracker.example');
    }
  });
  it('leaves a tracker on a bare IP address unnamed', async () => {
    const ip = '<img src="http://198.51.100.7/o.gif?id=3f2b8c1e9d4a4b7e8f001a2b3c4d5e6f" width="1" height="1">';
    const r = await scanEml(eml('', ip));
    expect(r.findings.map((f) => [f.kind, f.vendor])).toEqual([['open-pixel', null]]);
  });
  it('keeps catalogue vendors as they are', async () => {
    const ga = '<img src="https://www.google-analytics.com/collect?v=1&tid=UA-1-1&cid=42" width="1" height="1">';
    const r = await scanEml(eml('X-Mailer: Inxmail EE 4.8\r\n', ga));
    expect(r.findings[0]?.vendor?.id).toBe('google-analytics');
  });
  it('names unknown-link click groups too', async () => {
    const links = ['a1B2c3D4e5F6g7H8', 'Z9y8X7w6V5u4T3s2', 'k1L2m3N4o5P6q7R8'].map((t) => `<a href="https://news.shop.example/d?${t}">x</a>`).join('');
    const r = await scanEml(eml('X-Mailer: Inxmail EE 4.8\r\n', links));
    expect(r.findings.map((f) => [f.kind, f.vendor?.id])).toEqual([['click-redirect', 'inxmail']]);
  });
  it('scanHtml names the sender option as sender-own', () => {
    const r = scanHtml(PIXEL, { sender: 'news@shop.example' });
    expect(r.findings[0]?.vendor).toEqual({ id: 'sender-own-shop-example', name: 'shop.example', category: 'sender-own' });
  });
  it('says the sender tracks in the explanation', async () => {
    const r = await scanEml(eml('', PIXEL));
    expect(r.findings[0]?.explanation).toContain('shop.example');
  });
});

describe("the sending platform's rules on any host", () => {
  const headers = 'X-Mailgun-Sid: WyI5ZjQ1NSJd\r\n';
  it('finds the platform shape on a branded host the catalogue does not know', async () => {
    const r = await scanEml(eml(headers, '<img src="https://news.shop.example/o/eJxVjEEKgzAQRa8SZt2F1Y3tVUTCaAcNxCQk0yqId3fA4sL5">'));
    expect(r.findings.map((f) => [f.kind, f.vendor?.id, f.confidence])).toEqual([['open-pixel', 'mailgun', 'likely']]);
  });
  it('not on sized content images of the same host', async () => {
    const r = await scanEml(eml(headers, '<img src="https://news.shop.example/o/banner-spring" width="600" height="300">'));
    expect(r.findings).toEqual([]);
  });
  it('not without the headers', async () => {
    const r = await scanEml(eml('', '<img src="https://news.shop.example/o/eJxVjEEKgzAQRa8SZt2F1Y3tVUTCaAcNxCQk0yqId3fA4sL5">'));
    expect(r.findings.every((f) => f.vendor?.id !== 'mailgun')).toBe(true);
  });
  it('clean mail with platform headers stays clean', async () => {
    const clean = '<p>Hello</p><img src="https://news.shop.example/img/logo.png" width="200" height="60"><img src="https://news.shop.example/img/spacer.gif" width="1" height="1"><a href="https://shop.example/products/red-dress">Shop</a>';
    for (const h of [headers, 'X-Mailer: Inxmail EE 4.8\r\n', 'X-SG-EID: abc\r\n']) {
      expect((await scanEml(eml(h, clean))).findings).toEqual([]);
    }
  });
});

describe('sameVendor and sender-own names', () => {
  it.each([
    ['zalando.de', 'zalando.de', true],
    ['zalando.de', 'zalando.com', true],
    ['zalando.de', 'Zalando', true],
    ['Zalando', 'zalando.de', true],
    ['ibm.com', 'ibm.co.uk', true],
    ['news.shop.co.uk', 'shop.co.uk', true],
    ['zalando.de', 'otto.de', false],
    ['ibm.com', 'ibmx.com', false],
    ['Episerver/Optimizely Campaign (first-party domain)', 'Optimizely Campaign (Episerver)', true],
    ['Sendinblue/Brevo', 'Brevo', true],
    ['zalando.de', 'Mailchimp', false],
  ] as const)('%s ~ %s → %s', (label, ours, want) => expect(sameVendor(label, ours)).toBe(want));
});

describe('catalogue sender facts', () => {
  it('every vendor with facts is named by its own hit examples alone', () => {
    const problems: string[] = [];
    for (const e of entries as readonly VendorEntry[]) {
      for (const f of e.senderHeaders ?? []) {
        for (const hit of f.examples.hit) {
          const p = identifySender(entries, lookup({ [f.header]: [hit] }));
          if (p?.entry.id !== e.id) problems.push(`${e.id}: ${f.header}: ${hit} → ${p?.entry.id ?? 'nothing'}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('attached messages are attributed with their own headers', () => {
  const inner = (headers: string, html: string): string =>
    `From: Cameraboys <news@newsletter.brand.example>\r\nTo: me@mail.example\r\n${headers}Subject: Offer\r\nContent-Type: text/html\r\n\r\n${html}`;
  const report = (attached: string): string =>
    'From: feedbackloop@fbl.isp.example\r\nTo: abuse@esp.example\r\nSubject: complaint\r\nMIME-Version: 1.0\r\n'
    + 'Content-Type: multipart/report; report-type=feedback-report; boundary="b1"\r\n\r\n'
    + '--b1\r\nContent-Type: text/plain\r\n\r\nA complaint.\r\n'
    + `--b1\r\nContent-Type: message/rfc822\r\n\r\n${attached}\r\n--b1--\r\n`;
  const pixel = '<img src="https://newsletter.brand.example/u/nhwd78SKxbhmBVPnguhq5w" width="1" height="1">';
  it("names the attached message's platform and counts its own hosts as first party", async () => {
    const r = await scanEml(report(inner('X-Mailer: Maileon\r\n', pixel)));
    expect(r.findings.map((f) => [f.kind, f.thirdParty, f.vendor?.id])).toEqual([['open-pixel', false, 'xqueue-maileon']]);
  });
  it("names the attached message's sender without a platform", async () => {
    const r = await scanEml(report(inner('', pixel)));
    expect(r.findings.map((f) => [f.thirdParty, f.vendor?.name, f.vendor?.category])).toEqual([[false, 'brand.example', 'sender-own']]);
  });
  it('sanitizeEml names and removes them as scanEml does', async () => {
    const s = await sanitizeEml(report(inner('X-Mailer: Maileon\r\n', pixel)));
    expect(s.removed.map((f) => [f.kind, f.vendor?.id])).toEqual([['open-pixel', 'xqueue-maileon']]);
  });
  it('leaves top-level parts to the top-level headers', async () => {
    const r = await scanEml(inner('X-Mailer: Maileon\r\n', pixel).replace('news@newsletter.brand.example', 'news@other.example'));
    expect(r.findings.map((f) => [f.thirdParty, f.vendor?.id])).toEqual([[true, 'host-owner-brand-example']]);
  });
});

describe('the platform whose host serves the List-Unsubscribe URL', () => {
  const first = '<img src="https://news.shop.example/px/5812L1QV4160U6X3YZHP9A.gif" width="1" height="1">';
  it.each([
    ['a Mailjet list', 'List-Unsubscribe: <https://x4k2.mjt.lu/unsub2?hl=en&m=AV4AABC&b=3f2b8c1e&e=1a2b&x=9f>\r\n', 'mailjet', 'esp'],
    ['an ActiveCampaign list', 'List-Unsubscribe: <https://shop.activehosted.com/proc.php?act=unsub&c=12&m=34&s=abc>\r\n', 'activecampaign', 'esp'],
    ["the sender's own page", 'List-Unsubscribe: <https://www.shop.example/unsubscribe?u=3f2b8c1e>\r\n', 'sender-own-shop-example', 'sender-own'],
    ['a mailto target only', 'List-Unsubscribe: <mailto:unsub-123@mjt.lu>\r\n', 'sender-own-shop-example', 'sender-own'],
    ['a delivery relay stays a relay', 'List-Unsubscribe: <https://u123.ct.sendgrid.net/asm/unsubscribe/?user_id=1&data=abc>\r\n', 'sender-own-shop-example', 'sender-own'],
  ])('%s', async (_name, header, id, category) => {
    const r = await scanEml(eml(header, first));
    expect(r.findings.map((f) => [f.vendor?.id, f.vendor?.category])).toEqual([[id, category]]);
  });
  it('a header fact wins over the unsubscribe host', async () => {
    const r = await scanEml(eml('X-Mailer: Inxmail EE 4.8\r\nList-Unsubscribe: <https://x4k2.mjt.lu/unsub2?m=1>\r\n', first));
    expect(r.findings.map((f) => f.vendor?.id)).toEqual(['inxmail']);
  });
});
