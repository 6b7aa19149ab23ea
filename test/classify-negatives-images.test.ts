// Issue 11, precision: the ordinary images of clean mail, class by class. Every fragment is how
// real mail writes that kind of image (sizes, styles, hidden mobile variants); none of them is
// fetched to learn who opened the message.
import { describe, expect, it } from 'vitest';
import { describeFindings, imageFindings } from './helpers/pixel-findings.js';

type Row = [name: string, fragment: string];

const avatars: Row[] = [
  ['Gravatar', '<img src="https://www.gravatar.com/avatar/205e460b479e2e5b48aec07710c08d50?s=64&d=identicon&r=g" width="32" height="32" alt="">'],
  ['Gravatar unsized', '<img src="https://secure.gravatar.com/avatar/205e460b479e2e5b48aec07710c08d50?s=48&d=mm&r=g" alt="Jane">'],
  ['GitHub avatar', '<img src="https://avatars.githubusercontent.com/u/1234567?s=80&v=4" width="20" height="20" alt="@octocat">'],
  ['GitHub avatar unsized', '<img src="https://avatars.githubusercontent.com/u/1234567?v=4" alt="@octocat" style="border-radius:50%">'],
  ['Slack avatar', '<img src="https://ca.slack-edge.com/T0123ABCD-U0123ABCD-1a2b3c4d5e6f-72" width="36" height="36" alt="">'],
  ['Google profile photo', '<img src="https://lh3.googleusercontent.com/a-/AOh14GhXk3hZ9aB7cD2eF4gH6iJ8kL0mN1oP3qR5sT7u=s96-c" width="48" height="48" alt="">'],
  ['Atlassian avatar', '<img src="https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/5b1a2c3d4e5f6a7b8c9d0e1f/3f2b8c1e-9d4a-4b7e-8f00-1a2b3c4d5e6f/48" width="24" height="24" alt="">'],
  ['LinkedIn profile photo', '<img src="https://media.licdn.com/dms/image/C4E03AQH3xZ9aB7cD2e/profile-displayphoto-shrink_100_100/0/1612345678901?e=1720000000&v=beta&t=Ab3xZ9aB7cD2eF4gH6iJ8kL0mN1oP3qR5sT7uV9wX1y" width="56" height="56" alt="">'],
];

const icons: Row[] = [
  ['Mailchimp social icon', '<img src="https://cdn-images.mailchimp.com/icons/social-block-v2/color-facebook-48.png" width="24" height="24" alt="Facebook">'],
  ['Facebook notification icon', '<img src="https://static.xx.fbcdn.net/rsrc.php/v3/yx/r/3f2b8c1e9d.png" width="16" height="16" alt="">'],
  ['LinkedIn static asset', '<img src="https://static.licdn.com/aero-v1/sc/h/3f2b8c1e9d4a4b7e8f001a2b3" width="84" height="21" alt="LinkedIn">'],
  ['Twitter asset', '<img src="https://abs.twimg.com/emails/twitter_logo.png" width="24" height="20" alt="">'],
  ['icon font CDN PNG', '<img src="https://img.icons8.com/ios-filled/50/000000/instagram-new.png" width="20" height="20" alt="Instagram">'],
  ['Stripo icons', '<img src="https://stripo.email/static/assets/img/social-icons/circle-colored/facebook-circle-colored.png" width="32" alt="Fb">'],
  ['app store badge', '<img src="https://tools.applemediaservices.com/api/badges/download-on-the-app-store/black/en-us?size=250x83&releaseDate=1276560000" width="120" height="40" alt="App Store">'],
];

const logos: Row[] = [
  ['logo with ?v=', '<img src="https://www.brand.example/images/email/logo.png?v=3" width="140" height="40" alt="Brand">'],
  ['logo with timestamp buster', '<img src="https://www.brand.example/images/email/logo.png?1612345678" width="140" alt="Brand">'],
  ['logo with hash buster', '<img src="https://www.brand.example/static/logo.3f2b8c1e9d4a4b7e.png" alt="Brand" height="40">'],
  ['logo with cb=', '<img src="https://cdn.brand.example/email/logo.png?cb=20240515" alt="Brand">'],
  ['logo with ts=', '<img src="https://cdn.brand.example/email/logo.svg?ts=1715771234567" alt="Brand" width="120">'],
  ['logo with locale query', '<img src="https://cdn.brand.example/email/logo.png?lang=de&country=DE&v=2" alt="Brand">'],
];

