import { describe, expect, it } from 'vitest';
import { walkHtml } from '../src/html/walk.js';
import type { Resource } from '../src/html/types.js';

const T = 'https://t.example';

function sheet(css: string, body = ''): readonly Resource[] {
  return walkHtml(`<html><head><style>${css}</style></head><body>${body}</body></html>`).resources;
}

function img(html: string, css = ''): Resource {
  const found = walkHtml(`<style>${css}</style>${html}`).resources.find((r) => r.tag === 'img');
  if (found === undefined) throw new Error('no img');
  return found;
}

describe('<style> URLs', () => {
  const cases: { name: string; css: string; url: string; via: Resource['via']; attribute: string; selector: string | null; media: string | null }[] = [
    { name: 'rule background', css: `.a { background: url(${T}/b.gif) }`, url: `${T}/b.gif`, via: 'style-block', attribute: 'background', selector: '.a', media: null },
    { name: 'print beacon', css: `@media print { div.OutlookMessageHeader { content: url("${T}/p.gif") } }`, url: `${T}/p.gif`, via: 'style-block', attribute: 'content', selector: 'div.OutlookMessageHeader', media: 'print' },
    { name: 'dark mode beacon', css: `@media (prefers-color-scheme: dark) { .x { background-image: url('${T}/d.gif') } }`, url: `${T}/d.gif`, via: 'style-block', attribute: 'background-image', selector: '.x', media: '(prefers-color-scheme: dark)' },
    { name: 'responsive rule', css: `@media screen and (max-width:600px) { td .a { background: url(${T}/m.gif) } }`, url: `${T}/m.gif`, via: 'style-block', attribute: 'background', selector: 'td .a', media: 'screen and (max-width:600px)' },
    { name: 'nested media', css: `@media screen { @media (min-width: 1px) { #x { background: url(${T}/n.gif) } } }`, url: `${T}/n.gif`, via: 'style-block', attribute: 'background', selector: '#x', media: 'screen and (min-width: 1px)' },
    { name: '@supports', css: `@supports (display:grid) { .g { background: url(${T}/s.gif) } }`, url: `${T}/s.gif`, via: 'style-block', attribute: 'background', selector: '.g', media: null },
    { name: '@import url()', css: `@import url(${T}/i.css);`, url: `${T}/i.css`, via: 'style-import', attribute: '@import', selector: null, media: null },
    { name: '@import string', css: `@import "${T}/i.css";`, url: `${T}/i.css`, via: 'style-import', attribute: '@import', selector: null, media: null },
    { name: '@import url("…") with media', css: `@import url("${T}/i.css") print;`, url: `${T}/i.css`, via: 'style-import', attribute: '@import', selector: null, media: 'print' },
    { name: '@import inside media', css: `@media print { @import '${T}/i.css'; }`, url: `${T}/i.css`, via: 'style-import', attribute: '@import', selector: null, media: 'print' },
    { name: '@font-face src', css: `@font-face { font-family: x; src: local(x), url(${T}/f.woff2) format("woff2") }`, url: `${T}/f.woff2`, via: 'font-face', attribute: 'src', selector: null, media: null },
    { name: 'list-style-image', css: `li { list-style-image: url(${T}/l.gif) }`, url: `${T}/l.gif`, via: 'style-block', attribute: 'list-style-image', selector: 'li', media: null },
  ];
  it.each(cases)('$name', ({ css, url, via, attribute, selector, media }) => {
    const found = sheet(css);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ url, via, attribute, selector, media, tag: 'style', width: null, height: null, hidden: null });
  });

  it('takes the media of <style media> and of <link media>', () => {
    const r = walkHtml(`<style media="print">.a{background:url(${T}/p.gif)}</style><link rel=stylesheet media="print" href="${T}/p.css">`).resources;
    expect(r.map((x) => x.media)).toEqual(['print', 'print']);
  });

  it('keeps source order across nested blocks', () => {
    const css = `.a{background:url(${T}/1.gif)} @media print{.b{background:url(${T}/2.gif)}} .c{background:url(${T}/3.gif)}`;
    expect(sheet(css).map((r) => r.url)).toEqual([`${T}/1.gif`, `${T}/2.gif`, `${T}/3.gif`]);
  });

  it('skips data: and cid: URLs in CSS', () => {
    expect(sheet(`.a{background:url(data:image/gif;base64,R0l)} .b{background:url("cid:x")}`)).toEqual([]);
  });

  it('counts malformed sheets and inline styles, and still reads what it can', () => {
    const r = walkHtml(`<style>.a{background:url(${T}/a.gif)} .b{:x}</style><p style="color:red;;:x;background:url(${T}/b.gif)">x</p>`);
    expect(r.cssErrors).toBe(2);
    expect(r.resources.map((x) => x.url)).toEqual([`${T}/a.gif`, `${T}/b.gif`]);
  });

  it('handles deeply nested at-rules without recursion limits in the walker', () => {
    const css = `${'@media screen{'.repeat(200)}.a{background:url(${T}/deep.gif)}${'}'.repeat(200)}`;
    expect(sheet(css).map((r) => r.url)).toEqual([`${T}/deep.gif`]);
  });
});

