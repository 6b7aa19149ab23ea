// Issue 11, classes 5 and 6 and precision, round 4: image shapes of the new tune mail, as classes.
// Each table holds the hits of a class beside the clean-mail shapes that must stay clean: content
// images of image servers and ESP CDNs, responsive images, spacers, presigned files, proxies.
import { describe, expect, it } from 'vitest';
import { classify } from '../src/classify/classify.js';
import { contentFolders, folderOf, sharesContentFolder } from '../src/classify/folders.js';
import { isFileTokenKey } from '../src/classify/image-query.js';
import type { Resource } from '../src/html/types.js';
import { scanHtml } from '../src/scan/html.js';
import { describeFindings, emailBody, imageFindings } from './helpers/pixel-findings.js';
import { url, img } from './helpers/resources.js';

type Row = [name: string, resource: Resource, kind: string | null, confidence: string | null];

// An image a program answers (no static file name) with a token or an address in its query is
// counted per reader; image servers ask for pictures and renderings, proxies carry a URL.
const programs: Row[] = [
  ['unsized CGI with an opaque token', img('https://ct2.offers.example/cgi-bin14/flosensing?y=FW0CCzME0D40Bx', null, null), 'open-pixel', 'possible'],
  ['unsized WebDev counter with obfuscated ids', img('https://serveur.crm.example/STAT/Stats.awp?PA1=f0QQ0kgQQJfQJ7QQ0&PA2=LbbxFbrFbbhsLbbLr', null, null), 'open-pixel', 'possible'],
  ['unsized script with an address in the query', img('https://promo.example/D6oQQQR/refer412084-12476.asp?e=someone@mail.example&t=v', null, null), 'open-pixel', 'possible'],
  ['unsized script with a percent-encoded address', img('https://promo.example/view.php?m=someone%40mail.example', null, null), 'open-pixel', 'possible'],
  ['small shown image whose whole query is one token', img('http://mx2045.mailer.example/m/r?3ki-cw8v-0-wgrcq', 33, 12), 'open-pixel', 'possible'],
  // clean mail stays clean
  ['unsized script-served picture with a small id', img('https://www.shop.example/mr/Img/?id=39524', null, null), null, null],
  ['unsized image handler asked for a size', img('https://shop.example/ImageHandler.ashx?ImageID=a1B2c3D4e5F6g7H8&width=600', null, null), null, null],
  ['unsized resizing proxy carrying the picture URL', img('https://img.example/resize?url=https%3A%2F%2Fcdn.example%2Fa.png&k=Q9vX2kLm8pR4tZ1a', null, null), null, null],
  ['unsized signed map with coordinates', img('https://api.ride.example/v1/staticmap/general?version=v2&hash=889e14077ae6a27081e8f00ef6d3627626ac2f24&origin_lat=40.7128', null, null), null, null],
  ['unsized news photo with its file size', img('https://news.example/photo/97559236.cms?imgsize=22214', null, null), null, null],
  ['small icon with named parameters', img('https://cf-st.cdn.example/d/dcOe6HaqRhpMpKoDbuADM?bo=Eg0aABoAMgEESAJQCGAB&uc=8', 18, 18), null, null],
  ['shown avatar with a named token', img('https://img.example/avatar?id=Q9vX2kLm8pR4tZ1a', 40, 40), null, null],
  ['shown banner whose query is one token', img('https://ads.example/b?Q9vX2kLm8pR4tZ1a', 300, 250), null, null],
  ['unsized webmail attachment fetched by its id', img('https://webmail.example/mail/u/0?ui=2&ik=3f2b8c1e9d&attid=0.1&permmsgid=msg-f:1712345678901234567&view=fimg&attbid=ANGjdJ9Xk3hZ9aB7cD2eF4gH6iJ8kL0mN1', null, null), null, null],
  ['unsized file shared for viewing by its id', img('https://drive.files.example/uc?export=view&id=1AbCdEfGhIjKlMnOpQrStUvWxYz012345', null, null), null, null],
  ['unsized webmail attachment thumbnail', img('https://attachments.mail.example/owa/me@mail.example/service.svc/s/GetAttachmentThumbnail?id=AAMkADk3f2b8c1e9d4a4b7e&thumbnailType=2&token=eyJhbGciOiJSUzI1NiIsImtpZCI6', null, null), null, null],
  ['unsized image handler naming its picture by a token', img('https://shop.example/handler.ashx?ImageID=Q9vX2kLm8pR4tZ1aXw', null, null), null, null],
  ['unsized static map with the account\'s API key', img('https://maps.example/api/staticmap?center=40.7,-74.0&zoom=12&key=AIzaSyD3f2b8c1e9d4a4b7e8f001a2b', null, null), null, null],
  ['unsized profile photo of a CDN signed with an expiry', img('https://media.social.example/dms/image/C4E03AQH3xZ9aB7cD2e/profile-displayphoto-shrink_100_100/0/1612345678901?e=1720000000&v=beta&t=Ab3xZ9aB7cD2eF4gH6iJ8kL0mN1oP3qR', null, null), null, null],
  ['unsized barcode drawn by a script', img('https://barcode.example/barcode.ashx?data=9780201379624&code=EAN13&dpi=96', null, null), null, null],
  ['sized script picture with an address (sender draws it)', img('https://www.shop.example/qr.php?e=someone@mail.example', 200, 200), null, null],
];

