/**
 * The sanitiser fails closed: whenever a bound keeps it from examining everything, or an edit or
 * its own check of the output fails, it returns nothing (and a `sanitize-refused` error) rather
 * than a document that may still track. And it reads exactly the parts the scanner reads.
 */
import { describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../src/catalogue/index.js';
import { DEFAULT_LIMITS, type ScanLimits } from '../src/limits.js';
import { sanitizeEml } from '../src/sanitize/eml.js';
import { sanitizeHtml } from '../src/sanitize/html.js';
import { partSettings, sanitizePart } from '../src/sanitize/part.js';
import { rulesFor } from '../src/sanitize/decide.js';
import { markupProblem } from '../src/sanitize/verify.js';
import { messageContext } from '../src/scan/context.js';
import { scanEml } from '../src/scan/eml.js';
import type { Resource } from '../src/html/types.js';

const GA = 'https://www.google-analytics.com/collect?v=1&tid=UA-1-1&cid=42';
const PIXEL = `<img src="${GA}" width="1" height="1">`;

function codes(errors: ReadonlyArray<{ code: string }>): string[] {
  return errors.map((e) => e.code);
}

describe('sanitizeHtml refuses when a limit stops the scan', () => {
  const cases: Array<{ name: string; html: string; limits: ScanLimits }> = [
    { name: 'maxElements', html: `${'<p>x</p>'.repeat(20)}${PIXEL}`, limits: { maxElements: 10 } },
    { name: 'maxHtmlBytes', html: `<p>${'x'.repeat(200)}</p>${PIXEL}`, limits: { maxHtmlBytes: 100 } },
    { name: 'maxCssBytes', html: `<style>p{color:red}${'.a{color:blue}'.repeat(20)}</style><style>@import url(${GA});</style>`, limits: { maxCssBytes: 100 } },
    { name: 'maxUrls', html: `${'<a href="https://shop.example/">x</a>'.repeat(5)}${PIXEL}`, limits: { maxUrls: 3 } },
  ];
  it.each(cases)('$name', ({ html, limits }) => {
    const r = sanitizeHtml(html, { limits });
    expect(codes(r.errors)).toContain('sanitize-refused');
    expect(codes(r.errors)).toContain('limit-exceeded');
    expect(r.html).toBe('');
    expect(r.removed).toEqual([]);
    expect(r.changes).toEqual([]);
    // The same document within its limits is sanitised.
    const ok = sanitizeHtml(html);
    expect(codes(ok.errors)).not.toContain('sanitize-refused');
    expect(ok.removed.length).toBeGreaterThan(0);
  });

  it('a URL longer than maxUrlLength is judged on its prefix and removed whole', () => {
    const r = sanitizeHtml(`<p>a</p><img src="${GA}&pad=${'x'.repeat(200)}" width="1" height="1">`, { limits: { maxUrlLength: 100 } });
    expect(codes(r.errors)).not.toContain('sanitize-refused');
    expect(r.html).toBe(`<p>a</p><img src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7" width="1" height="1">`);
  });
});

describe('sanitizeHtml refuses what it cannot vouch for', () => {
  const settings = (walk: (html: string) => { resources: Resource[]; cssErrors: number; baseHref: null }) => {
    const ctx = { ...messageContext({}, [], {}, DEFAULT_LIMITS, defaultCatalogue), walk };
    return partSettings(ctx, rulesFor({}, null), {});
  };
  const resource = (over: Partial<Resource>): Resource => ({
    url: GA, via: 'element', tag: 'img', attribute: 'src', line: 1, col: 1, startOffset: 0, endOffset: 0,
    width: 1, height: 1, hidden: { reason: 'display-none', ancestor: false }, media: null, selector: null, ...over,
  });

  it('a finding no edit can reach', () => {
    const html = '<p>nothing here</p>';
    const r = sanitizePart(html, 0, settings(() => ({ resources: [resource({ elementStart: 3, startTagEnd: 5, elementEnd: 5 })], cssErrors: 0, baseHref: null })));
    expect(codes(r.errors)).toEqual(['sanitize-refused']);
    expect(r.html).toBe('');
  });

  it('an edit that would make markup', () => {
    // A walker gone wrong: bounds ending inside an attribute value, so the removal would expose it.
    const html = '<p title="<img src=https://evil.example/p.gif>">x</p>';
    const bad = resource({ elementStart: 0, startTagEnd: 10, elementEnd: 10 });
    const r = sanitizePart(html, 0, settings(() => ({ resources: [bad], cssErrors: 0, baseHref: null })));
    expect(codes(r.errors)).toEqual(['sanitize-refused']);
    expect(r.errors[0]?.message).toContain('markup');
    expect(r.html).toBe('');
  });

  it('an edit that leaves the tracker in place', () => {
    // A walker gone wrong: the pixel's bounds are those of the content image before it.
    const html = `<img src="https://cdn.shop.example/a.png">${PIXEL.replace('>', ' style="display:none">')}`;
    const wrong = resource({ elementStart: 0, startTagEnd: 40, elementEnd: 40 });
    const r = sanitizePart(html, 0, settings((h) => ({ resources: h.includes(GA) ? [wrong] : [], cssErrors: 0, baseHref: null })));
    expect(codes(r.errors)).toEqual(['sanitize-refused']);
    expect(r.errors[0]?.message).toContain('rescan');
    expect(r.html).toBe('');
  });

  it.each([
    ['<p title="&lt;img&gt;">', '<p title="<img>">', null],
    ['<p><img src=x></p>', '<p></p>', null],
    ['<img src=x><style>p{}</style>', '<style>p{}</style>', null],
    ['<p><img src=x></p>', '<p><img src=x><img src=y></p>', 'more <live html img>'],
    ['<p><b>x</b></p>', '<p></p>', 'fewer <live html b>'],
    ['<p>x</p>', '<p onload=x>x</p>', 'attribute onload on <live html p>'],
    ['<!--[if mso]><a href="--&gt;"><![endif]-->', '<!--[if mso]><a href="-->"><![endif]-->', 'fewer <outlook html a>'],
    ['<!--[if mso]><img src=x><![endif]-->', '<img src=x>', 'more <live html img>'],
    ['<template><img src=x></template>', '<template></template><img src=x>', 'more <live html img>'],
    ['<noscript><a title="&lt;/noscript&gt;&lt;img&gt;"></noscript>', '<noscript><a title="</noscript><img>"></noscript>', 'scripting on'],
    ['<img src=x>', '<img src=x data-spypixel-src=y>', 'attribute data-spypixel-src'],
  ])('markupProblem(%j, %j)', (before, after, problem) => {
    const found = markupProblem(before, after, 'remove');
    if (problem === null) expect(found).toBeNull();
    else expect(found).toContain(problem);
  });
});

function html(body: string, headers = 'Content-Type: text/html; charset=utf-8'): string {
  return `${headers}\r\n\r\n${body}\r\n`;
}

function multipart(parts: string[], boundary = 'b'): string {
  return `Content-Type: multipart/mixed; boundary="${boundary}"\r\n\r\n${parts.map((p) => `--${boundary}\r\n${p}`).join('')}--${boundary}--\r\n`;
}

function deepMultipart(depth: number): string {
  let s = html(PIXEL);
  for (let i = depth; i > 0; i--) s = multipart([s], `b${i}`);
  return `From: news@shop.example\r\nMIME-Version: 1.0\r\n${s}`;
}

function deepRfc822(depth: number): string {
  let s = `From: news@shop.example\r\n${html(PIXEL)}`;
  for (let i = 0; i < depth; i++) s = `From: news@shop.example\r\nContent-Type: message/rfc822\r\n\r\n${s}`;
  return s;
}

describe('sanitizeEml reads what the scanner reads and refuses past a limit', () => {
  it.each([5, 60, 200])('multiparts nested %i deep: the pixel the scanner finds is removed', async (depth) => {
    const raw = deepMultipart(depth);
    expect((await scanEml(raw)).findings).toHaveLength(1);
    const r = await sanitizeEml(raw);
    expect(codes(r.errors)).not.toContain('sanitize-refused');
    expect(r.removed).toHaveLength(1);
    expect((await scanEml(r.eml)).findings).toEqual([]);
  });

  const refusals: Array<{ name: string; raw: string; limits?: ScanLimits }> = [
    { name: 'attached messages nested deeper than maxMimeDepth', raw: deepRfc822(12) },
    { name: 'more parts than maxParts', raw: `From: a@shop.example\r\n${multipart([html('<p>1</p>'), html('<p>2</p>'), html('<p>3</p>'), html(PIXEL)])}`, limits: { maxParts: 3 } },
    { name: 'more than 50 HTML parts', raw: `From: a@shop.example\r\n${multipart([...Array.from({ length: 50 }, (_, i) => html(`<p>${i}</p>`)), html(PIXEL)])}` },
    { name: 'larger than maxMessageBytes', raw: `From: a@shop.example\r\n${html(`<p>${'x'.repeat(300)}</p>${PIXEL}`)}`, limits: { maxMessageBytes: 200 } },
    { name: 'a part past maxElements', raw: `From: a@shop.example\r\n${html(`${'<p>x</p>'.repeat(20)}${PIXEL}`)}`, limits: { maxElements: 10 } },
  ];
  it.each(refusals)('$name', async ({ raw, limits }) => {
    const r = await sanitizeEml(raw, limits === undefined ? {} : { limits });
    expect(codes(r.errors)).toContain('sanitize-refused');
    expect(r.eml).toHaveLength(0);
    expect(r.removed).toEqual([]);
  });

  it('attached messages within maxMimeDepth are sanitised', async () => {
    const r = await sanitizeEml(deepRfc822(3));
    expect(codes(r.errors)).not.toContain('sanitize-refused');
    expect(r.removed).toHaveLength(1);
    expect((await scanEml(r.eml)).findings).toEqual([]);
  });

  it('a base64 part with stray characters is rewritten from what was read', async () => {
    const b64 = Buffer.from(`<p>hi</p>${PIXEL}`).toString('base64');
    const raw = `From: a@shop.example\r\n${html(`${b64.slice(0, 8)}!!${b64.slice(8)}`, 'Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64')}`;
    const r = await sanitizeEml(raw);
    expect(codes(r.errors)).toEqual(['mime-decode-failed']);
    expect(r.removed).toHaveLength(1);
    const after = await scanEml(r.eml);
    expect(after.findings).toEqual([]);
    expect(codes(after.errors)).toEqual([]);
  });

  it('a UTF-7 part, which the scanner does not decode, is rewritten as the text it read', async () => {
    // A client decoding UTF-7 would render this pixel; the scanner reads it as text.
    const raw = `From: a@shop.example\r\n${html(`<p>x</p>+ADw-img src+AD0AIg-${GA}+ACI- width+AD0-1 height+AD0-1+AD4-`, 'Content-Type: text/html; charset=utf-7')}`;
    const r = await sanitizeEml(raw);
    expect(codes(r.errors)).toEqual(['unknown-charset']);
    const out = Buffer.from(r.eml).toString('latin1');
    expect(out).toContain('charset=utf-8');
    expect(out).not.toContain('charset=utf-7');
  });
});