describe('rendered size', () => {
  const cases: { name: string; html: string; css?: string; width: number | null; height: number | null }[] = [
    { name: 'attributes', html: '<img src="x" width="1" height="1">', width: 1, height: 1 },
    { name: 'attributes with px and spaces', html: '<img src="x" width="1px" height=" 1 ">', width: 1, height: 1 },
    { name: 'percent attribute', html: '<img src="x" width="100%" height="1">', width: null, height: 1 },
    { name: 'no size', html: '<img src="x">', width: null, height: null },
    { name: 'inline px', html: '<img src="x" style="width:1px;height:2px">', width: 1, height: 2 },
    { name: 'inline unitless 0', html: '<img src="x" style="width:0;height:0">', width: 0, height: 0 },
    { name: 'inline beats attributes', html: '<img src="x" width="600" height="300" style="width:1px;height:1px">', width: 1, height: 1 },
    { name: 'inline em/%/auto are unknown', html: '<img src="x" width="1" height="1" style="width:2em;height:auto">', width: null, height: null },
    { name: 'inline pt', html: '<img src="x" style="width:3pt;height:0.75pt">', width: 4, height: 1 },
    { name: 'max clamps', html: '<img src="x" width="600" height="400" style="max-width:1px;max-height:1px">', width: 1, height: 1 },
    { name: 'min wins over max', html: '<img src="x" style="width:5px;min-width:10px;max-width:2px">', width: 10, height: null },
    { name: 'max 0 on unknown size', html: '<img src="x" style="max-width:0;max-height:0">', width: 0, height: 0 },
    { name: 'max with unknown size stays unknown', html: '<img src="x" style="max-width:600px">', width: null, height: null },
    { name: 'later inline declaration wins', html: '<img src="x" style="width:1px;width:2px">', width: 2, height: null },
    { name: 'inline !important over later', html: '<img src="x" style="width:1px !important;width:2px">', width: 1, height: null },
    { name: 'tag rule', html: '<img src="x">', css: 'img{width:1px;height:1px}', width: 1, height: 1 },
    { name: 'class rule', html: '<img class="pixel" src="x">', css: '.pixel{width:1px;height:1px}', width: 1, height: 1 },
    { name: 'id rule', html: '<img id="x" src="x">', css: '#x{width:1px;height:1px}', width: 1, height: 1 },
    { name: 'compound rule', html: '<img class="a b" src="x">', css: 'img.a.b{width:1px}', width: 1, height: null },
    { name: 'descendant chain', html: '<table><tr><td><span class="a"><img src="x"></span></td></tr></table>', css: 'td .a img{width:3px}', width: 3, height: null },
    { name: 'child combinator', html: '<div class="p"><img src="x"></div>', css: '.p > img{width:3px}', width: 3, height: null },
    { name: 'child combinator that does not match', html: '<div class="p"><span><img src="x"></span></div>', css: '.p > img{width:3px}', width: null, height: null },
    { name: 'selector list', html: '<img class="q" src="x">', css: 'p, .q{height:4px}', width: null, height: 4 },
    { name: 'unevaluable selectors are ignored', html: '<img class="q" src="x">', css: '.q:hover{width:9px} img[src]{width:8px} p + img{width:7px}', width: null, height: null },
    { name: 'specificity beats order', html: '<img id="i" class="c" src="x">', css: '#i{width:1px} .c{width:5px} img{width:6px}', width: 1, height: null },
    { name: 'order breaks ties', html: '<img class="c" src="x">', css: '.c{width:1px} .c{width:2px}', width: 2, height: null },
    { name: 'inline beats rules', html: '<img class="c" style="width:3px" src="x">', css: '.c{width:1px}', width: 3, height: null },
    { name: 'rule !important beats inline', html: '<img class="c" style="width:3px" src="x">', css: '.c{width:1px !important}', width: 1, height: null },
    { name: 'css beats attributes', html: '<img class="c" width="600" src="x">', css: '.c{width:1px}', width: 1, height: null },
    { name: 'print rules do not size', html: '<img class="c" width="600" src="x">', css: '@media print{.c{width:1px}}', width: 600, height: null },
    { name: 'height:auto follows the attribute aspect ratio', html: '<img src="x" width="1" height="1">', css: 'img{height:auto}', width: 1, height: 1 },
    { name: 'height:auto with zero width is zero', html: '<img src="x" width="0" height="0">', css: 'img{height:auto}', width: 0, height: 0 },
    { name: 'height:auto with scaled width', html: '<img src="x" width="600" height="300" style="width:300px">', css: 'img{height:auto}', width: 300, height: 150 },
    { name: 'auto on both axes is unknown', html: '<img src="x" width="1" height="1" style="width:auto;height:auto">', width: null, height: null },
    { name: 'negative css length keeps the attribute', html: '<img src="x" width="1" style="width:-5px">', width: 1, height: null },
    { name: 'screen rules size', html: '<img class="c" width="600" src="x">', css: '@media screen{.c{width:1px}}', width: 1, height: null },
  ];
  it.each(cases)('$name', ({ html, css, width, height }) => {
    const r = img(html, css ?? '');
    expect([r.width, r.height]).toEqual([width, height]);
  });

  it('gives inline-background URLs the size of their element', () => {
    const r = walkHtml(`<div style="width:1px;height:1px;background-image:url(${T}/b.gif)">x</div>`).resources[0];
    expect([r?.width, r?.height]).toEqual([1, 1]);
  });
});

