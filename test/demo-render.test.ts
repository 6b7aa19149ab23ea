/**
 * The demo page's preview document: the CSP `<meta>` comes first, after a doctype when there is
 * one (so the message keeps its rendering mode), and the doctype pattern stays linear on input
 * built to make it backtrack.
 */
import { describe, expect, it } from 'vitest';
import { previewDocument } from '../demo/render.js';

const META = /^<meta http-equiv="Content-Security-Policy" content="default-src 'none'; [^"]*">/;

describe('previewDocument', () => {
  it.each<[string, string, string]>([
    ['no doctype', '<p>hi</p>', '<p>hi</p>'],
    ['doctype kept first', '<!DOCTYPE html><html><body>x</body></html>', '<html><body>x</body></html>'],
    ['doctype after blanks', '\n  <!doctype html PUBLIC "-//W3C//DTD XHTML 1.0//EN">\n<p>x</p>', '\n<p>x</p>'],
    ['empty', '', ''],
  ])('%s', (_name, html, rest) => {
    const out = previewDocument(html);
    const doctype = /^\s*<!doctype[^>]*>/i.exec(html)?.[0] ?? '';
    expect(out.startsWith(doctype)).toBe(true);
    expect(out.slice(doctype.length)).toMatch(META);
    expect(out.endsWith(rest)).toBe(true);
  });

  it('handles a doctype that never closes, and long blank runs, in one pass', () => {
    const hostile = `${' '.repeat(200_000)}<!doctype${'a'.repeat(500_000)}`;
    const out = previewDocument(hostile);
    expect(out).toMatch(META);
    expect(out.endsWith(hostile)).toBe(true);
  });
});
