/**
 * sanitizeHtml: each kind of removal, the modes, the client options, and byte-for-byte
 * preservation of everything outside the edits.
 */
import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from '../src/sanitize/html.js';
import type { SanitizeOptions } from '../src/sanitize/types.js';
import { scanHtml } from '../src/scan/html.js';

const GA = 'https://www.google-analytics.com/collect?v=1&tid=UA-1-1&cid=42';
const GIF = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
const MJ_DEST = 'https://shop.example/sale?utm_source=news&id=7';
const MJ = `https://abcde.mjt.lu/lnk/AbCdEf/1/AbCd/${Buffer.from(MJ_DEST).toString('base64url')}`;
const OPTS: SanitizeOptions = { sender: 'news@shop.example' };

describe('sanitizeHtml removals', () => {
  const cases: Array<{ name: string; html: string; out: string; action: string }> = [
    { name: 'visible pixel keeps its box', html: `<p>a</p><img src="${GA}" width="1" height="1"><p>b</p>`, out: `<p>a</p><img src="${GIF}" width="1" height="1"><p>b</p>`, action: 'blank-image' },
    { name: 'hidden pixel goes', html: `<div style="display:none"><img src="${GA}" width="1" height="1"></div>`, out: '<div style="display:none"></div>', action: 'remove-element' },
    { name: 'pixel by path shape', html: '<img src="https://t.example/open/3f2b8c1e9d4a4b7e.gif" width=1 height=1>', out: `<img src="${GIF}" width=1 height=1>`, action: 'blank-image' },
    { name: 'pixel in Outlook conditional comment', html: `<!--[if mso]><img src="${GA}" width="1" height="1"><![endif]--><p>x</p>`, out: `<!--[if mso]><img src="${GIF}" width="1" height="1"><![endif]--><p>x</p>`, action: 'blank-image' },
    { name: 'sized tracking image keeps its box', html: `<img src="${GA}" width="600" height="40" alt="b">`, out: `<img src="${GIF}" width="600" height="40" alt="b">`, action: 'blank-image' },
    { name: 'background attribute', html: `<table background="${GA}"><tr><td>x</td></tr></table>`, out: '<table><tr><td>x</td></tr></table>', action: 'remove-attribute' },
    { name: 'srcset candidate', html: `<img src="https://cdn.shop.example/a.png" srcset="${GA} 2x" width=100 height=50>`, out: '<img src="https://cdn.shop.example/a.png" width=100 height=50>', action: 'remove-attribute' },
    { name: 'stylesheet link', html: `<link rel="stylesheet" href="${GA}"><p>x</p>`, out: '<p>x</p>', action: 'remove-element' },
    { name: 'meta refresh', html: `<meta http-equiv="refresh" content="0;url=${GA}"><p>x</p>`, out: '<p>x</p>', action: 'remove-element' },
    { name: '@import', html: `<style>@import url("${GA}&t=pageview");p{color:red}</style>`, out: '<style>p{color:red}</style>', action: 'remove-css' },
    { name: '@font-face src', html: `<style>@font-face{font-family:x;src:url(${GA})}</style>`, out: '<style>@font-face{font-family:x;}</style>', action: 'remove-css' },
    { name: 'print declaration', html: `<style>@media print{.p{background-image:url(${GA});color:red}}</style>`, out: '<style>@media print{.p{color:red}}</style>', action: 'remove-css' },
    { name: 'shorthand keeps its colour', html: `<style>.q{background:#fff url(${GA}) no-repeat}</style>`, out: '<style>.q{background:#fff none no-repeat}</style>', action: 'remove-css' },
    { name: 'inline style', html: `<p style="color:red;background:url(${GA})">x</p>`, out: '<p style="color:red;">x</p>', action: 'remove-css' },
    {
      name: 'inline style with character references',
      html: `<p style="color:red;background:url(${GA.replaceAll('&', '&amp;')})">x</p>`, out: '<p style="color:red;">x</p>', action: 'remove-css',
    },
    { name: 'click redirect unwrapped, utm stripped', html: `<a href="${MJ}">x</a>`, out: '<a href="https://shop.example/sale?id=7">x</a>', action: 'unwrap-link' },
    { name: 'percent-encoded destination', html: '<a href="https://click.pstmrk.it/3s/shop.example%2Fsale/AbCd/EfGh">x</a>', out: '<a href="https://shop.example/sale">x</a>', action: 'unwrap-link' },
    {
      name: 'vendor and campaign params stripped',
      html: '<a href="https://shop.example/p?id=7&amp;utm_source=news&amp;mc_eid=abc123#top">x</a>', out: '<a href="https://shop.example/p?id=7#top">x</a>', action: 'strip-params',
    },
  ];
  it.each(cases)('$name', ({ html, out, action }) => {
    const r = sanitizeHtml(html, OPTS);
    expect(r.html).toBe(out);
    expect(r.changes.map((c) => c.action)).toContain(action);
    expect(r.errors).toEqual([]);
  });

  it('records every edit with offsets into the input', () => {
    const html = `<div>keep</div>\n<img src="${GA}" width="1" height="1">\n<p style="color:red;background:url(${GA})">x</p>`;
    const r = sanitizeHtml(html, OPTS);
    let rebuilt = '';
    let cursor = 0;
    for (const c of r.changes) {
      expect(html.slice(c.start, c.end)).toBe(c.before);
      rebuilt += html.slice(cursor, c.start) + c.after;
      cursor = c.end;
    }
    expect(rebuilt + html.slice(cursor)).toBe(r.html);
  });

  it('leaves spacers, content images and odd markup byte-for-byte', () => {
    const html = '<!doctype html>\r\n<TABLE  width=600 ><tr><td><img src="https://cdn.shop.example/spacer.gif" width="1" height="10" alt=""></td>' +
      '<td><IMG SRC=https://cdn.shop.example/hero.jpg width=300 height=200></td></tr></TABLE>\r\n<p class=x>caf\u00e9 &amp; <b>bold</p>';
    const r = sanitizeHtml(html, OPTS);
    expect(r.html).toBe(html);
    expect(r.changes).toEqual([]);
  });

  it('keeps unrecoverable redirects and says so', () => {
    const html = '<a href="https://hearthcrumb.us5.list-manage.com/track/click?u=3f1c8b6e2a9d47e5b0c1a2f3d&amp;id=1a2b3c4d5e&amp;e=5d2e8a0f41">x</a>';
    const r = sanitizeHtml(html, OPTS);
    expect(r.html).toBe(html);
    expect(r.kept.map((f) => f.kind)).toEqual(['click-redirect']);
  });
});