const spacers: Row[] = [
  ['1x1 spacer.gif', '<img src="https://www.brand.example/images/spacer.gif" width="1" height="1" alt="">'],
  ['wide spacer', '<img src="https://www.brand.example/images/spacer.gif" width="20" height="1" alt="" style="display:block">'],
  ['tall spacer', '<img src="https://www.brand.example/images/s.gif" width="1" height="30" alt="">'],
  ['clear.gif with version', '<img src="https://cdn.brand.example/img/clear.gif?v=2" width="1" height="1" alt="">'],
  ['transparent png', '<img src="https://cdn.brand.example/email/transparent.png" width="1" height="1" border="0" alt="">'],
  ['blank gif in hidden preheader', '<div style="display:none;max-height:0;overflow:hidden"><img src="https://cdn.brand.example/blank.gif" width="1" height="1" alt=""></div>'],
  ['hashed static 1x1 file', '<img src="https://cdn.brand.example/assets/1x1.3f2b8c1e.png" width="1" height="1" alt="">'],
  ['divider line', '<img src="https://cdn.brand.example/email/divider.png" width="600" height="1" alt="">'],
  ['bullet', '<img src="https://cdn.brand.example/email/bullet.png" width="3" height="3" alt="">'],
];

const responsive: Row[] = [
  ['desktop/mobile pair, mobile hidden', `<img src="https://cdn.brand.example/email/hero-desktop.jpg" width="600" alt="Sale">
<div class="mobile-only" style="display:none;mso-hide:all;max-height:0;overflow:hidden"><img src="https://cdn.brand.example/email/hero-mobile.jpg" width="320" alt="Sale"></div>`],
  ['mobile image revealed by @media', `<style>@media only screen and (max-width:480px){ .m { display:block !important; max-height:none !important; } }</style>
<div class="m" style="display:none;max-height:0;overflow:hidden"><img src="https://cdn.brand.example/email/hero-mobile.jpg?v=3f2b8c1e" alt="Sale" style="width:100%"></div>`],
  ['mobile background swapped by @media', `<style>@media screen and (max-width:600px){ .hero { background-image:url('https://cdn.brand.example/email/hero-m.jpg?v=1715771234') !important; } }</style>
<table><tr><td class="hero" style="background-image:url('https://cdn.brand.example/email/hero-d.jpg?v=1715771234')" height="300">Sale</td></tr></table>`],
  ['srcset retina variants', '<img src="https://cdn.brand.example/email/hero.jpg" srcset="https://cdn.brand.example/email/hero@2x.jpg?w=1200 2x" width="600" alt="">'],
  ['picture source for dark mode', `<picture><source srcset="https://cdn.brand.example/email/logo-dark.png?v=2" media="(prefers-color-scheme: dark)"><img src="https://cdn.brand.example/email/logo.png?v=2" width="120" alt="Brand"></picture>`],
  ['dark-mode logo named by the CMS with a UUID', `<style>@media (prefers-color-scheme: dark){ .l { background-image:url('https://mcusercontent.com/8a1b2c3d4e5f60718293a4b5c/images/3f2b8c1e-9d4a-4b7e-8f00-1a2b3c4d5e6f.png') !important; } }</style><div class="l" style="width:100px;height:30px">x</div>`],
  ['font stylesheet imported with a version hash', `<style>@import url('https://cdn.brand.example/email/fonts.css?v=3f2b8c1e9d4a4b7e8f00');</style>`],
  ['font files with fingerprints and UUIDs', `<style>@font-face{font-family:X;src:url('https://cdn.brand.example/fonts/brand-regular.3f2b8c1e9d4a.woff2') format('woff2'),url('https://d1a2b3c4d5e6f7.cloudfront.net/fonts/3f2b8c1e-9d4a-4b7e-8f00-1a2b3c4d5e6f.woff')}</style>`],
  ['Google Fonts and Adobe Fonts stylesheets', `<link href="https://fonts.googleapis.com/css?family=Roboto:400,700" rel="stylesheet"><link rel="stylesheet" href="https://use.typekit.net/abc1def.css">`],
  ['dark-mode logo swap in CSS', `<style>@media (prefers-color-scheme: dark){ .logo { background-image:url('https://cdn.brand.example/email/logo-dark.png?v=20240515') !important; } }</style><div class="logo" style="width:120px;height:40px"></div>`],
];