// Spacers never need a query; static files never need a UUID.
const files: Row[] = [
  ['unsized spacer name with a campaign query', img('https://www.health.example/images/1x1pixel_white.gif?q=9G001', null, null), 'open-pixel', 'possible'],
  ['unsized web-analytics image with a UUID', img('https://www.airline.example/content/images/common/wa.gif?Log=1&camp=tc_na&guid=481750f5-0d4e-41f1-b5d2-a2de3d1bbb88', null, null), 'open-pixel', 'possible'],
  // clean mail stays clean
  ['unsized versioned spacer', img('https://cdn.shop.example/s/files/1/spacer.gif?v=1613600000', null, null), null, null],
  ['unsized spacer with a campaign tag', img('https://cdn.shop.example/img/spacer.gif?utm_source=news', null, null), null, null],
  ['unsized picture named by a UUID', img('https://cdn.airline.example/confirmation-email/8f9923c6-5a81-4b55-a385-cd569d78a623.jpeg', null, null), null, null],
  ['sized picture with a UUID in its query', img('https://cdn.shop.example/hero.jpg?id=481750f5-0d4e-41f1-b5d2-a2de3d1bbb88', 600, 300), null, null],
  ['unsized presigned S3 QR code', img('https://qr.s3.eu-west-1.amazonaws.com/110636459806.png?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20250608T072545Z&X-Amz-SignedHeaders=host&X-Amz-Credential=AKIAEXAMPLE%2F20250608%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Signature=3f2b8c1e9d4a4b7e8f001a2b3c4d5e6f', null, null), null, null],
  ['unsized responsive picture with a rendering query', img('https://images.cdn.example/p/banner.jpg?w=600&guid=481750f5-0d4e-41f1-b5d2-a2de3d1bbb88', null, null), null, null],
];

describe.each([
  ['program-answered images with a token or an address', programs],
  ['spacer names with a query and files with a UUID', files],
] as const)('classify: %s (class 5)', (_class, rows) => {
  it.each(rows)('%s', (_n, resource, kind, confidence) => {
    const d = classify({ resource, url: url(resource.url), match: null, thirdParty: true, leaks: [] });
    expect(d?.kind ?? null).toBe(kind);
    expect(d?.confidence ?? null).toBe(confidence);
  });
});

describe('isFileTokenKey: presigned storage URLs', () => {
  const signed = url('https://b.s3.amazonaws.com/qr.png?X-Amz-Date=20250608T072545Z');
  it.each(['X-Amz-Algorithm', 'X-Amz-Date', 'X-Amz-SignedHeaders', 'X-Amz-Expires', 'x-goog-date'])('%s is a signature', (k) => {
    expect(isFileTokenKey(k, signed)).toBe(true);
  });
  it.each(['amz', 'uid', 'guid'])('%s is not', (k) => expect(isFileTokenKey(k, signed)).toBe(false));
  it('every token of a URL signed with an expiry time is part of the signature', () => {
    expect(isFileTokenKey('t', url('https://media.example/p/1?e=1720000000&v=beta&t=Ab3xZ9aB7cD2eF4gH6iJ8kL0mN1'))).toBe(true);
    expect(isFileTokenKey('t', url('https://t.example/p/1?e=20240115&t=Ab3xZ9aB7cD2eF4gH6iJ8kL0mN1'))).toBe(false);
  });
});