describe('sanitizeHtml options', () => {
  const pixel = `<img src="${GA}" width="1" height="1">`;
  const possible = '<img src="https://t.example/o.gif?u=3f2b8c1e9d4a4b7e">';
  const cases: Array<{ name: string; html: string; opts: SanitizeOptions; changed: boolean }> = [
    { name: 'possible kept by default', html: possible, opts: {}, changed: false },
    { name: 'policy remove takes possible', html: possible, opts: { policy: 'remove' }, changed: true },
    { name: 'vendor allow-list', html: pixel, opts: { allow: { vendors: ['google-analytics'] } }, changed: false },
    { name: 'sender allow-list (domain)', html: pixel, opts: { sender: 'news@mail.shop.example', allow: { senders: ['shop.example'] } }, changed: false },
    { name: 'sender allow-list (other sender)', html: pixel, opts: { sender: 'news@other.example', allow: { senders: ['shop.example'] } }, changed: true },
    { name: 'callback keeps', html: pixel, opts: { decide: () => 'keep' }, changed: false },
    { name: 'callback removes a possible', html: possible, opts: { decide: (f) => (f.confidence === 'possible' ? 'remove' : undefined) }, changed: true },
    { name: 'callback overrides allow-list', html: pixel, opts: { allow: { vendors: ['google-analytics'] }, decide: () => 'remove' }, changed: true },
    { name: 'throwing callback falls back', html: pixel, opts: { decide: () => { throw new Error('boom'); } }, changed: true },
    { name: 'unwrap off', html: `<a href="${MJ}">x</a>`, opts: { unwrapLinks: false, stripCampaignParams: false }, changed: false },
    { name: 'campaign params kept', html: '<a href="https://shop.example/?utm_source=a">x</a>', opts: { stripCampaignParams: false }, changed: false },
    { name: 'vendor params kept', html: '<a href="https://shop.example/?mc_eid=abc123">x</a>', opts: { stripTrackingParams: false }, changed: false },
  ];
  it.each(cases)('$name', ({ html, opts, changed }) => {
    const r = sanitizeHtml(html, opts);
    expect(r.html !== html).toBe(changed);
  });

  it('annotate mode marks instead of removing, once', () => {
    const html = `<p>x</p>${pixel}<a href="${MJ}">y</a>`;
    const r = sanitizeHtml(html, { mode: 'annotate' });
    expect(r.html).toContain('<img data-spypixel-kind="beacon" data-spypixel-confidence="certain" data-spypixel-vendor="google-analytics" src=');
    expect(r.html).toContain('data-spypixel-kind="click-redirect"');
    expect(r.html).toContain('data-spypixel-href="https://shop.example/sale?id=7"');
    expect(r.html).toContain(`href="${MJ}"`);
    expect(r.removed).toHaveLength(2);
    expect(sanitizeHtml(r.html, { mode: 'annotate' }).changes).toEqual([]);
  });

  it('placeholder mode swaps content images and removes trackers', () => {
    const html = `<img src="https://cdn.shop.example/hero.jpg" width="300" height="200"><img src="https://cdn.shop.example/a.png" style="width:40px;height:20px">${pixel}`;
    const r = sanitizeHtml(html, { mode: 'placeholder' });
    expect(r.html).toBe(
      `<img src="${GIF}" data-spypixel-src="https://cdn.shop.example/hero.jpg" width="300" height="200">` +
        `<img src="${GIF}" data-spypixel-src="https://cdn.shop.example/a.png" width="40" height="20" style="width:40px;height:20px">` +
        `<img src="${GIF}" width="1" height="1">`,
    );
    expect(sanitizeHtml(r.html, { mode: 'placeholder' }).changes).toEqual([]);
  });

  it.each([null, undefined, 42, {}, []])('never throws on %s', (input) => {
    const r = sanitizeHtml(input as unknown as string);
    expect(r.errors[0]?.code).toBe('invalid-input');
  });

  it('reports invalid limits as data', () => {
    expect(sanitizeHtml('<p>x</p>', { limits: { maxUrls: -1 } }).errors[0]?.code).toBe('invalid-input');
  });

  it('leaves no certain or likely loading tracker behind', () => {
    const html = `<style>@media (prefers-color-scheme: dark){.d{background:url(${GA}&t=dark)}}</style>${pixel}<div style="background-image:url('${GA}&x=1')"></div>`;
    const after = scanHtml(sanitizeHtml(html).html).findings;
    expect(after).toEqual([]);
  });
});
