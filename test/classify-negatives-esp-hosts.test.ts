// Issue 11, precision: ESPs host their customers' template images, spacers included, on the
// same hosts (or under the same account folders) as their trackers. A spacer-named static file
// with no id in its name or query is a layout spacer there too, whatever its size.
import { describe, expect, it } from 'vitest';
import { describeFindings, imageFindings } from './helpers/pixel-findings.js';

const spacers: string[] = [
  'https://gallery.mailchimp.com/8a1b2c3d4e5f60718293a4b5c/images/spacer.gif',
  'https://cdn-images.mailchimp.com/template_images/spacer.gif',
  'https://i1.createsend1.com/ei/r/29/A8A/B9B/123456/csimport/spacer.gif',
  'https://marketing-image-production.s3.amazonaws.com/uploads/spacer.gif',
  'https://image.s7.exacttarget.com/lib/fe9a15707564047e7c1d/m/1/spacer.gif',
  'https://image.email.brand.example/lib/fe3c15707564047e7c1d/m/1/spacer.gif',
  'https://static.cdn.responsys.net/i5/responsysimages/brand/contentlibrary/spacer.gif',
  'https://www.brand.example/hs-fs/hubfs/spacer.gif',
  'https://d3k81ch9hvuctc.cloudfront.net/company/AbC123/images/spacer.gif',
  'https://img.mailinblue.com/2345678/images/rnb/spacer.gif',
  'https://xq7lh.mjt.lu/img/xq7lh/b/k3m/spacer.gif',
  'https://media.sailthru.com/composer/images/sailthru-spacer.gif',
  'https://www.paypalobjects.com/digitalassets/c/system-triggered-email/n/layout/images/spacer.gif',
  'https://ir.ebaystatic.com/pictures/aw/pics/s.gif',
  'https://www.google-analytics.com/spacer.gif',
];

describe('template spacers on ESP and vendor hosts are not trackers', () => {
  it.each(spacers)('%s', (src) => {
    const found = [
      `<img src="${src}" width="1" height="1" alt="">`,
      `<img src="${src}" width="600" height="1" alt="">`,
      `<img src="${src}" alt="" style="display:block">`,
    ].flatMap((f) => describeFindings(imageFindings(f)));
    expect(found).toEqual([]);
  });
});

// Class 9 on vendor hosts: the mobile (or desktop) variant of a content image is hidden until a
// media query shows it; the ESP's image host is also its tracking host.
const variants: string[] = [
  'https://image.s7.exacttarget.com/lib/fe9a15707564047e7c1d/m/1/hero-mobile.jpg',
  'https://xq7lh.mjt.lu/img/xq7lh/b/k3m/hero-mobile.png',
  'https://img.promio-connect.com/ce/123/hero-mobile.jpg',
];

describe('hidden content variants on ESP image hosts are not pixels', () => {
  it.each(variants)('%s', (src) => {
    const found = [
      `<div class="m" style="display:none;max-height:0;overflow:hidden;mso-hide:all"><img src="${src}" width="320" alt="Sale"></div>`,
      `<div style="display:none"><img src="${src}" alt="Sale" style="width:100%"></div>`,
      `<img src="${src}" alt="Sale" style="width:100%">`,
    ].flatMap((f) => describeFindings(imageFindings(f)));
    expect(found).toEqual([]);
  });
  it('still reports a hidden unsized image with a token on those hosts', () => {
    const src = 'https://image.s7.exacttarget.com/lib/fe9a15707564047e7c1d/m/1/o.gif?j=3f2b8c1e9d4a4b7e8f001a2b3c4d5e6f';
    expect(imageFindings(`<div style="display:none"><img src="${src}" alt=""></div>`)).toHaveLength(1);
  });
  it('still reports a hidden small image on those hosts', () => {
    expect(imageFindings('<div style="display:none"><img src="https://xq7lh.mjt.lu/img/xq7lh/b/k3m/a.png" width="10" height="10" alt=""></div>')).toHaveLength(1);
  });
});

describe('tiny images on the same hosts that still count opens', () => {
  it.each([
    ['id in the file name', 'https://image.s7.exacttarget.com/lib/fe9a15707564047e7c1d/m/1/3f2b8c1e-9d4a-4b7e-8f00-1a2b3c4d5e6f.gif'],
    ['id in the query', 'https://xq7lh.mjt.lu/img/spacer.gif?u=3f2b8c1e9d4a4b7e8f001a2b3c4d5e6f'],
    ['counting query', 'https://xq7lh.mjt.lu/img/spacer.gif?sub=8812345&c=99'],
    ['not a spacer file', 'https://xq7lh.mjt.lu/img/xq7lh/b/k3m'],
  ])('%s', (_name, src) => {
    expect(imageFindings(`<img src="${src}" width="1" height="1" alt="">`)).toHaveLength(1);
  });
});
