import { describe, expect, it } from 'vitest';
import { walkHtml } from '../src/html/walk.js';
import type { Resource } from '../src/html/types.js';

const T = 'https://t.example';

function urls(html: string): string[] {
  return walkHtml(html).resources.map((r) => r.url);
}

function only(html: string): Resource {
  const { resources } = walkHtml(html, { links: false });
  expect(resources).toHaveLength(1);
  const r = resources[0];
  if (r === undefined) throw new Error('no resource');
  return r;
}

describe('walkHtml: resource kinds', () => {
  const cases: { name: string; html: string; tag: string; attribute: string; via: Resource['via']; url?: string }[] = [
    { name: 'img src', html: `<img src="${T}/o.gif">`, tag: 'img', attribute: 'src', via: 'element' },
    { name: 'body background', html: `<body background="${T}/o.gif">`, tag: 'body', attribute: 'background', via: 'element' },
    { name: 'table background', html: `<table background="${T}/o.gif"><tr><td>x</td></tr></table>`, tag: 'table', attribute: 'background', via: 'element' },
    { name: 'td background', html: `<table><tr><td background="${T}/o.gif">x</td></tr></table>`, tag: 'td', attribute: 'background', via: 'element' },
    { name: 'input image', html: `<input type="IMAGE" src="${T}/o.gif">`, tag: 'input', attribute: 'src', via: 'element' },
    { name: 'video poster', html: `<video poster="${T}/o.gif"></video>`, tag: 'video', attribute: 'poster', via: 'element' },
    { name: 'video src', html: `<video src="${T}/o.gif"></video>`, tag: 'video', attribute: 'src', via: 'element' },
    { name: 'audio src', html: `<audio src="${T}/o.gif"></audio>`, tag: 'audio', attribute: 'src', via: 'element' },
    { name: 'source src', html: `<video><source src="${T}/o.gif"></video>`, tag: 'source', attribute: 'src', via: 'element' },
    { name: 'track src', html: `<video><track src="${T}/o.gif"></video>`, tag: 'track', attribute: 'src', via: 'element' },
    { name: 'iframe src', html: `<iframe src="${T}/o.gif"></iframe>`, tag: 'iframe', attribute: 'src', via: 'element' },
    { name: 'frame src', html: `<frameset><frame src="${T}/o.gif"></frameset>`, tag: 'frame', attribute: 'src', via: 'element' },
    { name: 'object data', html: `<object data="${T}/o.gif"></object>`, tag: 'object', attribute: 'data', via: 'element' },
    { name: 'embed src', html: `<embed src="${T}/o.gif">`, tag: 'embed', attribute: 'src', via: 'element' },
    { name: 'link stylesheet', html: `<link rel="stylesheet" href="${T}/o.gif">`, tag: 'link', attribute: 'href', via: 'element' },
    { name: 'link icon', html: `<link rel="icon" href="${T}/o.gif">`, tag: 'link', attribute: 'href', via: 'element' },
    { name: 'svg image href', html: `<svg><image href="${T}/o.gif"/></svg>`, tag: 'image', attribute: 'href', via: 'element' },
    { name: 'svg image xlink:href', html: `<svg><image xlink:href="${T}/o.gif"/></svg>`, tag: 'image', attribute: 'xlink:href', via: 'element' },
    { name: 'vml fill', html: `<v:fill type="tile" src="${T}/o.gif"></v:fill>`, tag: 'v:fill', attribute: 'src', via: 'element' },
    { name: 'meta refresh', html: `<meta http-equiv="Refresh" content="0; URL='${T}/o.gif'">`, tag: 'meta', attribute: 'content', via: 'meta-refresh' },
    { name: 'inline background', html: `<div style="background:url('${T}/o.gif') no-repeat">x</div>`, tag: 'div', attribute: 'style', via: 'inline-style' },
    { name: 'inline background-image', html: `<table><tr><td style="background-image:url(${T}/o.gif)">x</td></tr></table>`, tag: 'td', attribute: 'style', via: 'inline-style' },
    { name: 'inline content', html: `<p style='content:url("${T}/o.gif")'>x</p>`, tag: 'p', attribute: 'style', via: 'inline-style' },
    { name: 'inline list-style-image', html: `<ul style="list-style-image:url(${T}/o.gif)"></ul>`, tag: 'ul', attribute: 'style', via: 'inline-style' },
    { name: 'inline border-image', html: `<div style="border-image:url(${T}/o.gif) 30 round">x</div>`, tag: 'div', attribute: 'style', via: 'inline-style' },
    { name: 'inline image-set string', html: `<div style='background-image:image-set("${T}/o.gif" 1x)'>x</div>`, tag: 'div', attribute: 'style', via: 'inline-style' },
  ];
  it.each(cases)('$name', ({ html, tag, attribute, via }) => {
    const r = only(html);
    expect(r.url).toBe(`${T}/o.gif`);
    expect(r.tag).toBe(tag);
    expect(r.attribute).toBe(attribute);
    expect(r.via).toBe(via);
    expect(r.media).toBeNull();
    expect(r.selector).toBeNull();
  });

  it('lists every srcset candidate of img and picture>source', () => {
    const html = `<picture><source srcset="${T}/a.webp 1x, ${T}/b.webp 2x"><img src="${T}/c.gif" srcset="${T}/d.gif 600w,${T}/e.gif 1200w"></picture>`;
    expect(urls(html)).toEqual([`${T}/a.webp`, `${T}/b.webp`, `${T}/c.gif`, `${T}/d.gif`, `${T}/e.gif`]);
  });

  it('reports links with http(s) only, with their text', () => {
    const html = `<a href="${T}/c?u=1">  Read
      <b>more</b> </a><a href="mailto:x@example.com">m</a><a href="/rel">r</a><a href="//p.example/x">p</a>
      <a href="${T}/img"><img src="${T}/logo.png" alt="Logo"></a><map><area href="${T}/area" alt="Area"></map>`;
    const links = walkHtml(html).resources.filter((r) => r.via === 'link-click');
    expect(links.map((l) => [l.url, l.text])).toEqual([
      [`${T}/c?u=1`, 'Read more'],
      ['//p.example/x', 'p'],
      [`${T}/img`, 'Logo'],
      [`${T}/area`, 'Area'],
    ]);
  });

  it('truncates link text to 200 characters', () => {
    const text = walkHtml(`<a href="${T}/">${'word '.repeat(100)}</a>`).resources[0]?.text ?? '';
    expect(text.length).toBe(200);
  });

  it('can leave links out', () => {
    expect(walkHtml(`<a href="${T}/">x</a>`, { links: false }).resources).toEqual([]);
  });

  it('includes <template> content and parses <noscript> as markup', () => {
    expect(urls(`<template><img src="${T}/t.gif"></template><noscript><img src="${T}/n.gif"></noscript>`)).toEqual([
      `${T}/t.gif`,
      `${T}/n.gif`,
    ]);
  });

  it('reports <base href> and keeps relative URLs as written', () => {
    const r = walkHtml(`<head><base href=" ${T}/base/ "></head><img src="o.gif">`);
    expect(r.baseHref).toBe(`${T}/base/`);
    expect(r.resources.map((x) => x.url)).toEqual(['o.gif']);
  });
});

