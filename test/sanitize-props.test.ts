/**
 * Seeded properties of sanitizeHtml on generated hostile markup: never throws, idempotent, and no
 * loading tracker of confidence `likely` or `certain` survives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from '../src/sanitize/html.js';
import type { SanitizeMode } from '../src/sanitize/types.js';
import { scanHtml } from '../src/scan/html.js';

const GA = 'https://www.google-analytics.com/collect?v=1&amp;tid=UA-1-1&amp;cid=42';
const MJ = `https://abcde.mjt.lu/lnk/AbCdEf/1/AbCd/${Buffer.from('https://shop.example/sale?utm_source=n&id=7').toString('base64url')}`;

/** Pieces that exercise every edit path, plus noise that breaks markup in odd places. */
const piece = fc.constantFrom(
  `<img src="${GA}" width="1" height="1">`,
  '<img src="https://t.example/open/3f2b8c1e9d4a4b7e.gif" width=1 height=1>',
  '<img src="https://t.example/o.gif?u=3f2b8c1e9d4a4b7e">',
  `<img src="${GA}" width="300" height="80">`,
  '<img src="https://cdn.shop.example/hero.jpg" width="300" height="200">',
  `<td background="${GA}">`,
  `<style>@import url("${GA}");@media print{.p{background:#fff url(${GA}) no-repeat}}</style>`,
  `<style>.d{background-image:url(${GA})}`,
  `<p style="color:red;background:url('${GA}')">`,
  `<p style='background:url(${GA})'>`,
  `<a href="${MJ}">`,
  '<a href="https://shop.example/?utm_source=x&amp;mc_eid=abc123&amp;id=1">',
  `<!--[if mso]><img src="${GA}" width="1" height="1"><![endif]-->`,
  `<link rel=stylesheet href="${GA}">`,
  '</a>', '</p>', '<table><tr>', '</td></tr></table>', '<div style="display:none">', '</div>',
  '<', '>', '"', "'", '&amp;', '<!--', '-->', '<style>', '</style>', 'text ',
);
const doc = fc.array(fc.oneof({ weight: 4, arbitrary: piece }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }), { maxLength: 25 }).map((a) => a.join(''));
const mode = fc.constantFrom<SanitizeMode>('remove', 'annotate', 'placeholder');

describe('sanitizeHtml properties', () => {
  it('never throws and is idempotent in every mode', () => {
    fc.assert(
      fc.property(doc, mode, (html, m) => {
        const once = sanitizeHtml(html, { mode: m });
        expect(once.errors.filter((e) => e.code === 'internal-error')).toEqual([]);
        const twice = sanitizeHtml(once.html, { mode: m });
        expect(twice.html).toBe(once.html);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('leaves no loading tracker of confidence likely or certain', () => {
    fc.assert(
      fc.property(doc, (html) => {
        const out = sanitizeHtml(html).html;
        const left = scanHtml(out).findings.filter((f) => f.confidence !== 'possible' && f.kind !== 'click-redirect');
        expect(left).toEqual([]);
        // Redirects with a recoverable destination are gone too.
        expect(scanHtml(out).findings.filter((f) => f.kind === 'click-redirect' && f.destination !== undefined && f.confidence !== 'possible')).toEqual([]);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (html) => {
        expect(typeof sanitizeHtml(html).html).toBe('string');
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
