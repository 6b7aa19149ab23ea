import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { walkHtml } from '../src/html/walk.js';

const html = readFileSync(new URL('./fixtures/html/newsletter.html', import.meta.url), 'utf8');

describe('walkHtml on a synthetic newsletter', () => {
  const { resources, cssErrors, baseHref } = walkHtml(html);
  const brief = resources.map((r) => ({
    url: r.url,
    via: r.via,
    tag: r.tag,
    size: `${r.width}x${r.height}`,
    hidden: r.hidden === null ? null : `${r.hidden.reason}${r.hidden.ancestor ? ' (ancestor)' : ''}`,
    media: r.media,
    ...(r.conditional === undefined ? {} : { conditional: r.conditional }),
  }));

  it('lists what a mail client would load, in document order', () => {
    expect(brief).toEqual([
      // <style> is raw text: entities stay as written.
      { url: 'https://beacon.example/p?k=print&amp;id=42', via: 'style-block', tag: 'style', size: 'nullxnull', hidden: null, media: 'print' },
      { url: 'https://beacon.example/p?k=dark', via: 'style-block', tag: 'style', size: 'nullxnull', hidden: null, media: '(prefers-color-scheme: dark)' },
      { url: 'https://fonts.example/css2?family=Lato', via: 'style-import', tag: 'style', size: 'nullxnull', hidden: null, media: null },
      { url: 'https://fonts.example/lato.woff2', via: 'font-face', tag: 'style', size: 'nullxnull', hidden: null, media: null },
      { url: 'https://esp.example/o/pre.gif?u=7', via: 'element', tag: 'img', size: '1x1', hidden: 'display-none (ancestor)', media: null },
      { url: 'https://cdn.example/hero.jpg', via: 'element', tag: 'td', size: '600x300', hidden: null, media: null },
      { url: 'https://cdn.example/hero.jpg', via: 'element', tag: 'v:fill', size: 'nullxnull', hidden: null, media: null, conditional: 'gte mso 9' },
      { url: 'https://cdn.example/logo.png', via: 'element', tag: 'img', size: '120x40', hidden: null, media: null },
      // `img { height: auto }` wins over height="20", and without a width attribute there is no ratio.
      { url: 'https://cdn.example/spacer.gif', via: 'element', tag: 'img', size: '1xnull', hidden: null, media: null },
      { url: 'https://click.esp.example/c/abc?u=7&l=1', via: 'link-click', tag: 'a', size: 'nullxnull', hidden: null, media: null },
      { url: 'https://esp.example/o/open.gif?u=7&m=99', via: 'element', tag: 'img', size: '1x1', hidden: null, media: null },
    ]);
    expect(cssErrors).toBe(0);
    expect(baseHref).toBeNull();
  });

  it('keeps the link text', () => {
    expect(resources.find((r) => r.via === 'link-click')?.text).toBe('Read the full story');
  });
});
