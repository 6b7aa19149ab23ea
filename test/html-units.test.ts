import { describe, expect, it } from 'vitest';
import { isLoadableUrl, isWebLink, parseMetaRefresh, parseSrcset, urlScheme } from '../src/html/urls.js';
import { parseCssLength, parseDimensionAttribute } from '../src/html/size.js';
import { compileSelector, RuleIndex } from '../src/html/selectors.js';
import { parseInlineStyle } from '../src/html/css.js';

describe('srcset', () => {
  it.each([
    ['a.png', ['a.png']],
    ['a.png 1x, b.png 2x', ['a.png', 'b.png']],
    ['a.png 1x,b.png 2x', ['a.png', 'b.png']],
    ['  a.png   600w ,  b.png 1200w  ', ['a.png', 'b.png']],
    // A comma inside a URL belongs to it; only trailing commas end a candidate.
    ['a.png,b.png', ['a.png,b.png']],
    ['https://x.example/a,b.png 1x', ['https://x.example/a,b.png']],
    ['a.png (x, y) 1x, b.png', ['a.png', 'b.png']],
    [',,, ', []],
    ['', []],
  ])('%j', (input, expected) => {
    expect(parseSrcset(input)).toEqual(expected);
  });
});

describe('meta refresh', () => {
  it.each([
    ['0; url=https://a.example/', 'https://a.example/'],
    ['5,URL = "https://a.example/x"', 'https://a.example/x'],
    ["0;URL='https://a.example/y'", 'https://a.example/y'],
    ['0; https://a.example/z', 'https://a.example/z'],
    ['30', null],
    ['', null],
  ])('%j', (input, expected) => {
    expect(parseMetaRefresh(input)).toBe(expected);
  });
});

describe('schemes', () => {
  it.each([
    ['https://a.example/', 'https', true, true],
    ['HTTP://a.example/', 'http', true, true],
    ['//a.example/', '', true, true],
    ['/relative', '', true, false],
    ['o.gif', '', true, false],
    ['data:x', 'data', false, false],
    ['Cid:x', 'cid', false, false],
    ['java\tscript:x', 'javascript', false, false],
    ['ftp://a.example/', 'ftp', true, false],
    ['#frag', '', false, false],
  ])('%j', (url, scheme, loadable, web) => {
    expect(urlScheme(url)).toBe(scheme);
    expect(isLoadableUrl(url)).toBe(loadable);
    expect(isWebLink(url)).toBe(web);
  });
});

describe('lengths', () => {
  it.each([
    ['1', 1],
    ['1px', 1],
    [' 1 ', 1],
    ['+2', 2],
    ['1.5', 1.5],
    ['100%', null],
    ['auto', null],
    ['', null],
    ['-1', null],
  ])('attribute %j', (input, expected) => {
    expect(parseDimensionAttribute(input)).toBe(expected);
  });

  it.each([
    ['1px', 1],
    ['1PX', 1],
    ['0', 0],
    ['0em', 0],
    ['1', 1], // quirks mode: a unitless length is px (eBay's `height:1;` open pixel)
    ['600', 600],
    ['2em', null],
    ['50%', null],
    ['auto', null],
    ['-9999px', -9999],
    ['12pt', 16],
    ['1in', 96],
  ])('css %j', (input, expected) => {
    expect(parseCssLength(input)).toBe(expected);
  });
});

describe('selectors', () => {
  it.each([
    ['img', 1],
    ['.a', 100],
    ['#x', 10000],
    ['img.pixel', 101],
    ['td .a', 101],
    ['#x > .a img', 10101],
    ['*', 0],
  ])('compiles %j with specificity %i', (text, specificity) => {
    expect(compileSelector(text)?.specificity).toBe(specificity);
  });

  it.each(['a:hover', 'img[src]', 'p + img', 'p ~ img', '.a\\:b', '> img', 'img >', '', '.', '#'])(
    'refuses %j',
    (text) => {
      expect(compileSelector(text)).toBeNull();
    },
  );

  it('matches through the ancestor chain and backtracks over child combinators', () => {
    const index = new RuleIndex();
    index.add('.a > .b .c', []);
    const a = { tag: 'div', id: '', classes: ['a'], parent: null };
    const b1 = { tag: 'div', id: '', classes: ['b'], parent: a };
    const b2 = { tag: 'div', id: '', classes: ['b'], parent: b1 };
    const c = { tag: 'img', id: '', classes: ['c'], parent: b2 };
    expect(index.match(c)).toHaveLength(1);
    const orphanB = { tag: 'div', id: '', classes: ['b'], parent: null };
    expect(index.match({ tag: 'img', id: '', classes: ['c'], parent: orphanB })).toHaveLength(0);
  });
});

describe('inline style', () => {
  it('reads declarations, !important, urls and errors', () => {
    const s = parseInlineStyle("font-family:'A;b', Arial; WIDTH: 1PX !important; background:url(\"x;y.gif\") no-repeat; :bad");
    expect(s.decls).toEqual([{ prop: 'width', value: '1px', important: true, order: 0 }]);
    expect(s.urls).toEqual([{ property: 'background', url: 'x;y.gif' }]);
    expect(s.error).toBe(true);
  });

  it('falls back to css-tree for escapes and comments', () => {
    expect(parseInlineStyle('/* c */ display: none').decls).toEqual([
      { prop: 'display', value: 'none', important: false, order: 0 },
    ]);
    expect(parseInlineStyle('background: url(a\\).gif)').urls).toEqual([{ property: 'background', url: 'a).gif' }]);
  });
});
