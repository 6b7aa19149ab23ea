// Issue 11, classes 3 and 11: naming the vendor behind trackers. A tracker the rules do not know on
// a catalogue vendor's own domain is that vendor's; a URL matched only by another vendor's shape is
// named after who runs the host (an ESP's own domain, or the platform the headers name over the
// delivery relay underneath it); header facts name more platforms. Negative rows keep the rule's
// vendor, the sender's own name and the bare host owner where the catalogue knows nothing better.
import { describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../src/catalogue/index.js';
import { domainOwners } from '../src/catalogue/owners.js';
import { identifySender, type HeaderLookup } from '../src/catalogue/sender.js';
import { scanEml } from '../src/scan/eml.js';
import { scanHtml } from '../src/scan/html.js';

const entries = defaultCatalogue().entries;
const owners = domainOwners(entries);
const lookup = (fields: Record<string, string[]>): HeaderLookup => (name) => fields[name] ?? [];

function eml(from: string, headers: string, html: string): string {
  return `From: News <${from}>\r\nTo: me@mail.example\r\nSubject: Hi\r\n${headers}Content-Type: text/html; charset=utf-8\r\n\r\n${html}`;
}

describe('domainOwners', () => {
  it.each([
    ['a sender-own entry through its branded rule host', 'indeed.com', 'indeed-notifications'],
    ['an ESP through its website', 'sendgrid.com', 'sendgrid'],
    ['an ESP through a branded rule host', 'bloomreach.co', 'bloomreach'],
    ['a brand on its own hosts outranks a product website', 'amazon.com', 'amazon-notifications'],
    ['upper case', 'WebEngage.com', 'webengage'],
  ])('%s: %s', (_n, domain, id) => expect(owners(domain)?.id).toBe(id));
  it.each([
    ["the sender's brand under another suffix", 'amazon.de', 'amazon-notifications'],
    ['and under a two-label suffix', 'ebay.co.uk', 'ebay-notifications'],
    ["the sender's own mail entry among several claimants", 'google.com', 'google-marketing-mail'],
  ])("for the sender's own brand, %s: %s", (_n, domain, id) => expect(owners(domain, true)?.id).toBe(id));
  it.each([
    ['a look-alike under another suffix, unless asked', 'paypal.info'],
    ['claimed by several vendors', 'google.com'],
    ["a customer host written into an ESP's rule", 'cnn.com'],
    ['a domain nobody lists', 'unknown-tracker.example'],
    ['a brand too short to trust', 'x.example'],
  ])('nobody for %s: %s', (_n, domain) => expect(owners(domain)).toBeNull());
});

const UNKNOWN_PIXEL = (host: string): string => `<img src="https://${host}/px/5812L1QV4160U6X3YZHP9A.gif" width="1" height="1">`;

describe('unknown trackers on a catalogue vendor’s domain', () => {
  it("names the vendor owning the host's domain instead of the bare domain", async () => {
    const r = await scanEml(eml('jobs@mailer.example', '', UNKNOWN_PIXEL('cts.indeed.com')));
    expect(r.findings.map((f) => [f.thirdParty, f.vendor?.id])).toEqual([[true, 'indeed-notifications']]);
  });
  it('names it for the sender-own case too (same brand as the From domain)', () => {
    const r = scanHtml(UNKNOWN_PIXEL('t.indeed.com'), { sender: 'alerts@indeed.com' });
    expect(r.findings.map((f) => f.vendor?.id)).toEqual(['indeed-notifications']);
  });
  it("names the brand's entry for the sender's own brand under another suffix", async () => {
    const r = await scanEml(eml('store-news@amazon.de', '', UNKNOWN_PIXEL('t.amazon.de')));
    expect(r.findings.map((f) => f.vendor?.id)).toEqual(['amazon-notifications']);
  });
  it('not for a look-alike domain of another sender', async () => {
    const r = await scanEml(eml('service@secure-login.example', '', UNKNOWN_PIXEL('t.paypal.info')));
    expect(r.findings.map((f) => [f.vendor?.name, f.vendor?.category])).toEqual([['paypal.info', 'host-owner']]);
  });
  it('keeps the bare host owner on a domain nobody in the catalogue owns', async () => {
    const r = await scanEml(eml('news@shop.example', '', UNKNOWN_PIXEL('t.unknown-tracker.example')));
    expect(r.findings.map((f) => [f.vendor?.name, f.vendor?.category])).toEqual([['unknown-tracker.example', 'host-owner']]);
  });
  it('keeps the sender-own name for the sender’s own unlisted domain', async () => {
    const r = await scanEml(eml('news@shop.example', '', UNKNOWN_PIXEL('news.shop.example')));
    expect(r.findings.map((f) => [f.vendor?.name, f.vendor?.category])).toEqual([['shop.example', 'sender-own']]);
  });
  it('a clean message on a vendor domain stays clean', async () => {
    const clean = '<img src="https://www.indeed.com/images/logo.png" width="120" height="40"><a href="https://www.indeed.com/jobs?q=nurse">Jobs</a>';
    expect((await scanEml(eml('jobs@indeed.com', '', clean))).findings).toEqual([]);
  });
});

// SendGrid's link-branding click grammar, on a customer's first-party link host
const SS_CLICK = '<a href="https://elink12.news.example/ss/c/u001.gKxW2KpP8aPe_QMyOQduokBE/4p0/glskTz_WTz6agzZ_UAQ3kg/h1/abcDEF">Read</a>';

describe('shape matches named after who runs the host', () => {
  it('the platform the headers name over the relay whose link format it keeps', async () => {
    const r = await scanEml(eml('newsletter@news.example', 'X-SG-EID: abc\r\nx-beehiiv-type: newsletter\r\n', SS_CLICK));
    expect(r.findings.map((f) => [f.kind, f.vendor?.id])).toEqual([['click-redirect', 'beehiiv']]);
  });
  it("the relay on a host first party only through the platform's bounce domain", async () => {
    const open = '<img src="https://email.m.platform.example/o/eJw9jksOgzAMBU_T7EDGjvNZ5DA4TiAtBam0m56" width="1" height="1">';
    const r = await scanEml(eml('writer@blog.example', 'Return-Path: <bounce@m.platform.example>\r\nX-Mailgun-Sid: WyJk\r\nX-Mailgun-Tag: ghost-email\r\n', open));
    expect(r.findings.map((f) => [f.thirdParty, f.vendor?.id])).toEqual([[false, 'mailgun']]);
  });
  it('the relay itself when no platform is named', async () => {
    const r = await scanEml(eml('newsletter@news.example', 'X-SG-EID: abc\r\n', SS_CLICK));
    expect(r.findings.map((f) => f.vendor?.id)).toEqual(['sendgrid']);
  });
  it('the rule’s vendor when it is a platform of its own, not a relay', async () => {
    const click = '<a href="https://news.shop.example/track/click?u=0123456789abcdef012345678&id=0123456789&e=abcdef0123">x</a>';
    const r = await scanEml(eml('news@shop.example', 'X-Mailer: Inxmail EE 4.8\r\n', click));
    expect(r.findings.map((f) => f.vendor?.id)).toEqual(['mailchimp']);
  });
  it('the rule’s vendor on a third-party host, whatever the headers', async () => {
    const third = SS_CLICK.replace('elink12.news.example', 'elink12.other.example');
    const r = await scanEml(eml('newsletter@news.example', 'X-SG-EID: abc\r\nx-beehiiv-type: newsletter\r\n', third));
    expect(r.findings.map((f) => f.vendor?.id)).toEqual(['sendgrid']);
  });
  it("an ESP whose own domain serves another ESP's grammar", () => {
    const r = scanHtml(SS_CLICK.replace('elink12.news.example', 'links.cleverreach.com'), { sender: 'news@shop.example' });
    expect(r.findings.map((f) => f.vendor?.id)).toEqual(['cleverreach']);
  });
  it("not when that ESP sent the message as the other ESP's customer", () => {
    const r = scanHtml(SS_CLICK.replace('elink12.news.example', 'links.cleverreach.com'), { sender: 'news@cleverreach.com' });
    expect(r.findings.map((f) => f.vendor?.id)).toEqual(['sendgrid']);
  });
  it("a delivery service's own tracking host under a platform's domain stays the service's", () => {
    const open = (host: string): string => `<img src="https://${host}/o/eJxM0Euu4yAQheHVhFlblME2DFiLxaNwUBuIoEjLvfqrPAZ3ekr69am8JTxqu8yjdmLB" width="1" height="1">`;
    for (const host of ['email.mg1.substack.com', 'email.mg-d0.substack.com']) {
      expect(scanHtml(open(host), { sender: 'writer@substack.com' }).findings.map((f) => f.vendor?.id)).toEqual(['mailgun']);
    }
  });
  it('not when the domain owner is no mail platform (a brand’s own link domain)', () => {
    const onelink = '<a href="https://click.snapchat.com/aVHG?ref=r&af_dp=https%3A%2F%2Flink.snapchat.com%2Ffeed%2F&af_web_dp=https%3A%2F%2Fwww.snapchat.com%2F">Open</a>';
    const r = scanHtml(onelink, { sender: 'no-reply@snapchat.com' });
    expect(r.findings.map((f) => [f.kind, f.vendor?.id])).toEqual([['click-redirect', 'appsflyer']]);
  });
});

describe('header facts of more platforms', () => {
  const rows: [string, Record<string, string[]>, string | null, boolean?][] = [
    ['beehiiv beside SendGrid', { 'x-sg-eid': ['abc'], 'x-beehiiv-type': ['newsletter'] }, 'beehiiv'],
    ['Substack beside Mailgun', { 'x-mailgun-sid': ['WyJk'], 'feedback-id': ['post-1:cat-post:pub-2:substack'] }, 'substack'],
    ['phpList beside PHPMailer', { 'x-mailer': ['PHPMailer [version 1.73]', 'phplist v2.10.10'] }, 'phplist'],
    ['Mapp Engage (eC-messenger)', { 'x-mailer': ['eC-Messenger Build 6.50.166'] }, 'mapp'],
    ['Copia emailFacts', { 'x-mailer': ['Copia emailFacts v7.249'] }, 'copia-emailfacts'],
    ['Indeed by Feedback-ID', { 'feedback-id': ['DREMR:DREMR:Indeed'] }, 'indeed-notifications'],
    ['Facebook notifications', { 'x-mailer': ['ZuckMail [version 1.00]'] }, 'meta'],
    ['X notifications', { 'x-twitter-cid': ['ibis2-password_reset'] }, 'twitter'],
    ["Amazon's own mail over SES", { 'x-ses-outgoing': ['2022.04.13-54.240.27.22'], 'x-amazon-mail-relay-type': ['notification'] }, 'amazon-notifications'],
    // not a platform
    ['PHPMailer alone', { 'x-mailer': ['PHPMailer [version 1.73]'] }, null],
    ['a Feedback-ID that only ends like one', { 'feedback-id': ['DREMR:DREMR:Indeedx'] }, null],
    ['Mailgun alone stays a relay', { 'x-mailgun-sid': ['WyJk'] }, 'mailgun', true],
  ];
  it.each(rows)('%s', (_n, fields, id, relay) => {
    const p = identifySender(entries, lookup(fields));
    expect(p?.entry.id ?? null).toBe(id);
    if (p !== null) expect(p.relay).toBe(relay === true);
  });
  it("applies the named platform's rules on the customer's newsletter host", async () => {
    const pixel = '<img src="http://www.nl.shop.example/newsletter2/out/htracking.php?jobid=55161&userid=285996" width="1" height="1">';
    const r = await scanEml(eml('newsletter@other.example', 'X-Mailer: Copia emailFacts v7.249\r\n', pixel));
    expect(r.findings.map((f) => [f.kind, f.vendor?.id])).toEqual([['open-pixel', 'copia-emailfacts']]);
  });
  it('names a first-party tracker after phpList when its X-Mailer is there', async () => {
    const pixel = '<img src="http://massmail.shop.example/phplist3/ut.php?u=4cbdcb290880fee477983b5a4748ae56&m=49" width="1" height="1">';
    const r = await scanEml(eml('news@shop.example', 'X-Mailer: phplist v2.10.10\r\n', pixel));
    expect(r.findings.map((f) => f.vendor?.id)).toEqual(['phplist']);
    const without = await scanEml(eml('news@shop.example', '', pixel));
    expect(without.findings.map((f) => f.vendor?.category)).toEqual(['sender-own']);
  });
});

describe("sender-own click grammars of big senders' notification mail", () => {
  it.each([
    ['Facebook /n/?<target>&mid=', 'http://www.facebook.com/n/?groups%2F1&mid=7a0ffadG5af33a8a9c98Ga61c449Gdd&bcode=1.1&n_m=me%40mail.example', 'meta'],
    ['Indeed /redirect/<name>?refUid=', 'https://employers.indeed.com/redirect/candidatemanagementvideolink?refUid=1cibmn7lh0bjv5fj&ctx=1&lid=2', 'indeed-notifications'],
  ])('%s', (_n, href, id) => {
    const r = scanHtml(`<a href="${href}">See</a>`, { sender: 'notification@example.org' });
    expect(r.findings.map((f) => [f.kind, f.vendor?.id])).toEqual([['click-redirect', id]]);
  });
  it.each([
    ['a plain Facebook page', 'https://www.facebook.com/notifications'],
    ['/n/ without the message id', 'http://www.facebook.com/n/?groups%2F1'],
    ['an Indeed job search', 'https://www.indeed.com/jobs?q=nurse&l=Boston'],
  ])('not %s', (_n, href) => {
    expect(scanHtml(`<a href="${href}">See</a>`, { sender: 'notification@example.org' }).findings).toEqual([]);
  });
});
