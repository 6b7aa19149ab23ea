/**
 * sanitizeEml: round trips through the MIME parser; only HTML bodies change; charset and
 * transfer encoding stay valid.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LeafLayout } from '../src/mime/layout.js';
import { parseMail, parseMailLayout } from '../src/mime/node.js';
import { sanitizeEml } from '../src/sanitize/eml.js';
import { encodeBody, encodeQuotedPrintable, updateHeaders } from '../src/sanitize/mime-encode.js';
import { scanEml } from '../src/scan/eml.js';

const GA = 'https://www.google-analytics.com/collect?v=1&tid=UA-1-1&cid=42';
const BLANK = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
const qp = (s: string): string => encodeQuotedPrintable(Buffer.from(s, 'utf8'), '\r\n');
const html = `<html><body><p>Caf\u00e9 cr\u00e8me \u2014 offre</p><img src="${GA}" width="1" height="1"><p>${'long line '.repeat(20)}</p></body></html>`;
const b64 = (s: string): string => (Buffer.from(s, 'utf8').toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');

function message(htmlHeaders: string, body: string): string {
  return [
    'From: news@shop.example', 'To: me@mail.example', 'Subject: test', 'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="outer"', '', '--outer',
    'Content-Type: multipart/alternative; boundary=inner', '', '--inner',
    'Content-Type: text/plain; charset=utf-8', '', `plain text ${GA}`, '--inner',
    htmlHeaders, '', body, '--inner--', '--outer',
    'Content-Type: image/png', 'Content-Transfer-Encoding: base64', 'Content-Disposition: attachment; filename=a.png', '',
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', '--outer--', '',
  ].join('\r\n');
}

const latin1Html = html.replace(' \u2014', '');
const cases: Array<{ name: string; raw: Buffer; charset: string; encoding: string }> = [
  { name: 'quoted-printable utf-8', raw: Buffer.from(message('Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable', qp(html))), charset: 'utf-8', encoding: 'quoted-printable' },
  { name: 'base64 utf-8', raw: Buffer.from(message('Content-Type: text/html; charset="UTF-8"\r\nContent-Transfer-Encoding: base64', b64(html))), charset: 'utf-8', encoding: 'base64' },
  {
    name: '8bit iso-8859-1 stays in its charset',
    raw: Buffer.concat([Buffer.from(message('Content-Type: text/html; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit', '\u0000').split('\u0000')[0] ?? '', 'latin1'), Buffer.from(latin1Html, 'latin1'), Buffer.from(message('', '\u0000').split('\u0000')[1] ?? '', 'latin1')]),
    charset: 'iso-8859-1', encoding: '8bit',
  },
  { name: '7bit with 8-bit bytes becomes quoted-printable', raw: Buffer.from(message('Content-Type: text/html; charset=utf-8', html)), charset: 'utf-8', encoding: 'quoted-printable' },
];

/** The leaves the scanner reads (attached messages' ones included) with their header blocks. */
async function leaves(raw: Uint8Array): Promise<Array<LeafLayout & { header: string }>> {
  const out: Array<LeafLayout & { header: string }> = [];
  const stack = [(await parseMailLayout(raw)).layout];
  for (let m = stack.pop(); m !== undefined; m = stack.pop()) {
    if (m === null) continue;
    for (const l of m.leaves) {
      out.push({ ...l, header: Buffer.from(m.bytes).toString('latin1', l.headerStart, l.headerEnd) });
      stack.push(l.message);
    }
  }
  return out;
}

