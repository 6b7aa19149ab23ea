/**
 * Hostile HTML for the sanitiser, shared by the attack tests, the safety property test and the
 * browser test. Each case is markup built so that an edit would create markup, revive a dead
 * attribute or hide a tracker from the edit; SECURITY.md lists them with their results.
 */
import fc from 'fast-check';
import { parse, type DefaultTreeAdapterTypes } from 'parse5';
import { expect } from 'vitest';
import type { SanitizeMode } from '../../src/sanitize/types.js';

export const GA = 'https://www.google-analytics.com/collect?v=1&amp;tid=UA-1-1&amp;cid=42';
export const GA2 = 'https://www.google-analytics.com/collect?v=1&amp;tid=UA-1-1&amp;cid=43';
/** What a successful attack would make live. */
export const EVIL = '&lt;img src=https://evil.example/p.gif&gt;';

/** Attribute names a mode may add. */
export const ADDED: Readonly<Record<SanitizeMode, (name: string) => boolean>> = {
  remove: () => false,
  annotate: (n) => n.startsWith('data-spypixel-'),
  placeholder: (n) => n.startsWith('data-spypixel-') || n === 'width' || n === 'height' || n === 'src',
};

export interface Attack {
  readonly name: string;
  readonly html: string;
  readonly mode: SanitizeMode;
  /** The sanitiser must edit something (it cannot pass by leaving the input alone). */
  readonly edits: boolean;
  /** A check of its own on the output, beyond the ones every case gets. */
  readonly check?: (out: string) => void;
}

/** The first value of an attribute on each element that has it, as the browser reads it. */
export function firstValues(html: string, name: string): string[] {
  const out: string[] = [];
  const stack: DefaultTreeAdapterTypes.Node[] = [parse(html)];
  for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
    if ('attrs' in n) for (const a of n.attrs) if (a.name === name) out.push(a.value);
    if ('childNodes' in n) stack.push(...n.childNodes);
  }
  return out;
}

