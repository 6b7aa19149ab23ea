/**
 * Resource limits: validation (invalid values are programmer errors: scanHtml throws, scanEml
 * rejects), and each limit, when reached, gives a `limit-exceeded` error and a partial report.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, LIMIT_RANGES, validateLimits, type ScanLimits } from '../src/index.js';
import { cutHtml, utf8Cut, utf8Length } from '../src/limits.js';
import { scanEml } from '../src/scan/eml.js';
import { scanHtml } from '../src/scan/html.js';
import type { Report } from '../src/types.js';
import { nestedLoop } from './fuzz/arbitraries.js';
import { reportShapeProblems } from './helpers/report-shape.js';

const T = 'https://t.example';
const pixel = (id: string): string => `<img src="${T}/o.gif?u=${id}3f2b8c1e9d4a4b7e" width="1" height="1">`;
const eml = (html: string): string => `From: news@shop.example\r\nTo: me@mail.example\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}`;
const codes = (r: Report): string[] => r.errors.map((e) => e.code);
const urls = (r: Report): string[] => r.findings.map((f) => f.url);

describe('validateLimits', () => {
  it('fills in the defaults, which are frozen and within range', () => {
    expect(validateLimits()).toBe(DEFAULT_LIMITS);
    expect(validateLimits({ maxUrls: 5 })).toEqual({ ...DEFAULT_LIMITS, maxUrls: 5 });
    expect(Object.isFrozen(DEFAULT_LIMITS)).toBe(true);
    for (const [name, [min, max]] of Object.entries(LIMIT_RANGES)) {
      const v = DEFAULT_LIMITS[name as keyof ScanLimits];
      expect(v >= min && v <= max, name).toBe(true);
    }
  });

  const invalid: unknown[] = [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 1.5, '10', null, true, 2 ** 53];
  const cases = Object.keys(DEFAULT_LIMITS).flatMap((name) => invalid.map((value) => [name, value] as const));
  it.each(cases)('rejects %s = %o with a TypeError naming the option and its range', (name, value) => {
    const [min, max] = LIMIT_RANGES[name as keyof ScanLimits];
    const call = (): unknown => validateLimits({ [name]: value } as ScanLimits);
    expect(call).toThrow(TypeError);
    expect(call).toThrow(`limits.${name} must be an integer from ${min} to ${max}`);
  });

  it.each([['a string', 'big'], ['an array', [1]], ['a number', 5]])('rejects limits that are %s', (_what, value) => {
    expect(() => validateLimits(value as ScanLimits)).toThrow(TypeError);
  });

  it('rejects an unknown limit name, listing the known ones', () => {
    expect(() => validateLimits({ maxUrl: 5 } as ScanLimits)).toThrow(/limits\.maxUrl is not a known limit.*maxUrls/);
  });

  it('accepts the ends of every range', () => {
    for (const [name, [min, max]] of Object.entries(LIMIT_RANGES)) {
      expect(validateLimits({ [name]: min }), name).toMatchObject({ [name]: min });
      expect(validateLimits({ [name]: max }), name).toMatchObject({ [name]: max });
    }
  });
});

describe('invalid limits in the scan functions', () => {
  it('scanHtml throws a TypeError', () => {
    expect(() => scanHtml('<p>hi</p>', { limits: { maxElements: 0 } })).toThrow(TypeError);
    expect(() => scanHtml('<p>hi</p>', { limits: { maxElements: Number.NaN } })).toThrow(/maxElements/);
  });

  it('scanEml never throws synchronously: it rejects with a TypeError', async () => {
    let pending: Promise<Report> | null = null;
    expect(() => {
      pending = scanEml(eml('<p>hi</p>'), { limits: { maxMessageBytes: -1 } });
    }).not.toThrow();
    await expect(pending).rejects.toThrow(TypeError);
    await expect(scanEml(eml('<p>hi</p>'), { limits: { maxParts: '5' as unknown as number } })).rejects.toThrow(/limits\.maxParts must be an integer from 1 to 100000/);
  });
});

describe('each limit, when reached, gives limit-exceeded and a partial report', () => {
  const check = (r: Report): Report => {
    expect(reportShapeProblems(r)).toEqual([]);
    return r;
  };

  it('maxMessageBytes: only the first bytes are scanned', async () => {
    const raw = eml(`${pixel('a')}${'<p>filler</p>'.repeat(200)}${pixel('b')}`);
    const whole = check(await scanEml(raw));
    expect(whole.findings).toHaveLength(2);
    const cut = check(await scanEml(Buffer.from(raw), { limits: { maxMessageBytes: 1500 } }));
    expect(urls(cut)).toEqual([`${T}/o.gif?u=a3f2b8c1e9d4a4b7e`]);
    expect(codes(cut)).toContain('limit-exceeded');
    expect(cut.errors[0]?.message).toMatch(/maxMessageBytes \(1500 bytes\)/);
  });

  it('maxHtmlBytes: the document is cut at a tag start, the rest is not scanned', () => {
    const html = `${pixel('a')}<p>${'é'.repeat(100)}</p>${pixel('b')}`;
    const limit = utf8Length(html) - 10;
    const r = check(scanHtml(html, { limits: { maxHtmlBytes: limit } }));
    expect(urls(r)).toEqual([`${T}/o.gif?u=a3f2b8c1e9d4a4b7e`]);
    expect(r.errors).toEqual([expect.objectContaining({ code: 'limit-exceeded', message: expect.stringMatching(/maxHtmlBytes/) })]);
    expect(cutHtml(html, limit)).toBe(`${pixel('a')}<p>${'é'.repeat(100)}</p>`);
  });

  it('maxMimeDepth: deeper attached messages are not opened', async () => {
    const raw = nestedLoop(3, pixel('a'));
    expect(check(await scanEml(raw)).findings).toHaveLength(1);
    const r = check(await scanEml(raw, { limits: { maxMimeDepth: 2 } }));
    expect(r.findings).toEqual([]);
    expect(codes(r)).toContain('limit-exceeded');
  });

  it('maxParts: parts beyond the budget are skipped, over attached messages too', async () => {
    const part = (id: string): string => `--b\r\nContent-Type: text/html\r\n\r\n${pixel(id)}\r\n`;
    const raw = `From: a@shop.example\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n${['a', 'b', 'c', 'd', 'e'].map(part).join('')}--b--\r\n`;
    expect(check(await scanEml(raw)).findings).toHaveLength(5);
    const r = check(await scanEml(raw, { limits: { maxParts: 3 } }));
    expect(r.findings).toHaveLength(2);
    expect(r.errors.filter((e) => e.code === 'limit-exceeded').map((e) => e.message)).toEqual([expect.stringMatching(/maxParts \(3\)/)]);
  });

  it('maxElements: the walk stops and says so', () => {
    const html = `${pixel('a')}${'<div></div>'.repeat(100)}${pixel('b')}`;
    const r = check(scanHtml(html, { limits: { maxElements: 50 } }));
    expect(urls(r)).toEqual([`${T}/o.gif?u=a3f2b8c1e9d4a4b7e`]);
    expect(r.errors.map((e) => e.message)).toEqual([expect.stringMatching(/more than maxElements \(50\)/)]);
  });

  it('maxUrls: the budget is per message, shared by its parts', async () => {
    const html = ['a', 'b', 'c', 'd', 'e'].map(pixel).join('');
    const r = check(scanHtml(html, { limits: { maxUrls: 3 } }));
    expect(r.findings).toHaveLength(3);
    expect(r.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^2 URL\(s\) .*maxUrls \(3 per message\)/)]);
    const two = `From: a@shop.example\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/html\r\n\r\n${html}\r\n--b\r\nContent-Type: text/html\r\n\r\n${html}\r\n--b--\r\n`;
    const m = check(await scanEml(two, { limits: { maxUrls: 7 } }));
    expect(m.findings.map((f) => f.element.part)).toEqual([0, 0, 0, 0, 0, 1, 1]);
  });

  it('maxUrlLength: a longer URL is judged and reported on its prefix, with a url-truncated flag', () => {
    const long = `${T}/o.gif?u=3f2b8c1e9d4a4b7e&pad=${'x'.repeat(200)}`;
    const r = check(scanHtml(`<img src="${long}" width=1 height=1>`, { limits: { maxUrlLength: 60 } }));
    expect(r.findings).toHaveLength(1);
    expect(long.startsWith(r.findings[0]?.url ?? '-')).toBe(true);
    expect(r.findings[0]?.flags.map((f) => f.code)).toContain('url-truncated');
    expect(r.errors.map((e) => e.message)).toEqual([expect.stringMatching(/longer than maxUrlLength \(60\)/)]);
    expect(scanHtml(`<img src="${long}" width=1 height=1>`).findings[0]?.url).toBe(long);
  });

  it('maxCssBytes: style text beyond the budget is not parsed', () => {
    const first = `.a{background:url(${T}/one.gif)}`;
    const html = `<style>${first}</style><style>@media print{.b{background:url(${T}/open.gif?u=3f2b8c1e9d4a4b7e)}}</style><div class="a b"></div>`;
    expect(check(scanHtml(html)).findings).toHaveLength(1);
    const r = check(scanHtml(html, { limits: { maxCssBytes: first.length } }));
    expect(r.findings).toEqual([]);
    expect(r.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^1 style block\(s\) .*maxCssBytes/)]);
  });

  it('defaults leave ordinary mail alone', async () => {
    const r = check(await scanEml(eml(`${pixel('a')}<style>.x{color:red}</style>`)));
    expect(codes(r)).not.toContain('limit-exceeded');
  });
});

describe('UTF-8 measuring helpers', () => {
  it.each([
    ['ascii', 'abcdef', 4, 4],
    ['two-byte', 'ééé', 3, 1],
    ['surrogate pair is never split', 'a😀b', 3, 1],
    ['fits', 'a😀b', 6, 4],
  ])('%s', (_name, text, max, index) => {
    expect(utf8Cut(text, max)).toBe(index);
    expect(utf8Length(text.slice(0, index))).toBeLessThanOrEqual(max);
  });

  it('cutHtml returns null when the document fits', () => {
    expect(cutHtml('<p>hi</p>', 100)).toBeNull();
    expect(cutHtml('no tags at all', 5)).toBe('no ta');
  });
});
