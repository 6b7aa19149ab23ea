import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64, decodeCharset, decodeQuotedPrintable } from '../src/mime/decode.js';
import { dkimDomains, listUnsubscribeTargets, normalizeDate } from '../src/mime/headers.js';
import { parseMail } from '../src/mime/node.js';
import type { MailHeaders, ParsedMail } from '../src/mime/types.js';
import type { ErrorCode } from '../src/types.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/mime/', import.meta.url));

function fixture(name: string): Buffer {
  return readFileSync(FIXTURES + name);
}

interface PartExpectation {
  readonly path: string;
  readonly charset: string | null;
  readonly embedded?: boolean;
  readonly attachment?: true;
  /** Substrings the decoded html must contain. */
  readonly contains?: readonly string[];
  /** The whole decoded html. */
  readonly html?: string;
}

interface Case {
  readonly file: string;
  readonly parts: readonly PartExpectation[];
  readonly errors?: readonly ErrorCode[];
  readonly headers?: Partial<MailHeaders>;
}

const CASES: readonly Case[] = [
  {
    file: 'qp-soft-breaks.eml',
    parts: [
      {
        path: '1',
        charset: 'utf-8',
        contains: [
          'Hello \u2013 reader',
          '<img src="https://track.example/o.gif?u=reader%40mail.example&amp;c=42" width="1" height="1">',
          'href="https://shop.example/very/long/path/that/needs/a/soft/line/break?x=1"',
        ],
      },
    ],
    headers: {
      from: 'news@shop.example',
      fromName: 'Shop News',
      to: ['reader@mail.example'],
      date: '2026-01-01T10:00:00.000Z',
      messageId: '<qp-1@shop.example>',
      cc: [],
      returnPath: null,
      listUnsubscribe: [],
      dkimDomains: [],
    },
  },
  {
    file: 'base64-lf.eml',
    parts: [{ path: '1', charset: 'utf-8', contains: ['<p>Grüße aus Köln</p>', 'https://pixel.example/p.gif?id=abc123'] }],
    headers: { from: 'sender@news.example', subject: 'Base64 body', date: null },
  },
  {
    file: 'alternative-headers.eml',
    parts: [{ path: '2', charset: 'utf-8', html: '<p>HTML version</p>' }],
    headers: {
      from: 'news@shop.example',
      fromName: 'Café Shop',
      to: ['a@team.example', 'b@team.example', 'reader@mail.example'],
      cc: ['reader@mail.example', 'other@mail.example'],
      deliveredTo: ['reader@mail.example'],
      xOriginalTo: ['reader+news@mail.example'],
      date: '2026-01-02T07:30:00.000Z',
      subject: 'Sommersale \u2600 50% off',
      messageId: '<alt-1@shop.example>',
      returnPath: 'bounce+abc@esp.example',
      listUnsubscribe: ['mailto:unsub-123@esp.example?subject=unsubscribe', 'https://esp.example/unsub?u=123&l=9'],
      dkimDomains: ['shop.example', 'esp.example'],
    },
  },
  {
    file: 'related-cid.eml',
    parts: [{ path: '1', charset: 'us-ascii', contains: ['src="cid:logo.123@shop.example"', 'src="CID:second@shop.example"'] }],
  },
  {
    file: 'two-html.eml',
    parts: [
      { path: '1', charset: 'utf-8', html: '<p>first part</p>' },
      { path: '2', charset: 'utf-8', html: '<p>second part</p>' },
      { path: '3', charset: 'utf-8', html: '<p>attached page</p>', attachment: true },
    ],
  },
  {
    file: 'rfc822-attached.eml',
    parts: [
      { path: '1', charset: 'utf-8', html: '<p>See the attached mail.</p>' },
      { path: '2.2', charset: 'iso-8859-1', embedded: true, contains: ['inner café', 'src="https://track.example/open?id=7"'] },
    ],
    headers: { from: 'forwarder@one.example', subject: 'Fwd: newsletter' },
  },
  {
    file: 'latin1-8bit.eml',
    parts: [{ path: '1', charset: 'iso-8859-1', contains: ['Grüße, schöne Straße'] }],
    headers: { subject: 'Grüße' },
  },
  {
    file: 'koi8r-qp.eml',
    parts: [{ path: '1', charset: 'koi8-r', contains: ['<p>Привет, мир</p>'] }],
    headers: { subject: 'Привет' },
  },
  {
    file: 'cp1252-8bit.eml',
    parts: [{ path: '1', charset: 'windows-1252', contains: ['\u201cQuoted\u201d price: \u20ac50'] }],
  },
  {
    file: 'iso2022jp.eml',
    parts: [{ path: '1', charset: 'iso-2022-jp', contains: ['<p>日本</p>'] }],
    headers: { subject: '日本' },
  },
  {
    file: 'plain-only.eml',
    parts: [],
    errors: ['no-html-body'],
    headers: { from: null, fromName: null, to: [], date: null, messageId: null, subject: 'no html here' },
  },
  {
    file: 'unknown-charset.eml',
    parts: [{ path: '1', charset: 'x-imaginary-42', contains: ['<p>café</p>'] }],
    errors: ['unknown-charset'],
  },
  { file: 'broken-boundary.eml', parts: [], errors: ['mime-parse-failed', 'no-html-body'] },
  { file: 'bad-base64.eml', parts: [{ path: '1', charset: 'utf-8', contains: ['<p>hel'] }], errors: ['mime-decode-failed'] },
  {
    file: 'truncated.eml',
    parts: [{ path: '2', charset: 'utf-8', contains: ['<img src="https://pix.example/o.gif?id=1" wid'] }],
    errors: ['mime-parse-failed'],
  },
];

