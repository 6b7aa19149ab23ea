/**
 * Bare `.html` files are decoded as a browser would (the HTML standard's encoding sniffing): a
 * byte order mark first, then a `<meta>` charset in the first 1024 bytes, where UTF-16 means
 * UTF-8 (issue 12, item 11) and x-user-defined means windows-1252; labels outside `<meta>` (in
 * text, comments or other tags) mean nothing.
 */
import { describe, expect, it } from 'vitest';
import { scanJob } from '../src/batch/scan-job.js';
import { decodeHtmlBytes, sniffHtmlCharset } from '../src/cli/decode.js';

const PIXEL = '<img src="https://t.example/o.gif?u=3f2b8c1e9d4a4b7e" width=1 height=1>';
const enc = (s: string): Buffer => Buffer.from(s, 'utf8');

describe('decodeHtmlBytes', () => {
  it.each([
    ['<meta charset=utf-16le>', '<meta charset=utf-16le>'],
    ['<meta charset="UTF-16">', '<meta charset="UTF-16">'],
    ['<meta http-equiv="Content-Type" content="text/html; charset=utf-16be">', '<meta http-equiv="Content-Type" content="text/html; charset=utf-16be">'],
  ])('%s in an ASCII file is read as UTF-8, so the markup stays markup', (meta) => {
    const html = `<!doctype html><html><head>${meta}</head><body>é ${PIXEL}</body></html>`;
    expect(decodeHtmlBytes(enc(html))).toBe(html);
  });

  it.each<[string, string, string]>([
    ['a meta charset', '<meta charset="iso-8859-15">', 'iso-8859-15'],
    ['a content type pragma', '<meta http-equiv=content-type content="text/html;charset=windows-1251">', 'windows-1251'],
    ['x-user-defined', '<meta charset="x-user-defined">', 'windows-1252'],
    ['the first of two metas', '<meta charset=koi8-r><meta charset=utf-8>', 'koi8-r'],
    ['an unknown label, skipped for the next', '<meta charset=bogus><meta charset=iso-8859-2>', 'iso-8859-2'],
    ['a label in text only', '<p>use charset=iso-8859-7 here</p>', 'utf-8'],
    ['a label in a comment only', '<!-- <meta charset=iso-8859-7> -->', 'utf-8'],
    ['content without http-equiv', '<meta content="text/html; charset=iso-8859-7">', 'utf-8'],
    ['a label in another tag', '<div data-x="charset=iso-8859-7"></div>', 'utf-8'],
  ])('%s', (_name, head, expected) => {
    expect(sniffHtmlCharset(enc(`<html><head>${head}</head><body>x</body></html>`))).toBe(expected);
  });

  it('a meta after the first 1024 bytes is not looked at', () => {
    expect(sniffHtmlCharset(enc(`<!-- ${'x'.repeat(1100)} --><meta charset=iso-8859-7>`))).toBe('utf-8');
  });

  it('a byte order mark wins over any meta', () => {
    const html = `<meta charset=iso-8859-1><p>é ${PIXEL}`;
    expect(decodeHtmlBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(html, 'utf16le')]))).toBe(html);
    expect(decodeHtmlBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), enc(html)]))).toBe(html);
  });

  it('decodes a declared single-byte charset as browsers do (windows-1252 for latin1)', () => {
    const bytes = Buffer.concat([enc('<meta charset="iso-8859-1"><p>'), Buffer.from([0x93, 0xe9, 0x94])]);
    expect(decodeHtmlBytes(bytes)).toBe('<meta charset="iso-8859-1"><p>“é”');
  });

  it('the batch scan of such a file finds its pixel', async () => {
    const bytes = enc(`<html><head><meta charset="utf-16le"></head><body>${PIXEL}</body></html>`);
    const r = await scanJob({ source: 'a.html', format: 'html', bytes, location: null }, { lang: 'en', includeLinks: true, format: 'ndjson' });
    expect(r.findings.map((f) => f.url)).toEqual(['https://t.example/o.gif?u=3f2b8c1e9d4a4b7e']);
  });
});
