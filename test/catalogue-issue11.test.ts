// Issue 11, classes 6 and 11: catalogue entries for ad servers and affiliate networks (banners
// are beacons with the visible-ad signal), Telegram Bot API, Adobe Analytics' 2o7.net, Gmail's
// /meips/ image proxy and small ESPs. Each row is a whole scan; negative rows stay clean.
import { describe, expect, it } from 'vitest';
import { scanHtml } from '../src/scan/html.js';

const SENDER = { sender: 'news@shop.example' };
type Row = [name: string, html: string, expected: [kind: string, vendor: string | null, visibleAd?: boolean][]];

const rows: Row[] = [
  ['Telegram bot beacon', '<img src="https://api.telegram.org/bot123456789:AAFx-Ab_cdEf/sendMessage?chat_id=-1001234&text=opened" width="1" height="1">', [['open-pixel', 'telegram-bot-api']]],
  ['Adobe Analytics on 2o7.net', '<img src="https://acme.112.2o7.net/b/ss/acmeprod/1/H.27.5/s123?AQB=1&pageName=email" width="1" height="1">', [['beacon', 'adobe-analytics']]],
  ['Adobe Analytics on a first-party collection host', '<img src="https://stats.shop.example/b/ss/shopprod/1/JS-2.22.0/s12345678?AQB=1" width="1" height="1">', [['beacon', 'adobe-analytics']]],
  ['Gmail /meips/ proxy looked through', '<img src="https://ci3.googleusercontent.com/meips/ADKq_NbL2x7pQ8vY=s0-d-e1-ft#https://x.us3.list-manage.com/track/open.php?u=1&id=2&e=3" width="1" height="1">', [['open-pixel', 'mailchimp']]],
  ['CJ banner', '<a href="https://www.anrdoezrs.net/click-1234567-10567890"><img src="https://www.tqlkg.com/image-1234567-10567890" width="300" height="250"></a>', [['beacon', 'cj-affiliate', true], ['click-redirect', 'cj-affiliate']]],
  ['Awin banner', '<img src="https://www.awin1.com/cshow.php?s=1234567&v=12345&q=123456&r=654321" width="468" height="60">', [['beacon', 'awin', true]]],
  ['Rakuten banner', '<img src="https://ad.linksynergy.com/fs-bin/show?id=AbCdEfGh123&bids=123456.1&type=4" width="728" height="90">', [['beacon', 'rakuten-advertising', true]]],
  ['Impact impression', '<img src="https://brand.sjv.io/i/1234567/123456/12345" width="1" height="1">', [['beacon', 'impact', false]]],
  ['ad image on an affiliate host without an endpoint rule', '<img src="https://www.awin1.com/banners/spring.jpg" width="300" height="250">', [['beacon', 'awin', true]]],
  ['Revive Adserver banner on a publisher host', '<img src="https://ads.publisher.example/www/delivery/avw.php?zoneid=12&cb=98765&n=a1b2c3d4" width="468" height="60">', [['beacon', 'revive-adserver']]],
  ['MailWizz open', '<img src="https://edm.brand.example/index.php/campaigns/og443bz56gb9c/track-opening/cc239cho30d32" width="1" height="1">', [['open-pixel', 'mailwizz']]],
  ['MailWizz open without index.php', '<img src="https://mailing.brand.example/campaigns/bj128jmtp39af/track-opening/wg392lz0hyd2d" width="1" height="1">', [['open-pixel', 'host-owner-brand-example']]],
  ['Mautic email open', '<img src="https://mautic.brand.example/email/5f3c2a1b9d8e7.gif" width="1" height="1">', [['open-pixel', 'mautic']]],
  ['Elastic Email open on a branded host', '<img src="https://tracking.brand.example/tracking/open?msgid=QkPGExw7gcagmKrMK_Tc7A2&c=1988167658209768686" width="1" height="1">', [['open-pixel', 'elastic-email']]],
  ['NetEase read beacon', '<img src="https://count.mail.163.com/beacon/edm.gif?type=dm_read&mid=1&uid=me%40mail.example">', [['open-pixel', 'netease-mail']]],
  ['MailerLite forward beacon in CSS', '<style>div.OutlookMessageHeader{background-image:url(https://track.mlsend3.com/link/f/YT00MzQ3MDg5NTM2NzUzMzU1MDcmYz1pM2E5)}</style><p>x</p>', [['css-beacon', 'mailerlite']]],
  // clean mail stays clean
  ['content image under /email/ on an ordinary host', '<img src="https://www.brand.example/email/header.gif" width="600" height="200">', []],
  ['content image through the /meips/ proxy', '<img src="https://ci3.googleusercontent.com/meips/ADKq_NbL2x7p=s0-d-e1-ft#https://shop.example/logo.png" width="200" height="60">', []],
  ['a link to a Telegram channel', '<a href="https://t.me/shopnews">Join us</a>', []],
  ['a sized image on a publisher host without the ad-server path', '<img src="https://ads.publisher.example/www/images/team.jpg" width="468" height="60">', []],
  ['MailerLite spacers on its CDN', '<img src="https://bucket.mlcdn.com/a/1234/images/spacer.gif" width="1" height="1">', []],
];

describe('issue 11 catalogue entries, through a scan', () => {
  it.each(rows)('%s', (_n, html, expected) => {
    const r = scanHtml(html, SENDER);
    const got = r.findings.map((f) => [f.kind, f.vendor?.id ?? null, f.signals.includes('visible-ad')] as const);
    expect(got.map(([k, v]) => [k, v])).toEqual(expected.map(([k, v]) => [k, v]));
    expected.forEach(([, , ad], i) => {
      if (ad !== undefined) expect(got[i]?.[2], `visible-ad of finding ${i}`).toBe(ad);
    });
  });
});
