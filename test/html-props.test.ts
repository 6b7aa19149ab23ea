import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { walkHtml } from '../src/html/walk.js';

const TOKENS = [
  '<img', '<div', '<a', '<table><tr><td', '<style>', '</style>', '<template>', '<svg><image', '<meta http-equiv=refresh',
  '<link rel=stylesheet', '<input type=image', '<video', '<source', '>', '/>', '</div>', '</a>', ' ',
  ' src=', ' href=', ' srcset=', ' background=', ' poster=', ' style=', ' class=', ' id=', ' width=', ' height=',
  ' content=', ' hidden', '"', "'", '=', ',', ';', ':', '(', ')', '{', '}', '@media print', '@import ', '@font-face',
  'url(', 'image-set(', 'display:none', 'width:1px', 'max-height:0', 'overflow:hidden', '!important',
  'https://t.example/o.gif?a=1&amp;b=2', 'https://t.example/p', '//t.example/q', 'rel.gif', 'data:x', 'cid:y',
  'mailto:z', '#f', ' 1x', ' 2w', '.a', '#x', 'img', 'td .a', '0;url=', '<!--', '-->', '\n',
];

const junk = fc.oneof(
  fc.constantFrom(...TOKENS),
  fc.string({ maxLength: 6, unit: fc.constantFrom(...'abc<>/"\'=:; .#-%1') }),
);
const url = fc.oneof(
  fc.constantFrom('https://t.example/o.gif?a=1&amp;b=2', 'https://t.example/p', '//t.example/q', 'rel.gif', 'data:x', 'cid:y', '#f'),
  fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom(...'abcxyz/.:?=-_%1') }),
);
const element = fc
  .record({
    tag: fc.constantFrom('img', 'div', 'a', 'td', 'video', 'input type=image', 'link rel=icon', 'SPAN', 'IMG'),
    attr: fc.constantFrom('src', 'href', 'background', 'poster', 'srcset', 'SRC'),
    quote: fc.constantFrom('"', "'"),
    pad: fc.constantFrom('', ' ', '\n '),
    url,
    style: fc.constantFrom('', 'display:none', 'width:1px;height:1px', 'max-height:0;overflow:hidden', 'opacity:0', 'background:url('),
    styleUrl: url,
  })
  .map(({ tag, attr, quote, pad, url: u, style, styleUrl }) => {
    const css = style.endsWith('(') ? `${style}'${styleUrl}')` : style;
    return `<${tag} ${attr}=${quote}${pad}${u}${pad}${quote} style="${css}">`;
  });
const styleBlock = fc
  .record({ sel: fc.constantFrom('.a', 'img', 'td .a', '#x', 'p:hover'), u: url, media: fc.constantFrom('', 'print', '(prefers-color-scheme: dark)') })
  .map(({ sel, u, media }) => {
    const rule = `${sel}{background-image:url("${u}");display:none}`;
    return `<style>${media === '' ? rule : `@media ${media}{${rule}}`} @import '${u}';</style>`;
  });
const htmlish = fc.array(fc.oneof(element, styleBlock, junk), { maxLength: 40 }).map((parts) => parts.join(''));

describe('walkHtml properties', () => {
  it('never throws, is deterministic, and every URL occurs in the (entity-decoded) input', () => {
    let total = 0;
    fc.assert(
      fc.property(htmlish, (html) => {
        const first = walkHtml(html);
        const second = walkHtml(html);
        expect(JSON.stringify(second)).toBe(JSON.stringify(first));
        total += first.resources.length;
        const decoded = html.split('&amp;').join('&');
        for (const r of first.resources) {
          expect(decoded.includes(r.url) || html.includes(r.url)).toBe(true);
          expect(r.line).toBeGreaterThanOrEqual(1);
          expect(r.startOffset).toBeLessThanOrEqual(r.endOffset);
        }
      }),
      { seed: 42, numRuns: 600 },
    );
    // The generator must actually produce resources for the property to mean anything.
    expect(total).toBeGreaterThan(1000);
  });

  it('never throws on arbitrary unicode', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'grapheme' }), (html) => {
        const r = walkHtml(html);
        expect(Array.isArray(r.resources)).toBe(true);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