describe('sanitizeEml round trip', () => {
  it.each(cases)('$name', async ({ raw, charset, encoding }) => {
    const r = await sanitizeEml(raw);
    expect(r.errors).toEqual([]);
    expect(r.removed.map((f) => f.kind)).toEqual(['beacon']);
    const out = Buffer.from(r.eml);
    const before = await parseMail(raw);
    const after = await parseMail(out);
    expect(after.headers).toEqual(before.headers);
    expect(after.errors).toEqual(before.errors);
    expect(after.htmlParts).toHaveLength(1);
    expect(after.htmlParts[0]?.html).toBe((before.htmlParts[0]?.html ?? '').replace(`<img src="${GA}" width="1" height="1">`, `<img src="${BLANK}" width="1" height="1">`));
    // Everything before the HTML body and the parts after it are the input's bytes.
    const inLeaves = await leaves(raw);
    const outLeaves = await leaves(out);
    expect(outLeaves.map((l) => `${l.kind} ${l.path}`)).toEqual(inLeaves.map((l) => `${l.kind} ${l.path}`));
    const htmlIn = inLeaves.find((l) => l.kind === 'html');
    const htmlOut = outLeaves.find((l) => l.kind === 'html');
    expect(out.subarray(0, htmlOut?.headerStart)).toEqual(raw.subarray(0, htmlIn?.headerStart));
    expect(out.subarray(htmlOut?.bodyEnd)).toEqual(raw.subarray(htmlIn?.bodyEnd));
    expect(htmlOut?.charset).toBe(charset);
    expect(htmlOut?.encoding).toBe(encoding);
    // Valid transfer encoding: QP lines at most 76 characters, 7bit/8bit lines within 998 bytes.
    const body = out.subarray(htmlOut?.bodyStart, htmlOut?.bodyEnd).toString('latin1');
    for (const line of body.split('\r\n')) expect(line.length).toBeLessThanOrEqual(encoding === 'quoted-printable' || encoding === 'base64' ? 76 : 998);
    expect((await sanitizeEml(out)).changes).toEqual([]);
  });

  it('leaves a message without trackers byte-identical', async () => {
    const raw = Buffer.from(message('Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable', qp('<p>hello</p>')));
    expect(Buffer.from((await sanitizeEml(raw)).eml).equals(raw)).toBe(true);
  });

  it('sanitises the HTML of an attached message', async () => {
    const raw = readFileSync(join('samples', '12-two-html-parts-forwarded-rfc822.eml'));
    const r = await sanitizeEml(raw);
    const after = await scanEml(r.eml);
    expect(after.findings.filter((f) => f.kind !== 'click-redirect' && f.confidence !== 'possible')).toEqual([]);
    expect((await leaves(r.eml)).map((l) => l.header)).toEqual((await leaves(raw)).map((l) => l.header));
  });

  it.each(readdirSync('samples').filter((f) => f.endsWith('.eml')))('sample %s: headers kept, trackers gone', async (name) => {
    const raw = readFileSync(join('samples', name));
    const r = await sanitizeEml(raw);
    const before = await parseMail(raw);
    const after = await parseMail(r.eml);
    expect(after.headers).toEqual(before.headers);
    expect(after.htmlParts.length).toBe(before.htmlParts.length);
    const left = (await scanEml(r.eml)).findings;
    // Redirects whose destination cannot be recovered stay (the link must keep working).
    expect(left.filter((f) => f.confidence !== 'possible' && (f.kind !== 'click-redirect' || f.destination !== undefined))).toEqual([]);
  });

  it.each([null, 42, {}])('never rejects on %s', async (input) => {
    expect((await sanitizeEml(input as unknown as string)).errors[0]?.code).toBe('invalid-input');
  });
});

describe('re-encoding', () => {
  it.each([
    { text: 'caf\u00e9', charset: 'iso-8859-1', enc: '8bit', newCharset: null, newEnc: null },
    { text: 'caf\u00e9 \u0151', charset: 'iso-8859-1', enc: '8bit', newCharset: 'utf-8', newEnc: null },
    { text: 'caf\u00e9', charset: null, enc: '7bit', newCharset: 'utf-8', newEnc: 'quoted-printable' },
    { text: 'x'.repeat(1200), charset: 'us-ascii', enc: '7bit', newCharset: null, newEnc: 'quoted-printable' },
    { text: 'caf\u00e9', charset: 'windows-1252', enc: 'base64', newCharset: null, newEnc: null },
  ])('$text.length chars in $charset/$enc', ({ text, charset, enc, newCharset, newEnc }) => {
    const b = encodeBody(text, charset, enc, '\r\n');
    expect(b.charset).toBe(newCharset);
    expect(b.encoding).toBe(newEnc);
  });

  it('quoted-printable encodes trailing spaces, = and soft-wraps at 76', () => {
    const out = encodeQuotedPrintable(Buffer.from(`a=b \n${'y'.repeat(100)}`), '\r\n');
    expect(out.split('\r\n').every((l) => l.length <= 76)).toBe(true);
    expect(out.startsWith('a=3Db=20\r\n')).toBe(true);
  });

  it.each([
    ['Content-Type: text/html; charset=us-ascii\r\n', 'Content-Type: text/html; charset=utf-8\r\n'],
    ['Content-Type: text/html; charset="us-ascii"; format=flowed\r\n', 'Content-Type: text/html; charset=utf-8; format=flowed\r\n'],
    ['Content-Type: text/html;\r\n\tformat=flowed\r\n', 'Content-Type: text/html;\r\n\tformat=flowed; charset=utf-8\r\n'],
    ['Content-Type: text/html\r\n', 'Content-Type: text/html; charset=utf-8\r\n'],
    ["Content-Type: text/html; charset*=utf-7''\r\n", 'Content-Type: text/html; charset=utf-8\r\n'],
    ['Content-Type: text/html; charset*0=iso-8859; charset*1="-1"; name="a;b"\r\n', 'Content-Type: text/html; name="a;b"; charset=utf-8\r\n'],
  ])('charset in %j', (block, expected) => {
    expect(updateHeaders(block, 'utf-8', null, '\r\n')).toBe(expected);
  });

  it('sets or adds the transfer encoding', () => {
    expect(updateHeaders('Content-Transfer-Encoding: 7bit\r\nX: y\r\n', null, 'quoted-printable', '\r\n')).toBe('Content-Transfer-Encoding: quoted-printable\r\nX: y\r\n');
    expect(updateHeaders('X: y\n', null, 'quoted-printable', '\n')).toBe('X: y\nContent-Transfer-Encoding: quoted-printable\n');
  });
});