function checkPart(mail: ParsedMail, index: number, want: PartExpectation): void {
  const part = mail.htmlParts[index];
  expect(part).toBeDefined();
  if (part === undefined) return;
  expect(part.path).toBe(want.path);
  expect(part.charset).toBe(want.charset);
  expect(part.embedded).toBe(want.embedded ?? false);
  expect(part.attachment).toBe(want.attachment);
  if (want.html !== undefined) expect(part.html).toBe(want.html);
  for (const text of want.contains ?? []) expect(part.html).toContain(text);
}

describe('parseMail on fixtures', () => {
  it.each(CASES)('$file', async ({ file, parts, errors, headers }) => {
    const mail = await parseMail(fixture(file));
    expect(mail.htmlParts).toHaveLength(parts.length);
    parts.forEach((want, i) => checkPart(mail, i, want));
    expect(mail.errors.map((e) => e.code)).toEqual(errors ?? []);
    if (headers !== undefined) expect(mail.headers).toMatchObject(headers);
  });

  it('gives the same result for CRLF and LF line endings', async () => {
    const crlf = fixture('alternative-headers.eml').toString('utf8');
    const lf = crlf.replace(/\r\n/g, '\n');
    const [a, b] = await Promise.all([parseMail(crlf), parseMail(lf)]);
    expect(b.headers).toEqual(a.headers);
    expect(b.htmlParts).toEqual(a.htmlParts);
  });

  it('takes a string as UTF-8 and a Uint8Array view at its offset', async () => {
    const raw = fixture('base64-lf.eml');
    const padded = new Uint8Array(raw.length + 8);
    padded.set(raw, 4);
    const view = padded.subarray(4, 4 + raw.length);
    const [fromString, fromView] = await Promise.all([parseMail(raw.toString('utf8')), parseMail(view)]);
    expect(fromView).toEqual(fromString);
    expect(fromView.htmlParts).toHaveLength(1);
  });
});

describe('parseMail options and limits', () => {
  it('stops at maxHtmlParts and says so', async () => {
    const mail = await parseMail(fixture('two-html.eml'), { maxHtmlParts: 2 });
    expect(mail.htmlParts.map((p) => p.path)).toEqual(['1', '2']);
    expect(mail.errors.map((e) => e.code)).toEqual(['limit-exceeded']);
  });

  it('does not open attached messages beyond maxDepth', async () => {
    const mail = await parseMail(fixture('rfc822-attached.eml'), { maxDepth: 0 });
    expect(mail.htmlParts.map((p) => p.path)).toEqual(['1']);
    expect(mail.errors.map((e) => e.code)).toEqual(['limit-exceeded']);
  });

  it.each([
    { maxHtmlParts: 0 },
    { maxHtmlParts: 1.5 },
    { maxDepth: -1 },
    { maxDepth: Number.NaN },
  ])('falls back to defaults for invalid %o', async (opts) => {
    const mail = await parseMail(fixture('two-html.eml'), opts);
    expect(mail.htmlParts).toHaveLength(3);
    expect(mail.errors.map((e) => e.code)).toEqual(['invalid-input']);
  });
});