describe('content folders: a token the content images share is the sender\'s', () => {
  const folder = 'https://images.archive.example/2026-02-11/IRaiNLpWEyu7X_fc';
  it('keys a URL by host and folder', () => {
    expect(folderOf(url(`${folder}/a.gif`))).toBe('images.archive.example/2026-02-11/IRaiNLpWEyu7X_fc');
    expect(folderOf(url('https://images.archive.example/a.gif'))).toBeNull();
  });
  it('counts only content-sized images, and only other files', () => {
    const folders = contentFolders([
      { resource: img(`${folder}/DpP_mevjE5bb.gif`, 600, 300), url: url(`${folder}/DpP_mevjE5bb.gif`) },
      { resource: img(`${folder}/px.gif`, 1, 1), url: url(`${folder}/px.gif`) },
    ]);
    expect(sharesContentFolder(folders, url(`${folder}/px.gif`))).toBe(true);
    expect(sharesContentFolder(folders, url(`${folder}/DpP_mevjE5bb.gif`))).toBe(false);
    expect(sharesContentFolder(folders, url('https://images.archive.example/other/px.gif'))).toBe(false);
  });

  const hidden = 'style="display:none" width="1" height="1"';
  const pictures = `<img src="${folder}/DpP_mevjE5bb.gif" width="600" height="300"><img src="${folder}/kukDeAzagQdI.gif">`;
  const rows: [name: string, fragment: string, found: number][] = [
    ['a re-hosted pixel beside the pictures of its folder', `${pictures}<img src="${folder}/KCDCYuiWgl-S.gif" ${hidden}>`, 0],
    ['the same 1x1 alone in its tokened folder', `<img src="${folder}/KCDCYuiWgl-S.gif" ${hidden}>`, 1],
    ['a 1x1 whose own file name is a token, beside the pictures', `${pictures}<img src="${folder}/3f2b8c1e9d4a4b7e8f001a2b3c4d5e6f.gif" ${hidden}>`, 1],
    ['a 1x1 in a tokened folder the pictures do not share', `${pictures}<img src="https://images.archive.example/o/Q9vX2kLm8pR4tZ1a/p.gif" ${hidden}>`, 1],
  ];
  it.each(rows)('%s', (_n, fragment, found) => {
    expect(describeFindings(imageFindings(fragment))).toHaveLength(found);
  });
});

describe('CSS @import of a font or image file', () => {
  const rows: [name: string, fragment: string, kinds: string[]][] = [
    ['a font file named in an @import', '<style>@import url(https://assets.ride.example/font/Brand+Pro+2.0/BrandPro2.0-Bold.otf);</style>', []],
    ['a woff2 with a version', '<style>@import url(https://assets.example/fonts/Brand-3f2b8c1e9d4a4b7e.woff2?v=2);</style>', []],
    ['a font file with a reader token in its query', '<style>@import url(https://fonts.tracker.example/Brand.woff2?u=Q9vX2kLm8pR4tZ1aXw);</style>', ['css-beacon']],
    ['a stylesheet with a reader token in its name', '<style>@import url(https://t.example/css/Q9vX2kLm8pR4tZ1aXw.css);</style>', ['css-beacon']],
  ];
  it.each(rows)('%s', (_n, fragment, kinds) => {
    expect(imageFindings(fragment).map((f) => f.kind)).toEqual(kinds);
  });
});

describe('ad networks of newsletters (class 6)', () => {
  it('LaunchBit impression pixel and sponsor image are beacons', () => {
    const fs = imageFindings(
      '<img src="http://launchbit.com/taz-pixel/574-6574-2ec7311e6d"><img src="http://launchbit.com/taz-i/6574-sponsorimage.png">',
    );
    expect(fs.map((f) => `${f.kind} ${f.vendor?.id ?? '-'}`)).toEqual(['beacon launchbit', 'beacon launchbit']);
  });
  it('an AdSugar newsletter ad slot is a shown ad beacon', () => {
    const fs = imageFindings('<img src="https://static.adsugar.ch/img?ord=022822&c=10933225820153&iu=/3834/news.email&sz=728x90">');
    expect(fs.map((f) => `${f.kind} ${f.vendor?.id ?? '-'} ${f.signals.includes('visible-ad')}`)).toEqual(['beacon adsugar true']);
  });
  it('the ad network\'s own website is no tracker', () => {
    expect(imageFindings('<img src="https://adsugar.com/logo.png" width="120" height="40">')).toEqual([]);
  });
});

