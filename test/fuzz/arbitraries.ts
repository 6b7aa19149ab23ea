/**
 * fast-check generators of hostile input: URLs, HTML and MIME, built from scratch or by mutating
 * the project's own samples and the catalogue's own example URLs. Shared by the vitest suite
 * (small, fixed seed) and `npm run fuzz` (large).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import fc from 'fast-check';

const ROOT = new URL('../../', import.meta.url).pathname;

/** Catalogue example URLs (the `examples.hit` of every rule), so fuzzing reaches vendor rules. */
function catalogueExamples(): string[] {
  const out: string[] = [];
  const dir = join(ROOT, 'trackers');
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const vendor = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { rules?: { examples?: { hit?: unknown } }[] };
    for (const rule of vendor.rules ?? []) {
      const hits = rule.examples?.hit;
      if (Array.isArray(hits)) for (const h of hits) if (typeof h === 'string') out.push(h);
    }
  }
  return out;
}

/** The samples/ messages and documents, as bytes, in name order. */
export function sampleInputs(): { name: string; bytes: Buffer }[] {
  const dir = join(ROOT, 'samples');
  return readdirSync(dir)
    .filter((n) => n.endsWith('.eml') || n.endsWith('.html'))
    .sort()
    .map((name) => ({ name, bytes: readFileSync(join(dir, name)) }));
}

export const EXAMPLE_URLS: readonly string[] = catalogueExamples();
export const SAMPLES = sampleInputs();

/** A real zlib token (Mailgun-style query string with the fuzz recipient), base64url. */
const ZLIB_TOKEN = deflateSync('h=5f1c&i=1@mg.example&r=me%40mail.example&d=42').toString('base64url');

const hosts = fc.constantFrom(
  'shop.example', 'T.EXAMPLE.', 'mail.shop.example', 'bücher.example', 'xn--bcher-kva.example', 'пример.example',
  '例え.example', '192.0.2.1', '0x7f.1', '3221225985', '[2001:db8::1]', '[::ffff:192.0.2.1]', '[fe80::1%25eth0]',
  'user:pw@t.example', 't.example:8080', '%74.example', 'www.google-analytics.com', 'sendgrid.net',
  'list-manage.com', 'a.b.c.d.e.f.example', 'ci3.googleusercontent.com', '',
);
const schemes = fc.constantFrom('https://', 'http://', '//', 'HTTPS://', 'ht\ntp://', ' https://', 'data:', 'javascript:', 'cid:', 'mailto:', 'ftp://', '');
const segment = fc.oneof(
  fc.constantFrom('o.gif', 'open', 'track', 'pixel.png', '%zz', '%', '%E0%A4%A', '..', 'a%2Fb', 'me@mail.example', 'me%40mail.example', 'bWVAbWFpbC5leGFtcGxl', '1x1.gif', 'wf', 'ls'),
  fc.stringMatching(/^[0-9a-f]{8,40}$/),
  fc.string({ maxLength: 12 }),
  // zlib-looking tokens: a valid header and random data, or a real stream cut anywhere.
  fc.stringMatching(/^eJ[A-Za-z0-9_-]{10,80}$/),
  fc.nat().map((n) => ZLIB_TOKEN.slice(0, 8 + (n % (ZLIB_TOKEN.length - 7)))),
);
const queryValue = fc.oneof(
  fc.constantFrom('1', '', 'me@mail.example', 'bWVAbWFpbC5leGFtcGxl', '%FF%FE', '%', 'https%3A%2F%2Fshop.example%2Fp', 'javascript:alert(1)', 'a&b'),
  fc.stringMatching(/^[A-Za-z0-9_-]{4,32}$/),
);