describe('parseMail on bad input', () => {
  const untyped = parseMail as (raw: unknown, opts?: unknown) => Promise<ParsedMail>;
  it.each([
    { name: 'empty string', raw: '', codes: ['invalid-input'] },
    { name: 'empty bytes', raw: new Uint8Array(0), codes: ['invalid-input'] },
    { name: 'a number', raw: 42, codes: ['invalid-input'] },
    { name: 'null', raw: null, codes: ['invalid-input'] },
    { name: 'binary garbage', raw: new Uint8Array([0, 1, 2, 255, 254, 10, 13, 10, 0]), codes: ['mime-parse-failed', 'no-html-body'] },
    { name: 'plain words', raw: 'this is not a mail at all', codes: ['mime-parse-failed', 'no-html-body'] },
  ])('$name', async ({ raw, codes }) => {
    const mail = await untyped(raw);
    expect(mail.htmlParts).toEqual([]);
    expect(mail.errors.map((e) => e.code)).toEqual(codes);
    expect(mail.headers.to).toEqual([]);
  });
});

describe('parseMail on broken structure', () => {
  it('reports at most five broken multiparts', async () => {
    const raw = Array.from({ length: 20 }, (_, i) => `Content-Type: multipart/mixed; boundary=b${i}\r\n\r\n--b${i}\r\n`).join('');
    const mail = await parseMail(`${raw}Content-Type: text/html\r\n\r\n<p>deep</p>`);
    expect(mail.htmlParts.map((p) => p.html)).toEqual(['<p>deep</p>']);
    expect(mail.errors.map((e) => e.code)).toEqual(Array(5).fill('mime-parse-failed'));
  });

  it('opens attached messages that are base64 encoded', async () => {
    const inner = Buffer.from('Content-Type: text/html\r\n\r\n<p>inner</p>').toString('base64');
    const raw = `Content-Type: multipart/mixed; boundary=o\r\n\r\n--o\r\nContent-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n${inner}\r\n--o--\r\n`;
    const mail = await parseMail(raw);
    // The attached message's own headers come with its parts (they name its sender).
    expect(mail.htmlParts).toEqual([{ html: '<p>inner</p>', charset: null, path: '1.1', embedded: true, headers: expect.objectContaining({ from: null }) }]);
    expect(mail.errors).toEqual([]);
  });
  it("gives an attached message's parts its headers, and top-level parts none", async () => {
    const raw = 'From: a@outer.example\r\nContent-Type: multipart/mixed; boundary=o\r\n\r\n--o\r\nContent-Type: text/html\r\n\r\n<p>outer</p>\r\n'
      + '--o\r\nContent-Type: message/rfc822\r\n\r\nFrom: b@inner.example\r\nX-Mailer: Maileon\r\nContent-Type: text/html\r\n\r\n<p>inner</p>\r\n--o--\r\n';
    const mail = await parseMail(raw);
    expect(mail.htmlParts.map((p) => [p.html, p.headers?.from ?? null, p.headers?.hintFields ?? null])).toEqual([
      ['<p>outer</p>', null, null],
      ['<p>inner</p>', 'b@inner.example', [['x-mailer', 'Maileon']]],
    ]);
  });
});

describe('decoding helpers', () => {
  it.each([
    { qp: 'a=3Db', out: 'a=b' },
    { qp: 'soft=\r\nbreak', out: 'softbreak' },
    { qp: 'soft=\nbreak', out: 'softbreak' },
    { qp: 'pad= \t\r\nded', out: 'padded' },
    { qp: 'x?a=b&c=zz', out: 'x?a=b&c=zz' },
    { qp: 'end=', out: 'end' },
    { qp: '=e2=80=93', out: '\u2013' },
  ])('quoted-printable $qp', ({ qp, out }) => {
    expect(decodeQuotedPrintable(Buffer.from(qp, 'latin1')).toString('utf8')).toBe(out);
  });

  it.each([
    { b64: 'PHA+aGk8L3A+', out: '<p>hi</p>', error: false },
    { b64: 'PHA+\r\naGk8\r\nL3A+\r\n', out: '<p>hi</p>', error: false },
    { b64: 'PHA+aGk8L3A', out: '<p>hi</p', error: false },
    { b64: 'PHA+a*Gk8L3A+', out: '<p>hi</p>', error: true },
  ])('base64 $b64', ({ b64, out, error }) => {
    const decoded = decodeBase64(Buffer.from(b64, 'latin1'));
    expect(decoded.value.toString('utf8')).toBe(out);
    expect(decoded.error !== null).toBe(error);
  });

  it.each([
    { bytes: [0xe9], charset: 'iso-8859-1', out: 'é', error: null },
    { bytes: [0x93, 0x80, 0x94], charset: 'windows-1252', out: '\u201c\u20ac\u201d', error: null },
    { bytes: [0x93, 0x80, 0x94], charset: 'us-ascii', out: '\u201c\u20ac\u201d', error: null },
    { bytes: [0xf0, 0xd2], charset: 'koi8-r', out: 'Пр', error: null },
    { bytes: [0xc4, 0xe3], charset: 'gb2312', out: '你', error: null },
    { bytes: [0xe9], charset: 'win-1252', out: 'é', error: null },
    { bytes: [0xc3, 0xa9], charset: null, out: 'é', error: null },
    { bytes: [0xe9], charset: null, out: 'é', error: null },
    { bytes: [0x2b, 0x41, 0x44, 0x77, 0x2d], charset: 'utf-7', out: '+ADw-', error: 'unknown-charset' },
    { bytes: [0xe9], charset: 'x-nonsense', out: 'é', error: 'unknown-charset' },
  ])('charset $charset', ({ bytes, charset, out, error }) => {
    const decoded = decodeCharset(Uint8Array.from(bytes), charset);
    expect(decoded.value).toBe(out);
    expect(decoded.error?.code ?? null).toBe(error);
  });
});