const generated: Row[] = [
  ['Google static map with key', '<img src="https://maps.googleapis.com/maps/api/staticmap?center=52.52,13.405&zoom=14&size=600x300&markers=color:red%7C52.52,13.405&key=AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q&signature=Ab3xZ9aB7cD2eF4gH6iJ8kL0mN1=" width="600" height="300" alt="Map">'],
  ['Mapbox static map', '<img src="https://api.mapbox.com/styles/v1/mapbox/streets-v11/static/-122.4194,37.7749,12,0/600x300@2x?access_token=pk.eyJ1IjoiZXhhbXBsZSIsImEiOiJjazNmMmI4YzEifQ.Ab3xZ9aB7cD2eF4gH6iJ8k" alt="Map" style="width:100%">'],
  ['QR code chart (ticket)', '<img src="https://chart.googleapis.com/chart?cht=qr&chs=200x200&chl=TKT-8842-1193-5521&choe=UTF-8" width="200" height="200" alt="Your ticket">'],
  ['QR code API', '<img src="https://api.qrserver.com/v1/create-qr-code/?size=150x150&data=https%3A%2F%2Ftickets.example%2Fe%2F3f2b8c1e9d4a4b7e" width="150" height="150" alt="QR">'],
  ['barcode image', '<img src="https://barcode.tec-it.com/barcode.ashx?data=9780201379624&code=EAN13&dpi=96" width="200" height="80" alt="Barcode">'],
  ['countdown timer (Sendtric)', '<img src="https://gen.sendtric.com/countdown/x8k2m9q4zt" width="400" height="80" alt="Sale ends soon" style="display:block">'],
  ['countdown timer (Sendtric, unsized)', '<img src="https://gen.sendtric.com/countdown/x8k2m9q4zt" alt="Sale ends soon" style="display:block;width:100%;max-width:400px">'],
  ['countdown timer (countdownmail)', '<img src="https://i.countdownmail.com/2a9f3c.gif" width="320" height="64" alt="Countdown">'],
  ['countdown timer (MotionMail)', '<img src="https://motionmailapp.com/i/MzQ1Njc4OQ==" alt="Countdown" style="width:100%">'],
  ['weather image', '<img src="https://forecast.weather.example/img/forecast/7day.png?zip=10001&units=imperial&v=20240515" width="600" height="200" alt="7-day forecast">'],
  ['chart image (QuickChart)', '<img src="https://quickchart.io/chart?c=%7Btype%3A%27bar%27%2Cdata%3A%7Blabels%3A%5B1%2C2%5D%7D%7D&w=500&h=300" width="500" height="300" alt="Chart">'],
  ['shields badge', '<img src="https://img.shields.io/github/actions/workflow/status/org/repo/ci.yml?branch=main" alt="CI">'],
];

const lists: Row[] = [
  ['SourceForge project logo', '<img src="https://sflogo.sourceforge.net/sflogo.php?group_id=123456&type=2" width="125" height="37" alt="SourceForge.net Logo">'],
  ['mailing-list archive header', '<img src="https://lists.project.example/pipermail/icons/mailman.jpg" alt="Delivered by Mailman" width="154" height="52">'],
  ['Google Groups logo', '<img src="https://www.google.com/images/branding/googlelogo/1x/googlelogo_color_74x24dp.png" width="74" height="24" alt="Google">'],
  ['GitHub notification badge', '<img src="https://github.githubassets.com/images/email/global/octocat-logo.png" width="32" height="32" alt="GitHub">'],
  ['Discourse digest avatar', '<img src="https://forum.project.example/user_avatar/forum.project.example/jane/45/1234_2.png" width="45" height="45" alt="jane">'],
  ['Discourse upload', '<img src="https://forum.project.example/uploads/default/optimized/2X/3/3f2b8c1e9d4a4b7e8f001a2b3c4d5e6f7a8b9c0d_2_690x388.png" width="690" height="388" alt="">'],
];

