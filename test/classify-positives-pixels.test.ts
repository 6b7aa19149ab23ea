// Issue 11, classes 5 and 6 beside the precision fixes: the shapes that must still be reported
// when the negative classes (signatures, versions, fingerprints, rendering queries, weak words,
// campaign tags) are set aside. Each row is a class, written on invented hosts.
import { describe, expect, it } from 'vitest';
import { imageFindings } from './helpers/pixel-findings.js';

type Row = [name: string, fragment: string, kind: string, vendor: string | null];

const rows: Row[] = [
  // class 5: size written as quirks mode reads it
  ['unitless CSS height:1 with a hex id', '<img src="https://t.shop.example/ropen/0/e1/7?euid=421cf4e05bea4f87ba5f8a82927b87df" style="float:left;border:0;height:1;" alt="">', 'open-pixel', null],
  ['unitless CSS width/height 1 on a dynamic endpoint', '<img src="https://mail.shop.example/n/count" style="width:1;height:1" alt="">', 'open-pixel', null],
  // class 5: a token joined to other parts of the file name, under a tracking word
  ['padded base64 id joined with _ under /open/', '<img alt="supporter" src="https://crm.cause.example/page/email/open/2YPS0za1DdmZkArzVWMSmA==_b286167_tr0_t0.png">', 'open-pixel', null],
  ['id joined with ~ in a 1x1 file', '<img src="https://news.shop.example/img/x~Qk3xZ9aB7cD2eF4gH6iJ8kL0mN1oP3==.gif" width="1" height="1" alt="">', 'open-pixel', null],
  // the exemptions stay narrow
  ['spacer with a per-recipient sid next to a version', '<img src="https://cdn.shop.example/spacer.gif?v=2&sid=3f2b8c1e9d4a4b7e8f001a2b3c4d5e6f" width="1" height="1" alt="">', 'open-pixel', null],
  ['t= carrying a token (not an epoch) on a spacer', '<img src="https://cdn.shop.example/spacer.gif?t=Qk3xZ9aB7cD2eF4gH6iJ8kL0" width="1" height="1" alt="">', 'open-pixel', null],
  ['v= carrying an encrypted id on a dynamic endpoint', '<img src="https://spam.example/t?encv=2&v=RXRHd1pDa1oyTUVWWDJ1N25NWXVuTm9PQUE4UG1J" width="1" height="1" alt="">', 'open-pixel', null],
  ['hidden small image with a subscriber token', '<div style="display:none"><img src="https://news.shop.example/img/icon.png?u=3f2b8c1e9d4a4b7e8f001a2b3c4d5e6f" width="20" height="20" alt=""></div>', 'open-pixel', null],
  ['unsized /track/ image with a token and no rendering query', '<img src="https://news.shop.example/track/open/3f2b8c1e-9d4a-4b7e-8f00-1a2b3c4d5e6f">', 'open-pixel', null],
  ['signature beside a data token (EmailEngine, any host)', '<img src="https://mail.operator.example/open.gif?data=eyJhY3QiOiJvcGVuIiwiYWNjIjoiMTYzIn0&sig=SggVK6gtVhgC789JroIf1R9HAcvY9YCkcEZDSifS4IQ" style="border: 0px; width:1px; height: 1px;" width="1" height="1" alt="">', 'open-pixel', 'EmailEngine'],
  // CSS media beacons: a dark-mode or print rule that loads a counter, not a logo file
  ['dark-mode rule loading an id in the query', `<style>@media (prefers-color-scheme: dark){ .d { background-image:url('https://stats.news.example/d.png?u=3f2b8c1e9d4a4b7e8f001a2b3c4d5e6f') } }</style><div class="d">x</div>`, 'css-beacon', null],
  ['print rule loading a dynamic endpoint with an id', `<style>@media print { .p { background-image:url('https://stats.news.example/p/3f2b8c1e-9d4a-4b7e-8f00-1a2b3c4d5e6f') } }</style><div class="p">x</div>`, 'css-beacon', null],
  // class 6: ad-tag calls through a publisher's newsletter ad server
  ['Google Ad Manager tag proxied by a newsletter ad server', '<img src="https://ads-newsletter.publisher.example/ad?iu=/6088/ssp.site/newsletter/forecast&sz=300x250&c=1481569063905870954" width="300" alt="">', 'beacon', 'Google Ads / Campaign Manager 360 (DoubleClick)'],
  ['Google Ad Manager gampad tag', '<img src="https://pubads.g.doubleclick.net/gampad/ad?iu=/1234/newsletter/top&sz=600x200&c=98765" width="600" height="200" alt="Advertisement">', 'beacon', 'Google Ads / Campaign Manager 360 (DoubleClick)'],
];

describe('tracking images the negative classes must not hide', () => {
  it.each(rows)('%s', (_name, fragment, kind, vendor) => {
    const found = imageFindings(fragment);
    expect(found.map((f) => f.kind)).toEqual([kind]);
    if (vendor !== null) expect(found[0]?.vendor?.name).toBe(vendor);
  });

  it('marks a proxied ad tag as a visible ad for the sanitizer', () => {
    const [f] = imageFindings('<img src="https://ads.paper.example/ad?iu=/6088/a/b&sz=300x250&c=1" width="300" height="250" alt="">');
    expect(f?.signals).toContain('visible-ad');
  });
});