/** One URL: from scratch (odd schemes, IDN, IP literals, bad percent-encoding) or a catalogue example. */
export const urlArb: fc.Arbitrary<string> = fc.letrec<{ url: string }>((tie) => ({
  url: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(...EXAMPLE_URLS),
    fc
      .tuple(schemes, hosts, fc.array(segment, { maxLength: 5 }), fc.array(fc.tuple(fc.constantFrom('u', 'id', 'e', 'url', 'redirect', 'tid', 'cid', 'utm_source', 'q'), queryValue), { maxLength: 4 }), fc.option(fc.string({ maxLength: 10 })))
      .map(([s, h, segs, q, frag]) => `${s}${h}/${segs.join('/')}${q.length > 0 ? '?' + q.map(([k, v]) => `${k}=${v}`).join('&') : ''}${frag === null ? '' : '#' + frag}`),
    fc.tuple(fc.constantFrom(...EXAMPLE_URLS), fc.constantFrom('url', 'r', 'u', 'redirect'), tie('url')).map(([outer, k, inner]) => `${outer}${outer.includes('?') ? '&' : '?'}${k}=${encodeURIComponent(inner)}`),
    // A mail gateway's v3 rewriting around any URL, with stars and fill text that may not agree.
    fc
      .tuple(tie('url'), fc.array(fc.nat(), { maxLength: 4 }), fc.constantFrom('*', '**A', '**_', '**'), fc.stringMatching(/^[A-Za-z0-9_-]{0,12}$/))
      .map(([inner, at, star, fill]) => {
        let u = inner;
        for (const i of at) u = u.slice(0, i % (u.length + 1)) + star + u.slice(i % (u.length + 1));
        return `https://urldefense.com/v3/__${u}__;${fill}!!Org!sig$`;
      }),
    fc.tuple(fc.constantFrom(...EXAMPLE_URLS), fc.nat(), fc.constantFrom('%', '\u0000', '\n', ' ', '"', "'", '<', '&amp;', '\\', '#', '?')).map(([u, i, c]) => u.slice(0, i % (u.length + 1)) + c + u.slice(i % (u.length + 1))),
  ),
})).url;

const attrValue = fc.oneof(
  { weight: 6, arbitrary: urlArb },
  { weight: 3, arbitrary: fc.constantFrom('1', '0', '1px', '100%', 'display:none', 'width:1px;height:1px', 'max-height:0;overflow:hidden', '') },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 70_000 }).map((n) => `https://t.example/${'x'.repeat(n)}`) },
);
const cssArb = fc
  .array(
    fc.oneof(
      urlArb.map((u) => `.a{background:url(${u})}`),
      urlArb.map((u) => `@import "${u}";`),
      urlArb.map((u) => `@media print{div{background-image:url('${u}')}}`),
      urlArb.map((u) => `@font-face{src:url(${u})}`),
      fc.constantFrom('{', '}', '@media print{', 'url(', ')', ';', '/*', '\\', '"', 'display:none', '@media (prefers-color-scheme:dark){', ':is(', '@supports(', 'a{b:c}'.repeat(50)),
      fc.string({ maxLength: 20 }),
    ),
    { maxLength: 12 },
  )
  .map((xs) => xs.join(''));
const tagArb = fc.constantFrom(
  'div', 'p', 'table', 'td', 'tr', 'span', 'img', 'a', 'style', 'b', 'center', 'font', 'v:rect', 'v:fill', 'svg', 'image', 'iframe',
  'link', 'meta', 'base', 'noscript', 'template', 'title', 'textarea', 'input', 'video', 'source', 'picture', 'area', 'map', 'math', 'select',
);
const attrName = fc.constantFrom('src', 'href', 'style', 'width', 'height', 'background', 'srcset', 'class', 'id', 'hidden', 'poster', 'content', 'http-equiv', 'media', 'data', 'alt', 'xlink:href');
const textArb = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('&amp;'.repeat(2000), '&#x26;&#99999999;&#0;&notanentity;&', '&lt;img src="https://t.example/x.gif"&gt;', '<!--[if mso]><img src="https://t.example/mso.gif" width=1><![endif]-->', '<!-- <img src="https://t.example/c.gif"> -->', '<![CDATA[', ']]>', '</', '<', '&'),
);

const elementArb: fc.Arbitrary<string> = fc.letrec<{ el: string }>((tie) => ({
  el: fc.oneof(
    { depthSize: 'small' },
    { weight: 3, arbitrary: textArb },
    { weight: 6, arbitrary: fc
      .tuple(tagArb, fc.array(fc.tuple(attrName, attrValue, fc.constantFrom('"', "'", '')), { maxLength: 4 }), fc.array(tie('el'), { maxLength: 4 }), fc.boolean(), cssArb)
      .map(([tag, attrs, kids, close, css]) => {
        const a = attrs.map(([n, v, q]) => ` ${n}=${q}${v}${q}`).join('');
        const body = tag === 'style' ? css : kids.join('');
        return `<${tag}${a}>${body}${close ? `</${tag}>` : ''}`;
      }) },
    // deep nesting, unclosed; misnested formatting tags make parse5 work hardest
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 3000 }), fc.constantFrom('div', 'table', 'b', 'a', 'font', 'p', 'b><p', 'td'), textArb).map(([n, t, inner]) => `<${t}>`.repeat(n) + inner) },
  ),
})).el;