const wordsInContentPaths: Row[] = [
  ['open house photo', '<img src="https://cdn.realty.example/listings/open/open-house-2024.jpg" width="600" alt="Open house">'],
  ['read more button', '<img src="https://cdn.brand.example/email/read-more.png" width="120" height="36" alt="Read more">'],
  ['view online button', '<img src="https://cdn.brand.example/email/view/view-online.png" alt="View online" width="90">'],
  ['stats chart in a report', '<img src="https://reports.saas.example/stats/weekly-chart-2024-20.png" width="560" height="280" alt="Weekly stats">'],
  ['track day event', '<img src="https://cdn.club.example/events/track/track-day-spa.jpg" width="600" height="300" alt="Track day">'],
  ['pixel art', '<img src="https://cdn.games.example/pixel/hero-pixel-art.png" width="300" height="300" alt="">'],
  ['receipt icon', '<img src="https://cdn.shop.example/icons/receipt.png" width="24" height="24" alt="">'],
];

const signedAndVersioned: Row[] = [
  ['spacer with a content-hash version', '<img src="https://cdn.brand.example/img/spacer.gif?v=3f2b8c1e9d4a4b7e8f00" width="1" height="1" alt="">'],
  ['Sitecore media spacer with protection hash', '<img src="https://www.brand.example/-/media/email/spacer.gif?h=1&w=1&la=en&hash=3F2B8C1E9D4A4B7E8F001A2B3C4D5E6F" width="1" height="1" alt="">'],
  ['Sitecore media handler image', '<img src="https://www.brand.example/-/media/email/hero.ashx?h=400&w=600&la=en&hash=3F2B8C1E9D4A4B7E8F001A2B3C4D5E6F" alt="Hero">'],
  ['hidden icon with a content-hash version', '<div style="display:none"><img src="https://cdn.brand.example/icons/cart.png?v=3f2b8c1e9d4a4b7e8f00" width="24" height="24" alt=""></div>'],
  ['ASP.NET image handler, product photo', '<img src="https://www.shop.example/ImageHandler.ashx?ImageID=3f2b8c1e-9d4a-4b7e-8f00-1a2b3c4d5e6f&width=600" alt="Product">'],
  ['PHP thumbnail script', '<img src="https://www.shop.example/thumb.php?src=products%2F1234567890123.jpg&w=300&h=300&zc=1" alt="Product">'],
  ['image script with a long numeric product id', '<img src="https://www.shop.example/getimage.php?id=123456789012345&size=large" alt="Product">'],
  ['DAM view endpoint, unsized', '<img src="https://dam.brand.example/view/3f2b8c1e-9d4a-4b7e-8f00-1a2b3c4d5e6f" alt="Hero" style="width:100%">'],
  ['hidden imgix icon with its signature', '<div style="display:none"><img src="https://brand.imgix.net/icons/cart.png?w=24&h=24&s=9c2f3e8b1a4d5c6e7f8091a2b3c4d5e6" width="24" height="24" alt=""></div>'],
  ['spacer with campaign UTM parameters', '<img src="https://cdn.brand.example/img/spacer.gif?utm_source=newsletter&utm_medium=email&utm_campaign=spring_sale" width="1" height="1" alt="">'],
  ['dark-mode logo named with a hash part', `<style>@media (prefers-color-scheme: dark){ .logo { background-image:url('https://cdn.brand.example/email/logo_dark_3f2b8c1e9d4a4b7e.png') !important; } }</style><div class="logo" style="width:120px;height:40px"></div>`],
  ['print stylesheet image with a version hash', `<style>@media print { .hdr { background-image:url('https://cdn.brand.example/email/print-header.png?v=3f2b8c1e9d4a4b7e8f00') } }</style><div class="hdr">x</div>`],
  ['rule image with a timestamp cache-buster', '<img src="https://www.brand.example/images/email/hr.gif?cachebust=1715771234" width="100%" height="1" alt="">'],
  ['spacer with a millisecond timestamp', '<img src="https://cdn.brand.example/img/spacer.gif?ts=1715771234567" width="1" height="1" alt="">'],
  ['hidden icon with a send-time ?t=', '<div style="display:none"><img src="https://media.news.example/uploads/icons/x.png?t=1700000000" width="20" height="20" alt=""></div>'],
  ['CMS read endpoint, unsized', '<img src="https://cms.news.example/read/image/3f2b8c1e9d4a4b7e8f001a2b3c4d5e6f?width=600" alt="">'],
];