describe('walkHtml: URL text', () => {
  it.each([
    ['data:image/gif;base64,R0lGOD'],
    ['cid:logo@x'],
    ['CID:logo@x'],
    ['about:blank'],
    ['javascript:alert(1)'],
    ['java\nscript:alert(1)'],
    ['mailto:a@example.com'],
    ['tel:+100'],
    ['sms:+100'],
    [''],
    ['   '],
    ['#top'],
  ])('leaves out %j', (url) => {
    expect(urls(`<img src="${url}"><div style="background:url('${url}')">x</div><a href="${url}">x</a>`)).toEqual([]);
  });

  it('decodes entities, trims whitespace and accepts uppercase tags and attributes', () => {
    expect(urls(`<IMG SRC = "  ${T}/o.gif?a=1&amp;b=2&#38;c=3 " >`)).toEqual([`${T}/o.gif?a=1&b=2&c=3`]);
  });

  it('survives unclosed tags and giant attributes', () => {
    const big = 'x'.repeat(200_000);
    const r = walkHtml(`<div><table><tr><td><img src="${T}/${big}" width=1 height=1><p>unclosed`);
    expect(r.resources[0]?.url.length).toBe(T.length + 1 + big.length);
    expect(r.resources[0]?.width).toBe(1);
  });
});