/** An HTML document: a generated element forest, sometimes in a head/body skeleton. */
export const htmlArb: fc.Arbitrary<string> = fc
  .tuple(fc.array(elementArb, { maxLength: 6 }), fc.boolean())
  .map(([els, wrap]) => (wrap ? `<!doctype html><html><head><style>.h{display:none}</style></head><body>${els.join('')}</body></html>` : els.join('')));

/** Base64 with 76-character lines, as mailers write it. */
function base64Lines(bytes: Buffer): string {
  return (bytes.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

/** A quoted-printable encoding that is good enough to be worth breaking. */
function quotedPrintable(text: string): string {
  let out = '';
  let line = 0;
  for (const byte of Buffer.from(text, 'utf8')) {
    const s = byte === 0x3d || byte > 0x7e || (byte < 0x20 && byte !== 0x0a) ? `=${byte.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(byte);
    if (line + s.length > 75) {
      out += '=\r\n';
      line = 0;
    }
    out += s;
    line = s === '\n' ? 0 : line + s.length;
  }
  return out;
}

const charsetArb = fc.constantFrom('utf-8', 'iso-8859-1', 'windows-1252', 'x-unknown-42', 'utf-7', '', 'utf-16', 'koi8-r', 'shift_jis', '"utf-8"', 'iso-2022-kr');
const encodingArb = fc.constantFrom('7bit', 'quoted-printable', 'base64', 'base64-truncated', 'base64-junk', 'qp-broken', 'x-uuencode', '8bit');

function encodeBody(html: string, encoding: string, cut: number): { cte: string; body: string } {
  switch (encoding) {
    case 'base64':
      return { cte: 'base64', body: base64Lines(Buffer.from(html, 'utf8')) };
    case 'base64-truncated': {
      const b = base64Lines(Buffer.from(html, 'utf8'));
      return { cte: 'base64', body: b.slice(0, cut % (b.length + 1)) };
    }
    case 'base64-junk':
      return { cte: 'base64', body: `${base64Lines(Buffer.from(html, 'utf8'))}!!*==QUJD\r\n====` };
    case 'quoted-printable':
      return { cte: 'quoted-printable', body: quotedPrintable(html) };
    case 'qp-broken':
      return { cte: 'quoted-printable', body: `${quotedPrintable(html)}=Z=\r=4` };
    default:
      return { cte: encoding, body: html };
  }
}

const headerArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(
    'From: News <news@shop.example>', 'To: me@mail.example, "Me" <Me@Mail.example>', 'Cc: group: a@x.example, b@y.example;',
    'Subject: =?utf-8?B?SGk=?=', 'Subject: =?x-unknown?Q?=FF?=', 'Date: not a date', 'Return-Path: <b@esp.example>',
    'List-Unsubscribe: <mailto:u@shop.example>, <https://shop.example/u>', 'DKIM-Signature: v=1; d=shop.example; b=abc',
    'From: =?utf-8?Q?=E2=80=AE?= <evil@x.example>', 'Delivered-To: me@mail.example', 'From:', ': no name', 'Content-Type:',
  ) },
  { weight: 2, arbitrary: fc.string({ maxLength: 80 }).map((s) => `X-Junk: ${s}`) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 300_000 }).map((n) => `X-Huge: ${'a'.repeat(n)}`) },
  { weight: 1, arbitrary: fc.integer({ min: 10, max: 2_000 }).map((n) => `To: ${'me@mail.example, '.repeat(n)}x@y.example`) },
);

interface Leaf {
  readonly head: string;
  readonly body: string;
}

const leafArb: fc.Arbitrary<Leaf> = fc
  .tuple(htmlArb, charsetArb, encodingArb, fc.nat(), fc.constantFrom('text/html', 'text/plain', 'image/gif', 'text/HTML', 'text/html; name=a.html', 'application/octet-stream'), fc.boolean())
  .map(([html, charset, encoding, cut, type, attachment]) => {
    const { cte, body } = encodeBody(html, encoding, cut);
    const cs = charset === '' ? '' : `; charset=${charset}`;
    return { head: `Content-Type: ${type}${cs}\r\nContent-Transfer-Encoding: ${cte}${attachment ? '\r\nContent-Disposition: attachment' : ''}`, body };
  });

const nodeArb: fc.Arbitrary<Leaf> = fc.letrec<{ node: Leaf }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    leafArb,
    // multipart, with boundaries declared, quoted, missing, reused or never closed
    fc
      .tuple(fc.stringMatching(/^[A-Za-z0-9'()+_,-./:=? ]{0,70}$/), fc.array(tie('node'), { maxLength: 4 }), fc.constantFrom('ok', 'unclosed', 'undeclared', 'wrong', 'quoted'), fc.constantFrom('mixed', 'alternative', 'related'))
      .map(([boundary, kids, mode, sub]) => {
        const b = boundary.trim() === '' ? 'b' : boundary;
        const declared = mode === 'undeclared' ? '' : mode === 'quoted' ? `; boundary="${b}"` : `; boundary=${b}`;
        const used = mode === 'wrong' ? `${b}x` : b;
        const parts = kids.map((k) => `--${used}\r\n${k.head}\r\n\r\n${k.body}\r\n`).join('');
        return { head: `Content-Type: multipart/${sub}${declared}`, body: `preamble\r\n${parts}${mode === 'unclosed' ? '' : `--${used}--\r\n`}` };
      }),
    // an attached message, possibly base64-encoded
    fc.tuple(fc.array(headerArb, { maxLength: 3 }), tie('node'), fc.boolean()).map(([hs, inner, b64]) => {
      const msg = `${[...hs, inner.head].join('\r\n')}\r\n\r\n${inner.body}`;
      return { head: `Content-Type: message/rfc822${b64 ? '\r\nContent-Transfer-Encoding: base64' : ''}`, body: b64 ? base64Lines(Buffer.from(msg, 'utf8')) : msg };
    }),
  ),
})).node;

/** A message/rfc822 nested `depth` times in itself: the shape of a forwarding loop. */
export function nestedLoop(depth: number, html: string): string {
  let msg = `From: a@shop.example\r\nContent-Type: text/html\r\n\r\n${html}`;
  for (let i = 0; i < depth; i++) msg = `From: fwd${i}@shop.example\r\nContent-Type: message/rfc822\r\n\r\n${msg}`;
  return msg;
}

/** A generated message: headers (some huge or broken) plus a generated MIME tree, or a forwarding loop. */
export const mimeArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 9, arbitrary: fc.tuple(fc.array(headerArb, { maxLength: 6 }), nodeArb, fc.constantFrom('\r\n', '\n')).map(([hs, root, eol]) => `MIME-Version: 1.0\r\n${[...hs, root.head].join('\r\n')}\r\n\r\n${root.body}`.replace(/\r\n/g, eol)) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 40 }), htmlArb).map(([d, html]) => nestedLoop(d, html)) },
);

type Mutation =
  | { readonly kind: 'flip'; readonly at: number; readonly byte: number }
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'duplicate'; readonly at: number; readonly len: number; readonly times: number }
  | { readonly kind: 'boundary'; readonly how: number }
  | { readonly kind: 'delete'; readonly at: number; readonly len: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 4096 }), times: fc.integer({ min: 1, max: 50 }) }),
  fc.record({ kind: fc.constant('boundary' as const), how: fc.nat(3) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 512 }) }),
);

/** Applies one mutation; positions wrap around the input length. */
export function mutate(input: Buffer, m: Mutation): Buffer {
  const n = input.length;
  if (n === 0) return input;
  switch (m.kind) {
    case 'flip': {
      const out = Buffer.from(input);
      out[m.at % n] = m.byte;
      return out;
    }
    case 'truncate':
      return input.subarray(0, m.at % n);
    case 'duplicate': {
      const at = m.at % n;
      const slice = input.subarray(at, Math.min(n, at + m.len));
      return Buffer.concat([input.subarray(0, at), ...Array<Buffer>(m.times + 1).fill(slice), input.subarray(at + slice.length)]);
    }
    case 'delete': {
      const at = m.at % n;
      return Buffer.concat([input.subarray(0, at), input.subarray(Math.min(n, at + m.len))]);
    }
    case 'boundary': {
      // corrupt every use of the first declared boundary: drop it, change it, or close it early
      const text = input.toString('latin1');
      const found = /boundary="?([^";\r\n]{1,70})/i.exec(text);
      if (found?.[1] === undefined) return input;
      const b = found[1];
      const replacement = [`--${b}x`, '', `--${b}--`, `-${b}`][m.how] ?? '';
      return Buffer.from(text.split(`--${b}`).join(replacement), 'latin1');
    }
  }
}

/** One of the samples with one to four mutations (byte flips, truncation, duplication, boundary corruption). */
export const mutatedSampleArb: fc.Arbitrary<{ name: string; bytes: Buffer }> = fc
  .tuple(fc.constantFrom(...SAMPLES), fc.array(mutationArb, { minLength: 1, maxLength: 4 }))
  .map(([s, ms]) => ({ name: s.name, bytes: ms.reduce((b, m) => mutate(b, m), s.bytes) }));
