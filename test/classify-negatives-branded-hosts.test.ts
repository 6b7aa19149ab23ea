// Issue 11, precision: vendors' path shapes are recognised on any host (customer CNAMEs), and the
// same branded hosts (email., news., link., img.) serve the sender's content images. A content
// image that happens to sit under such a shape is not a pixel; a counter there is tiny, hidden,
// or carries an id or the address.
import { describe, expect, it } from 'vitest';
import { describeFindings, imageFindings } from './helpers/pixel-findings.js';

const contentUnderShapes: string[] = [
  'https://news.brand.example/email/header.gif', // Mautic /email/<hash>.gif
  'https://email.shop.example/email/banner.gif',
  'https://link.brand.example/img/2024/hero.gif', // Sailthru /img/*/*.gif
  'https://img.brand.example/im/2024/hero.png', // Brevo /im/*/*
  'https://email.brand.example/o/2024/hero.png', // Mailgun /o/*
  'https://links.brand.example/open/2024/image.gif', // ReachMail /open/*/image.gif
  'https://email.brand.example/mtracking.gif', // Mautic tracking gif name
];

describe('content images under vendor path shapes on branded hosts are not pixels', () => {
  it.each(contentUnderShapes)('%s', (src) => {
    const found = [
      `<img src="${src}" width="600" height="200" alt="Spring sale">`,
      `<img src="${src}" alt="Spring sale" style="width:100%">`,
    ].flatMap((f) => describeFindings(imageFindings(f)));
    expect(found).toEqual([]);
  });
});

describe('the same shapes still report counters', () => {
  it.each([
    ['Mautic pixel, 1x1', '<img src="https://news.brand.example/email/5f2b8c1e9d4a4.gif" width="1" height="1" alt="">'],
    ['Mailgun token, unsized', '<img src="https://email.brand.example/o/eJwlzEEOgyAQQNG7sE6IgHKS2xWCBGvpAm2q3ce7q3HeH0mDrLSaRMbVqRLV" alt="">'],
    ['Brevo image open, hidden', '<div style="display:none"><img src="https://img.brand.example/im/1234567/3f2b8c1e9d4a4b7e8f001a2b3c4d5e6f"></div>'],
    ['Mautic tracking gif with a query id, unsized', '<img src="https://email.brand.example/mtracking.gif?d=3f2b8c1e9d4a4b7e8f001a2b3c4d5e6fAbCd" alt="">'],
  ])('%s', (_name, fragment) => {
    expect(imageFindings(fragment)).toHaveLength(1);
  });
});
