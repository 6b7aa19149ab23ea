// Issue 11, class 11: small ESPs added to the catalogue (Unisender, MailUp, SendCloud, CleverTap,
// Drip, Cuenote, Copernica, Mumara, Vuture, Squarespace Email, Direct Mail, FanBridge, MagnetMail,
// EasyPrivacy-listed Insider, Contactlab, promio, PersonaClick, SmartrMail, BirdSend, Deployteq,
// VerticalResponse)
// and Mailtrack's click links. Each row is a whole scan; the negative rows are the vendors' own
// website, unsubscribe and content-image URLs, which must stay clean.
import { describe, expect, it } from 'vitest';
import { scanHtml } from '../src/scan/html.js';

const SENDER = { sender: 'news@shop.example' };
const PIXEL = 'width="1" height="1"';

type Expected = [kind: string, vendor: string, destination?: string];
type Row = [name: string, html: string, expected: Expected[]];

const img = (src: string): string => `<img src="${src}" ${PIXEL}>`;
const link = (href: string): string => `<a href="${href}">Read more</a>`;

const rows: Row[] = [
  ['Unisender click, base64url destination', link('https://geteml.com/ru/mail_link_tracker?hash=6m1gm36twcunqcdnb591sne3zu4aphuu78i55sp&amp;url=aHR0cHM6Ly9zaG9wLmV4YW1wbGUvc2FsZS8_cT0x'), [['click-redirect', 'unisender', 'https://shop.example/sale/?q=1']]],
  ['Unisender click, twice-encoded destination', link('http://usndr.com/ru/mail_link_tracker?hash=5ophjexcycqe5wnr3y&amp;url=https%253A%252F%252Fshop.example%252Fnews'), [['click-redirect', 'unisender', 'https://shop.example/news']]],
  ['Unisender click on the sender\'s own host', link('https://unimail.university.example/ru/mail_link_tracker?hash=6c9fxao67bpypqjnr33&amp;url=aHR0cHM6Ly9zaG9wLmV4YW1wbGUvc2FsZS8_cT0x&amp;uid=MTMyMzY3NA=='), [['click-redirect', 'unisender', 'https://shop.example/sale/?q=1']]],
  ['Unisender read pixel', img('https://us21.besteml.com/ru/mail_read_tracker/3626893?hash=6zieseb9rche5db5u9w379mhn9wd1'), [['open-pixel', 'unisender']]],
  ['MailUp open pixel', img('http://bee.musvc2.net/e/c?q=A%3dOYFfO%26G%3d0%26L%3dKbBY%267%3db9aKZ'), [['open-pixel', 'mailup']]],
  ['MailUp click', link('http://bee.musvc2.net/e/t?q=6%3dCZVaC%26H%3dP%26G%3d9cRT%26u%3dcOV9a'), [['click-redirect', 'mailup']]],
  ['SendCloud click', link('https://sctrack.sendcloud.net/track/click/eyJtYWlsbGlzdF9pZCI6IDAsICJ0YXNrX2lkIjogIiJ9.html'), [['click-redirect', 'sendcloud']]],
  ['CleverTap open pixel', img('https://sk1.wizrocketmail.net/r?e=Kw1qHB8abcdEFGH'), [['open-pixel', 'clevertap']]],
  ['CleverTap click', link('https://us1.wizrocketmail.net/r?e=K2xrGR97BX96bGt9&amp;r=https%3A%2F%2Fshop.example%2Forders%2F1'), [['click-redirect', 'clevertap', 'https://shop.example/orders/1']]],
  ['Drip click, base64 JSON token', link('http://t.dripemail2.com/c/eyJhY2NvdW50X2lkIjoiMTIzNDU2NyIsImRlbGl2ZXJ5X2lkIjoiMjM0NTY3ODkwMSIsInVybCI6Imh0dHBzOi8vc2hvcC5leGFtcGxlL2Jsb2cvcG9zdD9fX3M9YWJjZGVmZ2hpajAxMjM0NTY3ODkifQ'), [['click-redirect', 'drip', 'https://shop.example/blog/post?__s=abcdefghij0123456789']]],
  ['Cuenote click', link('https://gy53-cl.asp.cuenote.jp/c/X9Vabc'), [['click-redirect', 'cuenote']]],
  ['Copernica open image on a branded host', img('https://news.brand.example/image/1234/ab_12cd/image.gif?cdmiv=0a1b2c3d'), [['open-pixel', 'copernica']]],
  ['Mumara open on the sender\'s server', img('https://mail.brand.example/campaign/track-email/123456__789__1234567__012'), [['open-pixel', 'mumara']]],
  ['Vuture click on a law firm\'s host', link('https://insights.lawfirm.example/email_handler.aspx?sid=blob1234&amp;redirect=https%3A%2F%2Fwww.lawfirm.example%2Finsights'), [['click-redirect', 'vuture', 'https://www.lawfirm.example/insights']]],
  ['Squarespace Email Campaigns click', link('https://f69e.engage.squarespace-mail.com/r?u=https%3A%2F%2Fshop.example%2Fsale&amp;w=abc'), [['click-redirect', 'squarespace-email', 'https://shop.example/sale']]],
  ['Direct Mail click', link('https://acct1234.dmanalytics2.com/click?u=https%3A%2F%2Fshop.example%2Fnews'), [['click-redirect', 'direct-mail', 'https://shop.example/news']]],
  ['FanBridge click', link('https://clicks.fanbridge.com/l.php?cid=12345&amp;sid=67890&amp;url=https%3A%2F%2Fband.example%2Ftour'), [['click-redirect', 'fanbridge', 'https://band.example/tour']]],
  ['MagnetMail click', link('https://www.mmsend53.com/link.cfm?r=abc123&amp;sid=456&amp;m=789&amp;u=assoc&amp;s=https%3A%2F%2Fassociation.example%2Fevents'), [['click-redirect', 'magnetmail', 'https://association.example/events']]],
  ['Insider pixel', img('https://mail.useinsider.com/pixel?id=abc123'), [['open-pixel', 'insider']]],
  ['Contactlab view pixel', img('https://t.contactlab.it/v/abc123/def456'), [['open-pixel', 'contactlab']]],
  ['promio image on its tracking host', img('https://img.promio-connect.com/13025/o/a1b2c3d4.gif'), [['open-pixel', 'promio']]],
  ['SmartrMail open', img('https://t.smartrmail.co/o/abc123def456'), [['open-pixel', 'smartrmail']]],
  ['VerticalResponse click', link('http://cts.vresp.com/c/?ShopAccount/0a1b2c3d4e/5f6a7b8c9d/0e1f2a3b4c'), [['click-redirect', 'verticalresponse']]],
  ['Mailtrack click link', link('https://mailtrack.io/trace/link/0123456789abcdef0123456789abcdef01234567?url=https%3A%2F%2Fshop.example%2Fnews&amp;userId=1234567&amp;signature=0123456789abcdef'), [['click-redirect', 'mailtrack', 'https://shop.example/news']]],
  ['Mailtrack (mltrk.io) click link', link('https://mltrk.io/link/https%3A%2F%2Fshop.example%2Fsale/k3j5h7'), [['click-redirect', 'mailtrack', 'https://shop.example/sale']]],
  // clean mail stays clean
  ['Unisender unsubscribe link', link('https://us21.besteml.com/ru/unsubscribe?hash=6isp7fr5a1ndumbik4h4bo1pjkwd1#no_tracking'), []],
  ['MailUp content image on its image host', '<img src="https://customer31551.img.musvc2.net/static/31551/images/1/logo.png" width="190" height="60">', []],
  ['MailUp unsubscribe link', link('https://customer61127.musvc2.net/e/u?q=5%3dHV6TI%26G%3d6%26F%3dFa7ZE'), []],
  ['SendCloud unsubscribe link', link('https://sctrack.sendcloud.net/track/unsubscribe2.do'), []],
  ['promio content image', '<img src="https://media.promio-connect.com/13025/pics/2025/Button.png" width="300" height="80">', []],
  ['VerticalResponse content image', '<img src="https://a792ded0d2-custmedia.vresp.com/library/1373430272/36231dc730/twitter.png" width="32" height="32">', []],
  ['Mailtrack website link in a signature', link('https://mailtrack.io/start'), []],
  ['Mailtrack website link with a token-like query', link('https://mailtrack.io/en/?utm_source=signature&amp;utm_campaign=signature&amp;uid=a1b2c3d4e5f6a7b8'), []],
  ['Mailtrack logo in a signature', '<img src="https://mailtrack.io/static/images/signature/logo.png" width="16" height="16">', []],
  ['a /e/t search link on an ordinary site', link('https://www.shop.example/e/t?q=shoes'), []],
  ['a mail_read_tracker path without the locale on an ordinary site', '<img src="https://www.shop.example/mail_read_tracker/eJxVjMsOgjAQRX/" width="600" height="200">', []],
];

describe('issue 11 small-ESP catalogue entries, through a scan', () => {
  it.each(rows)('%s', (_n, html, expected) => {
    const r = scanHtml(html, SENDER);
    expect(r.findings.map((f) => [f.kind, f.vendor?.id ?? null])).toEqual(expected.map(([k, v]) => [k, v]));
    expected.forEach(([, , destination], i) => {
      if (destination !== undefined) expect(r.findings[i]?.destination, `destination of finding ${i}`).toBe(destination);
    });
  });
});