describe('hidden state', () => {
  const cases: { name: string; html: string; css?: string; reason: string | null; ancestor?: boolean }[] = [
    { name: 'visible', html: '<img src="x">', reason: null },
    { name: 'display:none', html: '<img src="x" style="display:none">', reason: 'display-none', ancestor: false },
    { name: 'DISPLAY: NONE !important', html: '<img src="x" style="DISPLAY: NONE !important">', reason: 'display-none', ancestor: false },
    { name: 'ancestor display:none', html: '<div style="display:none"><p><img src="x"></p></div>', reason: 'display-none', ancestor: true },
    { name: 'visibility:hidden', html: '<img src="x" style="visibility:hidden">', reason: 'visibility-hidden', ancestor: false },
    { name: 'visibility undone by child', html: '<div style="visibility:hidden"><img src="x" style="visibility:visible"></div>', reason: null },
    { name: 'opacity:0', html: '<img src="x" style="opacity:0">', reason: 'opacity-zero', ancestor: false },
    { name: 'opacity:0.0', html: '<img src="x" style="opacity:0.0">', reason: 'opacity-zero', ancestor: false },
    { name: 'opacity:0%', html: '<img src="x" style="opacity:0%">', reason: 'opacity-zero', ancestor: false },
    { name: 'opacity:0.5', html: '<img src="x" style="opacity:0.5">', reason: null },
    { name: 'max-height:0 + overflow:hidden', html: '<div style="max-height:0;overflow:hidden"><img src="x"></div>', reason: 'zero-max-height', ancestor: true },
    { name: 'max-height:0 alone', html: '<div style="max-height:0"><img src="x"></div>', reason: null },
    { name: 'zero-size box', html: '<div style="width:0;height:0;overflow:hidden"><img src="x"></div>', reason: 'zero-size-box', ancestor: true },
    { name: 'zero-size box by attribute', html: '<table><tr><td height="0" style="overflow:hidden"><img src="x"></td></tr></table>', reason: 'zero-size-box', ancestor: true },
    { name: 'mso-hide:all', html: '<div style="mso-hide:all"><img src="x"></div>', reason: 'mso-hide', ancestor: true },
    { name: 'off-screen absolute left', html: '<div style="position:absolute;left:-9999px"><img src="x"></div>', reason: 'off-screen', ancestor: true },
    { name: 'off-screen fixed top', html: '<img src="x" style="position:fixed;top:-1000px">', reason: 'off-screen', ancestor: false },
    { name: 'left without position', html: '<img src="x" style="left:-9999px">', reason: null },
    { name: 'margin-left', html: '<img src="x" style="margin-left:-5000px">', reason: 'off-screen', ancestor: false },
    { name: 'margin shorthand', html: '<img src="x" style="margin:0 0 0 -5000px">', reason: 'off-screen', ancestor: false },
    { name: 'hidden attribute', html: '<div hidden><img src="x"></div>', reason: 'hidden-attribute', ancestor: true },
    { name: 'hidden attribute overridden by display', html: '<div hidden style="display:block"><img src="x"></div>', reason: null },
    { name: 'class rule', html: '<div class="hide"><img src="x"></div>', css: '.hide{display:none}', reason: 'display-none', ancestor: true },
    { name: 'descendant rule', html: '<div class="wrap"><img class="p" src="x"></div>', css: '.wrap .p{display:none !important}', reason: 'display-none', ancestor: false },
    { name: 'rule in @media screen', html: '<img class="p" src="x">', css: '@media screen{.p{display:none}}', reason: 'display-none', ancestor: false },
    { name: 'rule in @media print ignored', html: '<img class="p" src="x">', css: '@media print{.p{display:none}}', reason: null },
    { name: 'rule in dark mode ignored', html: '<img class="p" src="x">', css: '@media (prefers-color-scheme: dark){.p{display:none}}', reason: null },
    { name: 'rule in <style media=print> ignored', html: '<style media="print">.p{display:none}</style><img class="p" src="x">', reason: null },
    { name: 'rule in <style media=screen> applies', html: '<style media="screen">.p{display:none}</style><img class="p" src="x">', reason: 'display-none', ancestor: false },
    { name: 'inline display overrides rule', html: '<img class="p" src="x" style="display:block">', css: '.p{display:none}', reason: null },
    { name: 'style after the element still applies', html: '<img class="late" src="x"><style>.late{display:none}</style>', reason: 'display-none', ancestor: false },
    { name: 'own reason reported before ancestor', html: '<div style="display:none"><img src="x" style="opacity:0"></div>', reason: 'opacity-zero', ancestor: false },
  ];
  it.each(cases)('$name', ({ html, css, reason, ancestor }) => {
    const r = img(html, css ?? '');
    expect(r.hidden).toEqual(reason === null ? null : { reason, ancestor });
  });

  it('reports the hidden state of links and inline backgrounds', () => {
    const r = walkHtml(`<div style="display:none"><a href="${T}/c">x</a><p style="background:url(${T}/b.gif)">y</p></div>`).resources;
    expect(r.map((x) => x.hidden)).toEqual([
      { reason: 'display-none', ancestor: true },
      { reason: 'display-none', ancestor: true },
    ]);
  });
});