export const ATTACKS: readonly Attack[] = [
  {
    name: 'utm strip writes a decoded --> inside an Outlook conditional comment',
    html: `<!--[if mso]><a href="https://shop.example/?x=--&gt;${EVIL}&amp;utm_source=n">x</a><![endif]--><p>after</p>`,
    mode: 'remove', edits: true,
  },
  {
    name: 'utm strip writes a decoded </noscript>',
    html: `<noscript><a href="https://shop.example/?x=&lt;/noscript&gt;${EVIL}&amp;utm_source=n">x</a></noscript>`,
    mode: 'remove', edits: true,
  },
  {
    name: 'placeholder keeps a decoded --> in data-spypixel-src',
    html: `<!--[if mso]><img src="https://cdn.shop.example/a.png?x=--&gt;${EVIL}" width="40" height="20"><![endif]-->`,
    mode: 'placeholder', edits: true,
  },
  {
    name: 'annotate writes a decoded </noscript> in data-spypixel-href',
    html: `<noscript><a href="https://shop.example/?x=&lt;/noscript&gt;${EVIL}&amp;utm_source=n">x</a></noscript>`,
    mode: 'annotate', edits: true,
  },
  {
    name: 'style rewrite writes a decoded </noscript> (double quotes)',
    html: `<noscript><p style="background:url(${GA});font-family:'&lt;/noscript&gt;${EVIL}'">x</p></noscript>`,
    mode: 'remove', edits: true,
  },
  {
    name: 'style rewrite writes a decoded --> (single quotes)',
    html: `<!--[if mso]><p style='background:url(${GA});font-family:"--&gt;${EVIL}"'>x</p><![endif]-->`,
    mode: 'remove', edits: true,
  },
  {
    name: 'duplicate background: removing the first revives the second',
    html: `<table><tr><td background="${GA}" background="${GA2}">x</td></tr></table>`,
    mode: 'remove', edits: true,
  },
  {
    name: 'duplicate background in another case',
    html: `<table><tr><td background="${GA}" BACKGROUND="${GA2}">x</td></tr></table>`,
    mode: 'remove', edits: true,
  },
  {
    name: 'placeholder renames srcset and revives a duplicate srcset',
    html: '<img srcset="https://cdn.shop.example/a.png 1x" srcset="https://cdn.shop.example/b.png 1x" width="40" height="20">',
    mode: 'placeholder', edits: true,
  },
  {
    name: 'sender-written data-spypixel-src before the one placeholder mode writes',
    html: `<img data-spypixel-src="${GA}" src="https://cdn.shop.example/a.png" width="40" height="20">`,
    mode: 'placeholder', edits: true,
    check: (out) => expect(firstValues(out, 'data-spypixel-src')).toEqual(['https://cdn.shop.example/a.png']),
  },
  {
    name: 'sender-written data-spypixel-kind on a pixel, so annotate mode would skip it',
    html: `<img data-spypixel-kind="none" src="${GA}" width="1" height="1">`,
    mode: 'annotate', edits: true,
    check: (out) => expect(firstValues(out, 'data-spypixel-kind')).toEqual(['beacon']),
  },
  {
    name: 'a removed pixel joins x- and -> into --> inside a conditional comment',
    html: `<!--[if mso]>x-<img src="${GA}" width="1" height="1" style="display:none">-><img src="https://evil.example/p.gif"><![endif]-->`,
    mode: 'remove', edits: true,
  },
  {
    name: 'a removed pixel joins < and /noscript> into an end tag',
    html: `<noscript><<img src="${GA}" width="1" height="1" style="display:none">/noscript><img src="https://evil.example/p.gif"></noscript>`,
    mode: 'remove', edits: true,
  },
  {
    name: 'a removed pixel joins < and !-- into a comment start',
    html: `<p>a<<img src="${GA}" width="1" height="1" style="display:none">!-- b --></p><p>c</p>`,
    mode: 'remove', edits: true,
  },
  {
    name: 'SVG <style> (its text decoded, so CSS offsets are not source offsets)',
    html: `<svg><style>&amp;{}a{background:url(${GA})}</style></svg><p>x</p>`,
    mode: 'remove', edits: true,
  },
  {
    name: 'SVG <image> pixel and an SVG link with utm',
    html: `<svg><image href="${GA}" width="1" height="1"/><a href="https://shop.example/?utm_source=n&amp;x=&lt;/svg&gt;${EVIL}">y</a></svg>`,
    mode: 'remove', edits: true,
  },
  {
    name: 'MathML text integration point breaking out to HTML',
    html: `<math><mi><img src="${GA}" width="1" height="1" style="display:none"></mi></math><p>x</p>`,
    mode: 'remove', edits: true,
  },
  {
    name: '<template> content with a utm link holding a decoded </template>',
    html: `<template><a href="https://shop.example/?x=&lt;/template&gt;${EVIL}&amp;utm_source=n">x</a></template><img src="${GA}" width="1" height="1">`,
    mode: 'remove', edits: true,
  },
  {
    name: 'pixel markup inside <textarea>, <title>, <xmp> is text and stays text',
    html: `<title><img src="${GA2}" width=1 height=1></title><img src="${GA}" width="1" height="1"><textarea><img src="${GA2}"></textarea><xmp><img src="${GA2}"></xmp>`,
    mode: 'remove', edits: true,
    check: (out) => expect(out).toContain(`<textarea><img src="${GA2}"></textarea><xmp><img src="${GA2}"></xmp>`),
  },
  {
    name: '<plaintext> and an unterminated comment after a pixel',
    html: `<img src="${GA}" width="1" height="1"><!-- <img src="${GA2}" width=1 height=1><plaintext><img src="${GA2}">`,
    mode: 'remove', edits: true,
  },
  {
    name: 'srcset: the tracker as a later candidate, with empty candidates',
    html: `<img srcset=",,https://cdn.shop.example/a.png 1x,${GA} 2x" src="https://cdn.shop.example/a.png" width="40" height="20">`,
    mode: 'remove', edits: true,
  },
  {
    name: 'CSS escapes in the url function name (u\\72l, \\75 rl)',
    html: `<p style="background:u\\72l(${GA})">x</p><style>.b{background:\\75 rl(${GA2})}</style><p class="b">y</p>`,
    mode: 'remove', edits: true,
  },
  {
    name: 'CSS comments around and escapes inside url()',
    html: `<p style="background:/*a*/url(${GA.replace('collect', 'coll\\65 ct')})/*b*/">x</p>`,
    mode: 'remove', edits: true,
  },
  {
    name: 'image-set() and -webkit-image-set()',
    html: `<p style="background-image:image-set('${GA}' 1x)">x</p><p style="background-image:-webkit-image-set(url(${GA2}) 1x)">y</p>`,
    mode: 'remove', edits: true,
  },
  {
    name: '<base href> makes a relative src a tracker; Outlook-only <base> first',
    html: `<!--[if mso]><base href="https://cdn.shop.example/"><![endif]--><base href="https://www.google-analytics.com/"><img src="collect?v=1&amp;tid=UA-1-1&amp;cid=42" width="1" height="1">`,
    mode: 'remove', edits: true,
  },
  {
    name: '<meta http-equiv=refresh> to a tracker, and a stylesheet <link>',
    html: `<meta http-equiv="refresh" content="0;url=${GA}"><link rel="stylesheet" href="${GA2}"><p>x</p>`,
    mode: 'remove', edits: true,
  },
  {
    name: 'removing an <img> that closes an <svg> would make the next tag an SVG element',
    html: `<svg><img src="${GA}" width="1" height="1" hidden><td background="${GA2}">x</svg><p>y</p>`,
    mode: 'remove', edits: true,
  },
  {
    name: 'removing the first element of a conditional comment would change how the next parses',
    html: `<!--[if mso]><img src="${GA}" hidden><td background="${GA2}"><![endif]--><p>y</p>`,
    mode: 'remove', edits: true,
  },
  {
    name: 'pixels inside <select>, which browsers now build (the customizable select)',
    html: `<select><option>a</option><img src="${GA}" width="1" height="1"><div style="background:url(${GA2})">b</div></select>`,
    mode: 'remove', edits: true,
  },
  {
    name: 'placeholder mode inside <noscript> and a conditional comment',
    html: `<noscript><img src="https://cdn.shop.example/a.png?x=&lt;/noscript&gt;${EVIL}" width="40" height="20"></noscript><!--[if mso]><img src="https://cdn.shop.example/b.png?--&gt;" width="40" height="20"><![endif]-->`,
    mode: 'placeholder', edits: true,
  },
];