describe('walkHtml: locations', () => {
  it('points at the attribute (1-based line/col, offsets of the attribute)', () => {
    const html = `<html>\n<body>\n  <img alt="" src="${T}/o.gif">\n</body></html>`;
    const r = only(html);
    expect([r.line, r.col]).toEqual([3, 15]);
    expect(html.slice(r.startOffset, r.endOffset)).toBe(`src="${T}/o.gif"`);
  });

  it('points at the whole <style> element for sheet URLs', () => {
    const html = `<p>x</p>\n<style>.a{background:url(${T}/o.gif)}</style>`;
    const r = only(html);
    expect([r.line, r.col]).toEqual([2, 1]);
    expect(html.slice(r.startOffset, r.endOffset)).toBe(`<style>.a{background:url(${T}/o.gif)}</style>`);
  });

  it('points at the style attribute for inline URLs', () => {
    const html = `<div id="a" style="background:url(${T}/o.gif)">x</div>`;
    const r = only(html);
    expect(html.slice(r.startOffset, r.endOffset)).toBe(`style="background:url(${T}/o.gif)"`);
  });
});

describe('walkHtml: robustness', () => {
  it('walks 50k nested elements without overflowing the stack', () => {
    const depth = 50_000;
    const html = `${'<div>'.repeat(depth)}<img src="${T}/deep.gif">${'</div>'.repeat(depth)}`;
    const r = walkHtml(html);
    expect(r.resources.map((x) => x.url)).toEqual([`${T}/deep.gif`]);
  });

  it('inherits hidden state through 50k levels', () => {
    const depth = 50_000;
    const html = `<div style="display:none">${'<span>'.repeat(depth)}<img src="${T}/deep.gif">`;
    expect(walkHtml(html).resources[0]?.hidden).toEqual({ reason: 'display-none', ancestor: true });
  });

  it('returns an empty result for non-string input', () => {
    expect(walkHtml(undefined as unknown as string)).toEqual({ resources: [], cssErrors: 0, baseHref: null });
  });
});

describe('walkHtml: Outlook conditional comments', () => {
  it('reports URLs inside <!--[if mso]> with the condition and absolute locations', () => {
    const html = `<table><tr><td background="${T}/bg.jpg">\n<!--[if gte mso 9]>\n<v:rect><v:fill type="tile" src="${T}/vml.jpg" /></v:rect>\n<img src="${T}/o.gif" width="1" height="1"><![endif]-->\n</td></tr></table>`;
    const r = walkHtml(html).resources;
    expect(r.map((x) => [x.url, x.conditional ?? null])).toEqual([
      [`${T}/bg.jpg`, null],
      [`${T}/vml.jpg`, 'gte mso 9'],
      [`${T}/o.gif`, 'gte mso 9'],
    ]);
    const vml = r[1];
    expect(vml && html.slice(vml.startOffset, vml.endOffset)).toBe(`src="${T}/vml.jpg"`);
    expect([vml?.line, vml?.col]).toEqual([3, 29]);
    expect([r[2]?.width, r[2]?.height]).toEqual([1, 1]);
  });

  it('inherits hidden state into the comment and ignores plain and downlevel-revealed comments', () => {
    const html = `<div style="display:none"><!--[if mso]><img src="${T}/a.gif"><![endif]--></div><!-- <img src="${T}/no.gif"> --><!--[if !mso]><!--><img src="${T}/b.gif"><!--<![endif]-->`;
    const r = walkHtml(html).resources;
    expect(r.map((x) => [x.url, x.hidden?.reason ?? null, x.conditional ?? null])).toEqual([
      [`${T}/a.gif`, 'display-none', 'mso'],
      [`${T}/b.gif`, null, null],
    ]);
  });

  it('reads <style> inside conditional comments for URLs', () => {
    const r = walkHtml(`<!--[if mso]><style>.x{background:url(${T}/s.gif)}</style><![endif]-->`).resources;
    expect(r.map((x) => [x.url, x.via, x.conditional])).toEqual([[`${T}/s.gif`, 'style-block', 'mso']]);
  });
});
