/**
 * The splitter's own bounds (256 KiB of header per MIME node, the node count) are limits like the
 * others (SECURITY.md): reaching one gives `limit-exceeded`, never `mime-parse-failed`, and an
 * oversized top-level header no longer hides the body. The header cap and the node budget live in
 * the backend-independent walk, so they are checked with both MIME backends.
 */
import { describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../src/catalogue/index.js';
import type { MimeBackend } from '../src/mime/backend.js';
import { capHeaderBlock, MAX_HEAD_SIZE } from '../src/mime/head-cap.js';
import { NODE_BACKEND, parseMailLayout } from '../src/mime/node.js';
import { parseMailWith } from '../src/mime/parse.js';
import { POSTAL_BACKEND } from '../src/mime/postal.js';
import { sanitizeEml } from '../src/sanitize/eml.js';
import { scanEml } from '../src/scan/eml.js';
import { scanEmlWith } from '../src/scan/eml-core.js';
import type { Report, ScanOptions } from '../src/types.js';

const BACKENDS = [
  ['mailsplit (Node)', NODE_BACKEND],
  ['postal-mime (browser)', POSTAL_BACKEND],
] as const;

const scanWith = (backend: MimeBackend, raw: string, options: ScanOptions = {}): Promise<Report> =>
  scanEmlWith({ parseMail: (r, o) => parseMailWith(backend, r, o), defaultCatalogue }, raw, options);
const text = (bytes: Uint8Array | undefined): string | undefined => (bytes === undefined ? undefined : new TextDecoder().decode(bytes));

const PIXEL = 'https://t.example/o.gif?u=3f2b8c1e9d4a4b7e';
const TAG = `<img src="${PIXEL}" width="1" height="1">`;
const codes = (r: Report): string[] => r.errors.map((e) => e.code);
const urls = (r: Report): string[] => r.findings.map((f) => f.url);

describe.each(BACKENDS)('an oversized top-level header block, %s', (_backend, backend) => {
  const scanEml = (raw: string): Promise<Report> => scanWith(backend, raw);
  it.each([
    ['one 300 KB field', `X-Junk: ${'a'.repeat(300_000)}\r\n`],
    ['one 300 KB folded field', `X-Junk: ${'a'.repeat(70)}${'\r\n a'.repeat(5_000)}\r\n`],
    ['5,000 short fields (each counts at least 64 bytes)', 'X-A: 1\r\n'.repeat(5_000)],
    ['a 300 KB Received chain', `Received: from relay.example by mx.example;\r\n\t${'x'.repeat(1_000)}\r\n`.repeat(300)],
  ])('%s: the body is scanned and the report says the header was cut', async (_name, junk) => {
    const raw = `From: News <news@shop.example>\r\n${junk}Subject: Sale\r\nTo: me@mail.example\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>hi</p>${TAG}`;
    const r = await scanEml(raw);
    expect(urls(r)).toEqual([PIXEL]);
    expect(codes(r)).toEqual(['limit-exceeded']);
    expect(r.errors[0]?.message).toMatch(/^The header block is \d+ bytes, more than the 262144 a MIME header may take; \d+ header field\(s\)/);
    expect(r.message).toMatchObject({ from: 'news@shop.example', subject: 'Sale', to: ['me@mail.example'] });
  });

  it('a multipart message keeps its structure (Content-Type is kept first)', async () => {
    const raw = `X-Junk: ${'a'.repeat(300_000)}\r\nFrom: news@shop.example\r\nContent-Type: multipart/alternative; boundary="B"\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nhi\r\n--B\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(TAG).toString('base64')}\r\n--B--\r\n`;
    const r = await scanEml(raw);
    expect(urls(r)).toEqual([PIXEL]);
    expect(codes(r)).toEqual(['limit-exceeded']);
  });

  it('a 300 KB field the scanner reads (To) is left out too, and the rest kept', async () => {
    const to = Array.from({ length: 12_000 }, (_, i) => `member${i}@list.example`).join(', ');
    const r = await scanEml(`From: news@shop.example\r\nTo: ${to}\r\nSubject: Sale\r\nContent-Type: text/html\r\n\r\n${TAG}`);
    expect(urls(r)).toEqual([PIXEL]);
    expect(r.message).toMatchObject({ from: 'news@shop.example', subject: 'Sale', to: [] });
    expect(codes(r)).toEqual(['limit-exceeded']);
  });

  it('a header-only message of 300 KB gives an empty body, not an exception', async () => {
    const r = await scanEml(`From: news@shop.example\r\nX-Junk: ${'a'.repeat(300_000)}`);
    expect(codes(r)).toEqual(['limit-exceeded', 'no-html-body']);
    expect(r.message.from).toBe('news@shop.example');
  });
});

describe('capHeaderBlock', () => {
  it('the headers that name the sending platform are kept after the ones read for the report', () => {
    const raw = new TextEncoder().encode(`X-Junk: ${'a'.repeat(300_000)}\r\nX-Mailer: Acme Mailer 2\r\nReceived: from x\r\nFrom: a@shop.example\r\nContent-Type: text/html\r\n\r\n<p>`);
    expect(text(capHeaderBlock(raw, MAX_HEAD_SIZE)?.input)).toBe('Content-Type: text/html\r\nFrom: a@shop.example\r\nX-Mailer: Acme Mailer 2\r\n\r\n<p>');
  });

  it('a header block within the bound is left exactly as it is', () => {
    const raw = new TextEncoder().encode(`X-Fits: ${'a'.repeat(200_000)}\r\nContent-Type: text/html\r\n\r\n<p>`);
    expect(capHeaderBlock(raw, MAX_HEAD_SIZE)).toBeNull();
  });

  it('a field name longer than any header read is dropped, not decoded', () => {
    const raw = new TextEncoder().encode(`${'X'.repeat(300_000)}: 1\r\nContent-Type: text/html\r\n\r\n<p>`);
    expect(capHeaderBlock(raw, MAX_HEAD_SIZE)).toMatchObject({ dropped: 1 });
  });
});

describe('a rebuilt header block and the sanitiser', () => {
  const raw = `X-Junk: ${'a'.repeat(300_000)}\r\nFrom: news@shop.example\r\nContent-Type: text/html\r\n\r\n<p>hi</p>${TAG}`;

  it('the layout of a rebuilt header block is never trusted for editing (its offsets are not the message\'s)', async () => {
    const { layout } = await parseMailLayout(raw);
    expect(layout?.exact).toBe(false);
  });

  it('sanitizeEml refuses it rather than return a message with header fields missing', async () => {
    const r = await sanitizeEml(raw);
    expect(r.eml).toHaveLength(0);
    expect(r.errors.map((e) => e.code)).toEqual(['limit-exceeded', 'sanitize-refused']);
  });
});

describe('the Node splitter\'s part-header bound', () => {
  it('a part header block over 256 KiB is limit-exceeded; the parts before it are scanned', async () => {
    const raw = `From: news@shop.example\r\nContent-Type: multipart/mixed; boundary="B"\r\n\r\n--B\r\nContent-Type: text/html\r\n\r\n${TAG}\r\n--B\r\nContent-Type: text/plain\r\nX-Junk: ${'a'.repeat(300_000)}\r\n\r\nhi\r\n--B--\r\n`;
    const r = await scanEml(raw);
    expect(urls(r)).toEqual([PIXEL]);
    expect(codes(r)).toEqual(['limit-exceeded']);
    expect(r.errors[0]?.message).toMatch(/header block is larger than 262144 bytes/);
  });

});

describe.each(BACKENDS)('the node budget, %s', (_backend, backend) => {
  const scanEml = (raw: string, options: ScanOptions = {}): Promise<Report> => scanWith(backend, raw, options);
  const manyParts = (n: number): string =>
    `From: news@shop.example\r\nContent-Type: multipart/mixed; boundary="B"\r\n\r\n${'--B\r\nContent-Type: text/plain\r\n\r\nx\r\n'.repeat(n)}--B\r\nContent-Type: text/html\r\n\r\n${TAG}\r\n--B--\r\n`;

  it('1,100 parts: maxParts is what is reported, never mime-parse-failed', async () => {
    const r = await scanEml(manyParts(1_100));
    expect(codes(r)).toEqual(['limit-exceeded', 'no-html-body']);
    expect(r.errors[0]?.message).toMatch(/more than maxParts \(1000\)/);
  });

  it('with maxParts raised, the splitter reads past 1,000 nodes too', async () => {
    const r = await scanEml(manyParts(1_100), { limits: { maxParts: 2_000 } });
    expect(urls(r)).toEqual([PIXEL]);
    expect(r.errors).toEqual([]);
  });
});