describe('header helpers', () => {
  it.each([
    { values: ['<mailto:u@x.example>, <https://x.example/u>'], out: ['mailto:u@x.example', 'https://x.example/u'] },
    { values: ['<https://x.example/a\r\n b>'], out: ['https://x.example/ab'] },
    { values: ['https://x.example/u'], out: ['https://x.example/u'] },
    { values: ['<https://x.example/u>', '<https://x.example/u>'], out: ['https://x.example/u'] },
    { values: ['<unterminated'], out: [] },
  ])('List-Unsubscribe %o', ({ values, out }) => {
    expect(listUnsubscribeTargets(values)).toEqual(out);
  });

  it('reads d= from every DKIM signature, once each', () => {
    expect(dkimDomains(['v=1; d=A.example; s=x', 'v=1; s=y; d = b.example ;', 'v=1; d=a.example'])).toEqual([
      'a.example',
      'b.example',
    ]);
  });

  it.each([
    { value: 'Thu, 01 Jan 2026 10:00:00 +0000', out: '2026-01-01T10:00:00.000Z' },
    { value: 'not a date', out: 'not a date' },
    { value: null, out: null },
  ])('Date $value', ({ value, out }) => {
    expect(normalizeDate(value)).toBe(out);
  });
});

const KNOWN_CODES: ReadonlySet<string> = new Set([
  'invalid-input',
  'mime-parse-failed',
  'mime-decode-failed',
  'unknown-charset',
  'no-html-body',
  'limit-exceeded',
]);

function expectWellFormed(mail: ParsedMail): void {
  const h = mail.headers;
  for (const list of [h.to, h.cc, h.deliveredTo, h.xOriginalTo, h.listUnsubscribe, h.dkimDomains]) {
    expect(Array.isArray(list)).toBe(true);
    for (const item of list) expect(typeof item).toBe('string');
  }
  for (const value of [h.from, h.fromName, h.date, h.subject, h.messageId, h.returnPath]) {
    expect(value === null || typeof value === 'string').toBe(true);
  }
  for (const part of mail.htmlParts) {
    expect(typeof part.html).toBe('string');
    expect(part.path).toMatch(/^[1-9][0-9]*(?:\.[1-9][0-9]*)*$/);
    expect(typeof part.embedded).toBe('boolean');
  }
  for (const error of mail.errors) {
    expect(KNOWN_CODES.has(error.code)).toBe(true);
    expect(error.message.length).toBeGreaterThan(0);
  }
}

/** Lines that look like mail, so the fuzzer reaches the multipart and decoding paths. */
const mailLine = fc.oneof(
  fc.constantFrom(
    'Content-Type: multipart/mixed; boundary="b"',
    'Content-Type: multipart/alternative; boundary=b',
    'Content-Type: text/html; charset=koi8-r',
    'Content-Type: text/html; charset=x-bogus',
    'Content-Type: message/rfc822',
    'Content-Transfer-Encoding: base64',
    'Content-Transfer-Encoding: quoted-printable',
    'From: "A" <a@x.example>',
    'To: g: b@x.example;',
    '--b',
    '--b--',
    '',
    '<p>=3D=\r',
    'PHA+aGk8L3A+',
  ),
  fc.string({ maxLength: 40 }),
);

describe('parseMail property', () => {
  it('never rejects and always returns a well-formed result', async () => {
    const input = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.uint8Array({ maxLength: 300 }),
      fc.array(mailLine, { maxLength: 30 }).map((lines) => lines.join('\r\n')),
    );
    await fc.assert(
      fc.asyncProperty(input, async (raw) => {
        expectWellFormed(await parseMail(raw));
      }),
      { seed: 42, numRuns: 400 },
    );
  });
});