// Issue 11, class 11: email-tracking domains from Disconnect's Email list. A pixel there is named
// after its vendor; a content-sized picture on an ESP's host is still content, while an ad or
// measurement host's picture is a shown ad.
describe('email-tracking hosts of Disconnect\'s Email list (class 11)', () => {
  const esp: [host: string, vendor: string][] = [
    ['acblnk.com', 'acumbamail'], ['trckacbm.com', 'acumbamail'], ['gasv1.com', 'greenarrow'], ['m3651.net', 'vendosoft'],
    ['cpro20.com', 'ziff-davis'], ['skem1.com', 'ziff-davis'], ['track.gliq.com', 'gliq'], ['e.wordfly.com', 'wordfly'],
    ['apms5.com', 'autopilot'], ['emlnk1.com', 'activecampaign'], ['soundestlink.com', 'omnisend'], ['smlists.com', 'sendmachine'],
  ];
  it.each(esp)('a 1x1 counter on %s is named %s', (host, vendor) => {
    const fs = imageFindings(`<img src="https://x.${host}/o/Q9vX2kLm8pR4tZ1aXw" width="1" height="1">`);
    expect(fs.map((f) => `${f.kind} ${f.vendor?.id ?? '-'}`)).toEqual([`open-pixel ${vendor}`]);
  });
  it.each(esp)('a content-sized picture on %s is content', (host) => {
    expect(imageFindings(`<img src="https://x.${host}/img/banner.png" width="600" height="300">`)).toEqual([]);
  });
  it.each([
    ['servedbyadbutler.com', 'adbutler'], ['adspeed.net', 'adspeed'], ['myvisualiq.net', 'nielsen-visual-iq'],
  ])('a banner from %s is a shown ad of %s', (host, vendor) => {
    const fs = imageFindings(`<img src="https://x.${host}/adserve/;ID=1;size=728x90;setID=2" width="728" height="90">`);
    expect(fs.map((f) => `${f.kind} ${f.vendor?.id ?? '-'} ${f.signals.includes('visible-ad')}`)).toEqual([`beacon ${vendor} true`]);
  });
  it('the vendors\' websites are not tracking hosts', () => {
    const sites = ['acumbamail.com', 'www.greenarrowemail.com', 'www.yotpo.com', 'www.wordfly.com'];
    const html = sites.map((s) => `<img src="https://${s}/logo.png" width="1" height="1"><a href="https://${s}/p/Q9vX2kLm8pR4tZ1aXw">x</a>`).join('');
    expect(scanHtml(emailBody(html)).findings.filter((f) => f.vendor !== null && f.vendor.category !== 'host-owner')).toEqual([]);
  });
});

describe('an image named with the token the message\'s links share', () => {
  const linkTo = (l: string): string => `<a href="http://mlnk.example/2vjrj${l}/bgba1y">offer ${l}</a>`;
  const links = ['a', 'b', 'c'].map(linkTo).join('');
  const rows: [name: string, fragment: string, kinds: string[]][] = [
    ['unsized image /img/<token>.png beside three links ending in it', `${links}<img src="http://mlnk.example/img/bgba1y.png">`, ['open-pixel']],
    ['1x1 image named with the shared token', `${links}<img src="http://mlnk.example/img/bgba1y.gif" width="1" height="1">`, ['open-pixel']],
    // clean mail stays clean
    ['the token in only two links', `${linkTo('a')}${linkTo('b')}<img src="http://mlnk.example/img/bgba1y.png">`, []],
    ['a product picture named like its one product link', '<a href="https://shop.example/p/sku12345">a</a><img src="https://shop.example/img/sku12345.png">', []],
    ['the token on another domain', `${links}<img src="http://cdn.other.example/img/bgba1y.png">`, []],
    ['a word shared by every link', '<a href="https://shop.example/summer/a">a</a><a href="https://shop.example/summer/b">b</a><a href="https://shop.example/summer/c">c</a><img src="https://shop.example/img/summer.png">', []],
  ];
  it.each(rows)('%s', (_n, fragment, kinds) => {
    expect(imageFindings(fragment).map((f) => f.kind)).toEqual(kinds);
  });
});
