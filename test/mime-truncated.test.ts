/**
 * Truncated messages (issue 11, class 8): a message cut anywhere still has every tracker whose tag
 * made it into the part, as a lenient reader sees it, and a multipart cut before its end says so
 * beside the findings. Each message is cut at every few bytes: inside headers, part headers, a
 * base64 line, a quoted-printable soft break, the closing boundary. Checked with both MIME
 * backends (mailsplit in Node, postal-mime in the browser build).
 */
import { describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../src/catalogue/index.js';
import { NODE_BACKEND } from '../src/mime/node.js';
import { parseMailWith } from '../src/mime/parse.js';
import { POSTAL_BACKEND } from '../src/mime/postal.js';
import { scanEmlWith } from '../src/scan/eml-core.js';
import type { Report } from '../src/types.js';

const BACKENDS = [
  ['mailsplit (Node)', NODE_BACKEND],
  ['postal-mime (browser)', POSTAL_BACKEND],
] as const;

const PIXEL = 'https://t.example/o.gif?u=3f2b8c1e9d4a4b7e&e=4321';
const TAG = `<img src="${PIXEL}" width="1" height="1" alt="">`;
const HTML = `<!doctype html><html><body><p>${'Lorem ipsum dolor sit amet. '.repeat(8)}</p>${TAG}<p>${'Sed ut perspiciatis unde omnis. '.repeat(8)}</p></body></html>`;

const base64Lines = (text: string): string => Buffer.from(text).toString('base64').replace(/.{76}/g, '$&\r\n');

/** Quoted-printable with soft breaks every 60 characters, inside the tag too. */
function quotedPrintable(text: string): string {
  const escaped = text.replaceAll('=', '=3D');
  const lines: string[] = [];
  for (let i = 0; i < escaped.length; i += 60) {
    let end = Math.min(i + 60, escaped.length);
    // never split an escape
    while (escaped.lastIndexOf('=', end - 1) > end - 3 && escaped.lastIndexOf('=', end - 1) >= i) end--;
    lines.push(escaped.slice(i, end));
    i = end - 60;
  }
  return lines.join('=\r\n');
}

const HEAD = 'From: news@shop.example\r\nTo: me@mail.example\r\nSubject: Spring sale\r\nMIME-Version: 1.0\r\n';

interface Case {
  readonly name: string;
  readonly raw: string;
  /** Decodes the HTML part out of a prefix of `raw`, as leniently as possible (the reference). */
  readonly lenient: (prefix: string) => string;
  /** The closing delimiter that completes the message (multiparts only). */
  readonly closing: string | null;
}

const afterBlank = (prefix: string, marker: string): string | null => {
  const at = prefix.indexOf(marker);
  if (at < 0) return null;
  const blank = prefix.indexOf('\r\n\r\n', at);
  return blank < 0 ? null : prefix.slice(blank + 4);
};

const untilBoundary = (body: string, boundary: string): string => {
  const end = body.indexOf(`\r\n--${boundary}`);
  return end < 0 ? body : body.slice(0, end);
};

function decodeB64(body: string): string {
  const clean = body.replace(/[^A-Za-z0-9+/]/g, '');
  return Buffer.from(clean.slice(0, clean.length - (clean.length % 4)), 'base64').toString('utf8');
}

const decodeQp = (body: string): string => body.replace(/=\r\n/g, '').replace(/=3D/g, '=').replace(/=\r?$/, '');

const CASES: Case[] = [
  {
    name: 'multipart/alternative, base64 HTML',
    raw: `${HEAD}Content-Type: multipart/alternative; boundary="B1"\r\n\r\n--B1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSpring sale\r\n--B1\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(HTML)}\r\n--B1--\r\n`,
    lenient: (p) => decodeB64(untilBoundary(afterBlank(p, 'Content-Transfer-Encoding: base64') ?? '', 'B1')),
    closing: '--B1--',
  },
  {
    name: 'multipart/alternative, quoted-printable HTML',
    raw: `${HEAD}Content-Type: multipart/alternative; boundary="B2"\r\n\r\n--B2\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${quotedPrintable(HTML)}\r\n--B2--\r\n`,
    lenient: (p) => decodeQp(untilBoundary(afterBlank(p, 'quoted-printable') ?? '', 'B2')),
    closing: '--B2--',
  },
  {
    name: 'multipart/mixed holding multipart/related, 8bit HTML',
    raw: `${HEAD}Content-Type: multipart/mixed; boundary="OUT"\r\n\r\n--OUT\r\nContent-Type: multipart/related; boundary="IN"\r\n\r\n--IN\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${HTML}\r\n--IN--\r\n\r\n--OUT\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--OUT--\r\n`,
    lenient: (p) => untilBoundary(afterBlank(p, '--IN\r\nContent-Type: text/html') ?? '', 'IN'),
    closing: '--OUT--',
  },
  {
    name: 'a forwarded message/rfc822 inside multipart/mixed',
    raw: `${HEAD}Content-Type: multipart/mixed; boundary="F"\r\n\r\n--F\r\nContent-Type: text/plain\r\n\r\nSee below.\r\n--F\r\nContent-Type: message/rfc822\r\n\r\nFrom: shop@shop.example\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${HTML}\r\n--F--\r\n`,
    lenient: (p) => untilBoundary(afterBlank(p, 'From: shop@shop.example') ?? '', 'F'),
    closing: '--F--',
  },
  {
    name: 'single-part base64 HTML',
    raw: `${HEAD}Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(HTML)}\r\n`,
    lenient: (p) => decodeB64(afterBlank(p, 'Content-Transfer-Encoding: base64') ?? ''),
    closing: null,
  },
];

const codes = (r: Report): string[] => r.errors.map((e) => e.code);

describe.each(BACKENDS)('a message cut anywhere, %s', (_backend, backend) => {
  const scanEml = (raw: string): Promise<Report> => scanEmlWith({ parseMail: (r, o) => parseMailWith(backend, r, o), defaultCatalogue }, raw);

  it.each(CASES.map((c) => [c.name, c] as const))('%s: every tag a lenient reader recovers is found', async (_name, c) => {
    const wrong: string[] = [];
    for (let n = 1; n < c.raw.length; n += 3) {
      const prefix = c.raw.slice(0, n);
      const r = await scanEml(prefix);
      const expected = c.lenient(prefix).includes(TAG);
      const found = r.findings.some((f) => f.url === PIXEL);
      if (codes(r).includes('internal-error')) wrong.push(`${n}: internal-error`);
      if (expected && !found) wrong.push(`${n}: pixel recoverable but not found (${codes(r).join(', ')})`);
      if (found && !expected) wrong.push(`${n}: pixel found though its tag is cut`);
      // a multipart cut after its headers says it is incomplete, beside whatever was found
      const cut = c.closing !== null && prefix.includes('\r\n\r\n') && !prefix.includes(c.closing);
      if (cut && !codes(r).includes('mime-parse-failed')) wrong.push(`${n}: truncation not reported`);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('the uncut messages give the pixel and no error', async () => {
    for (const c of CASES) {
      const r = await scanEml(c.raw);
      expect(r.findings.map((f) => f.url), c.name).toEqual([PIXEL]);
      expect(r.errors, c.name).toEqual([]);
    }
  });

  it('headers only: no HTML to recover, and the report says why', async () => {
    const r = await scanEml(`${HEAD}Content-Type: multipart/alternative; boundary="B"\r\n`);
    expect(r.message.subject).toBe('Spring sale');
    expect(codes(r)).toEqual(['mime-parse-failed', 'no-html-body']);
  });
});