/** Contexts that change how markup inside them is read (open, close; close may be empty). */
const CONTEXTS: ReadonlyArray<readonly [string, string]> = [
  ['<!--[if mso]>', '<![endif]-->'], ['<!--[if gte mso 9]><xml>', '</xml><![endif]-->'], ['<noscript>', '</noscript>'],
  ['<template>', '</template>'], ['<svg>', '</svg>'], ['<svg><foreignObject>', '</foreignObject></svg>'], ['<math><mi>', '</mi></math>'],
  ['<table><tr><td>', '</td></tr></table>'], ['<table>', '</table>'], ['<select>', '</select>'], ['<textarea>', '</textarea>'],
  ['<title>', '</title>'], ['<xmp>', '</xmp>'], ['<style>', '</style>'], ['<div style="display:none">', '</div>'], ['<a href="https://shop.example/">', '</a>'],
];

/** Markup the sanitiser edits. */
export const TRIGGERS: readonly string[] = [
  `<img src="${GA}" width="1" height="1">`, `<img src="${GA}" width="1" height="1" style="display:none">`, `<img src="${GA}" hidden>`,
  `<td background="${GA}" background="${GA2}">`, `<p style="color:red;background:url(${GA})">`, `<p style='background:url("${GA}")'>`,
  `<p style="background:u\\72l(${GA})">`, `<p style="background-image:image-set('${GA}' 1x)">`, `<style>@import url(${GA});.x{background:url(${GA2})}</style>`,
  `<link rel="stylesheet" href="${GA}">`, `<meta http-equiv="refresh" content="0;url=${GA}">`, `<video poster="${GA}"></video>`,
  `<input type="image" src="${GA}">`, `<img srcset="${GA} 1x, https://cdn.shop.example/a.png 2x">`, `<svg><image href="${GA}" width="1" height="1"/></svg>`,
  '<img src="https://cdn.shop.example/hero.jpg" width="300" height="100">', '<img src="https://cdn.shop.example/a.png?x=&lt;/noscript&gt;--&gt;" width="30" height="10">',
  `<a href="https://shop.example/?a=--&gt;&lt;/noscript&gt;${EVIL}&amp;utm_source=n&amp;mc_eid=abc123">x</a>`, '<a href="https://shop.example/?a=1&#13;&#10;--b1&amp;utm_campaign=z">y</a>',
  `<a href="https://abcde.mjt.lu/lnk/AbCdEf/1/AbCd/${Buffer.from('https://shop.example/sale?utm_source=n&x=</noscript>').toString('base64url')}">z</a>`,
  `<img data-spypixel-src="${GA}" src="https://cdn.shop.example/b.png" width="5" height="5">`, `<base href="https://www.google-analytics.com/"><img src="collect?v=1&amp;tid=UA-1-1&amp;cid=44" width="1" height="1">`,
];

/** Text that can join with what is around an edit into a token. */
const JOINS: readonly string[] = ['<', '-', '--', '!', '/', '>', '</', '<!', '<!--', '-->', '--!>', ']]>', '</noscript', '/noscript>', '</style', 'x', ' ', '\r\n--b1\r\n', '&', '&lt;', '"', "'"];

/**
 * Generated hostile documents: triggers of every edit, in every context that changes how markup
 * is read, next to text that can join with an edit into a token.
 *
 * @example
 * fc.sample(hostileHtmlArb, 1)[0]; // '<noscript><<img src="…" hidden>/noscript>…'
 */
export const hostileHtmlArb: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...TRIGGERS) },
      { weight: 2, arbitrary: fc.constantFrom(...JOINS) },
      { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...CONTEXTS), fc.array(fc.oneof(fc.constantFrom(...TRIGGERS), fc.constantFrom(...JOINS)), { maxLength: 4 })).map(([[open, close], inner]) => `${open}${inner.join('')}${close}`) },
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((pieces) => pieces.join(''));