// Issue 11, class 9: mobile layouts hide an image on the desktop view and reveal it in a
// screen-width query. Such an image is shown (on phones), so it is not hidden; print, dark mode
// and hiding kept in every view still hide.
describe('screen-width queries (mobile-only content)', () => {
  const MQ = '@media only screen and (max-width: 600px)';
  const cases: { name: string; html: string; css: string; reason: string | null; size?: [number | null, number | null] }[] = [
    { name: 'image revealed by a max-width query', html: '<img class="m" src="x" width="300" height="100">', css: `.m{display:none} ${MQ}{.m{display:block !important}}`, reason: null },
    { name: 'ancestor revealed by a max-width query', html: '<div class="mob"><img src="x" width="300" height="100"></div>', css: `.mob{display:none;max-height:0;overflow:hidden} ${MQ}{.mob{display:block !important;max-height:none !important}}`, reason: null },
    { name: 'mso-hide + zero box revealed on mobile, real size taken', html: '<img class="mi" src="x" style="display:none;width:0;max-height:0;overflow:hidden;mso-hide:all">', css: `${MQ}{img.mi{display:block !important;width:320px !important;max-height:none !important;overflow:visible !important}}`, reason: null, size: [320, null] },
    { name: 'min-width query counts too', html: '<div class="d"><img src="x"></div>', css: '.d{display:none} @media (min-width:480px){.d{display:block!important}}', reason: null },
    { name: 'a query that does not reveal keeps it hidden', html: '<div class="h"><img src="x"></div>', css: `.h{display:none} ${MQ}{.h{color:red}}`, reason: 'display-none' },
    { name: 'inline display:none !important beats a non-important reveal', html: '<img class="m" src="x" style="display:none !important">', css: `${MQ}{.m{display:block}}`, reason: 'display-none' },
    { name: 'hiding on mobile only leaves the desktop view shown', html: '<img class="desk" src="x" width="600" height="200">', css: `${MQ}{.desk{display:none !important}}`, reason: null },
    { name: 'print query never reveals', html: '<div class="h"><img src="x"></div>', css: '.h{display:none} @media print and (max-width:600px){.h{display:block!important}}', reason: 'display-none' },
    { name: 'dark-mode query never reveals', html: '<div class="h"><img src="x"></div>', css: '.h{display:none} @media (prefers-color-scheme: dark) and (max-width:600px){.h{display:block!important}}', reason: 'display-none' },
    { name: 'revealed parent, own hiding kept in both views', html: '<div class="mob"><img src="x" style="display:none"></div>', css: `.mob{display:none} ${MQ}{.mob{display:block!important}}`, reason: 'display-none' },
  ];
  it.each(cases)('$name', ({ html, css, reason, size }) => {
    const r = img(html, css);
    expect(r.hidden?.reason ?? null).toBe(reason);
    if (size !== undefined) expect([r.width, r.height]).toEqual(size);
  });

  it('keeps a visible 1x1 pixel 1x1 when a query only styles other images', () => {
    const r = img('<img src="x" width="1" height="1" style="display:block">', `${MQ}{.fluid{width:100%!important}}`);
    expect([r.width, r.height]).toEqual([1, 1]);
  });
});