const personal: Row[] = [
  ['Gmail inline attachment in a reply', '<img src="https://mail.google.com/mail/u/0?ui=2&ik=3f2b8c1e9d&attid=0.1&permmsgid=msg-f:1712345678901234567&th=17c3f2b8c1e9d4a4&view=fimg&realattid=ii_kx1a2b3c0&disp=thd&attbid=ANGjdJ9Xk3hZ9aB7cD2eF4gH6iJ8kL0mN1oP3qR5sT7uV9w&ser=1" alt="image.png" width="420" height="236">'],
  ['Gmail inline attachment, unsized', '<img src="https://mail.google.com/mail/u/0?ui=2&ik=3f2b8c1e9d&attid=0.1&permmsgid=msg-f:1712345678901234567&th=17c3f2b8c1e9d4a4&view=fimg&realattid=ii_kx1a2b3c0&disp=emb&attbid=ANGjdJ9Xk3hZ9aB7cD2eF4gH6iJ8kL0mN1oP3qR5sT7uV9w" alt="image.png">'],
  ['Gmail signature image', '<img src="https://ci3.googleusercontent.com/mail-sig/AIorK4zXk3hZ9aB7cD2eF4gH6iJ8kL0mN1oP3qR5sT7uV9wX1yZ3aB5cD7eF9gH1iJ3kL5mN7oP9q" width="96" height="32">'],
  ['Outlook signature logo', '<img width="120" height="40" style="width:1.25in;height:.4166in" id="Picture_x0020_1" src="https://www.firm.example/sig/logo.png" alt="Firm">'],
  ['cid and data images', '<img src="cid:image001.png@01DA1234.56789ABC" width="1" height="1"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="1" height="1">'],
];

// Generators that draw the recipient's address (rendered at a size, shown), scanned with the
// recipient and the sender known: the sender's own shows what it already knows; a third party's
// receives the address when the message is shown, so it is reported (possible) with the leak.
const SENDER = { recipient: 'me@mail.example', sender: 'news@shop.example' };
const drawnBySender: Row[] = [
  ['QR code of a mailto: address', '<img src="https://www.shop.example/qr/create?size=150x150&data=mailto%3Ame%40mail.example" width="150" height="150" alt="QR">'],
  ['initials avatar of the address', '<img src="https://img.shop.example/avatar?name=me%40mail.example&size=64" width="64" height="64" alt="">'],
];
const drawnByThirdParty: Row[] = [
  ['QR code of a mailto: address', '<img src="https://api.qrserver.com/v1/create-qr-code/?size=150x150&data=mailto%3Ame%40mail.example" width="150" height="150" alt="QR">'],
  ['initials avatar of the address', '<img src="https://ui-avatars.com/api/?name=me%40mail.example&size=64" width="64" height="64" alt="">'],
];

describe('generated images that draw the recipient address', () => {
  it.each(drawnBySender)("are not pixels on the sender's own host: %s", (_name, fragment) => {
    expect(describeFindings(imageFindings(fragment, SENDER))).toEqual([]);
  });
  it.each(drawnByThirdParty)('are reported, with the leak, on a third-party host: %s', (_name, fragment) => {
    const found = imageFindings(fragment, SENDER);
    expect(found.map((f) => [f.kind, f.confidence, f.thirdParty])).toEqual([['open-pixel', 'possible', true]]);
    expect(found[0]?.leaks.map((l) => [l.encoding, l.address])).toEqual([['plain', 'me@mail.example']]);
  });
  it('an unsized image carrying the address is still a counter', () => {
    const found = imageFindings('<img src="https://img.shop.example/banner.png?email=me%40mail.example">', SENDER);
    expect(found.map((f) => f.kind)).toEqual(['open-pixel']);
  });
});

const tables: [string, Row[]][] = [
  ['images of personal mail and replies', personal],
  ['signed, versioned and script-served images', signedAndVersioned],
  ['avatars', avatars],
  ['social and app icons', icons],
  ['logos with cache-busters', logos],
  ['spacers and layout images', spacers],
  ['responsive, mobile and dark-mode variants', responsive],
  ['generated images: maps, QR codes, barcodes, timers, charts', generated],
  ['mailing-list and notification images', lists],
  ['tracking words in content paths', wordsInContentPaths],
];

describe.each(tables)('%s are not trackers', (_class, rows) => {
  it.each(rows)('%s', (_name, fragment) => {
    expect(describeFindings(imageFindings(fragment))).toEqual([]);
  });
});
