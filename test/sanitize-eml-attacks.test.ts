/**
 * sanitizeEml against a hostile sender: edits must never add a MIME part (a boundary line made
 * by an edit or by re-encoding), and every bound that stops the sanitiser must make it refuse,
 * never report success with a tracker left in place.
 */
import { describe, expect, it } from 'vitest';
import { parseMail, parseMailLayout } from '../src/mime/node.js';
import { mimeProblem } from '../src/sanitize/mime-check.js';
import { sanitizeEml } from '../src/sanitize/eml.js';
import { scanEml } from '../src/scan/eml.js';
import { mimeShape } from './helpers/mime-shape.js';

const GA = 'https://www.google-analytics.com/collect?v=1&tid=UA-1-1&cid=42';
const GA2 = 'https://www.google-analytics.com/collect?v=1&tid=UA-1-1&cid=43';

function multipart(htmlHeaders: string, html: string): Buffer {
  return Buffer.from(
    ['From: news@shop.example', 'To: me@mail.example', 'MIME-Version: 1.0', 'Content-Type: multipart/alternative; boundary="b1"', '',
      '--b1', 'Content-Type: text/plain', '', 'plain', '--b1', htmlHeaders, '', html, '--b1--', ''].join('\r\n'),
    'latin1',
  );
}

/**
 * Text of the HTML part (a textarea hides the pixel) that becomes a part of its own, the pixel
 * live, once a `--b1` line appears before it (the textarea start tag is then a header).
 */
const SMUGGLED = `Content-Type: text/html\r\nX-Hide: <textarea>\r\n\r\n<img src="${GA2}" width="1" height="1"></textarea>`;

async function strongLeft(eml: Uint8Array): Promise<string[]> {
  const report = await scanEml(eml);
  return report.findings.filter((f) => f.kind !== 'click-redirect' && f.confidence !== 'possible').map((f) => f.url);
}

async function expectSameParts(input: Buffer): Promise<void> {
  const r = await sanitizeEml(input);
  expect(r.changes.length).toBeGreaterThan(0);
  expect(await mimeShape(r.eml)).toEqual(await mimeShape(input));
  expect((await parseMail(r.eml)).htmlParts.length).toBe((await parseMail(input)).htmlParts.length);
  expect(await strongLeft(r.eml)).toEqual([]);
}

describe('sanitizeEml adds no MIME part', () => {
  it('a CR LF written back from &#13;&#10; in an href does not start a boundary line', async () => {
    const href = `https://shop.example/?a=1&#13;&#10;--b1&#13;&#10;${SMUGGLED.replaceAll('\r\n', '&#13;&#10;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')}&amp;utm_source=n`;
    await expectSameParts(multipart('Content-Type: text/html; charset=us-ascii', `<a href="${href}">x</a>`));
  });

  it('a cut @import leaving --b1 alone on its line does not start a part', async () => {
    const html = `<style>\r\n@import url(${GA});--b1\r\n${SMUGGLED}\r\n</style><p>hi</p>`;
    await expectSameParts(multipart('Content-Type: text/html; charset=us-ascii', html));
  });

  it('a removed element leaving --b1 alone on its line does not start a part', async () => {
    const html = `<p>hi</p>\r\n<img src="${GA}" width="1" height="1" style="display:none">--b1\r\n${SMUGGLED}`;
    await expectSameParts(multipart('Content-Type: text/html; charset=us-ascii', html));
  });

  it('quoted-printable soft line breaks never start a line with --', async () => {
    // A 7bit line over 998 characters is re-encoded as quoted-printable: wherever a soft break
    // falls, the `--b1` ending the long line must not begin an encoded line of its own.
    for (let pad = 1000; pad < 1076; pad++) {
      const html = `<img src="${GA}" width="1" height="1"><!--${'x'.repeat(pad)}--b1\r\n${SMUGGLED}-->`;
      await expectSameParts(multipart('Content-Type: text/html; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit', html));
    }
  });
});

describe('the rewrite check', () => {
  const raw = multipart('Content-Type: text/html; charset=us-ascii', `<p>hi</p><img src="${GA}" width="1" height="1">`);

  it('accepts the sanitiser own output', async () => {
    const { mail, layout } = await parseMailLayout(raw);
    const out = (await sanitizeEml(raw)).eml;
    const text = (await parseMail(out)).htmlParts[0]?.html ?? '';
    expect(layout).not.toBeNull();
    if (layout !== null) expect(await mimeProblem(layout, mail.htmlParts, new Map([[0, text]]), Buffer.from(out), {})).toBeNull();
  });

  it.each([
    ['an added part', (s: string) => s.replace('--b1--', `--b1\r\nContent-Type: text/html\r\n\r\n<img src="${GA2}">\r\n--b1--`)],
    ['a retyped part', (s: string) => s.replace('Content-Type: text/plain', 'Content-Type: text/html')],
    ['a body that does not decode to the sanitised text', (s: string) => s.replace('<p>hi</p>', '<p>ho</p>')],
  ])('refuses %s', async (_name, change) => {
    const { mail, layout } = await parseMailLayout(raw);
    const out = Buffer.from(change(raw.toString('latin1')), 'latin1');
    expect(layout).not.toBeNull();
    if (layout !== null) expect(await mimeProblem(layout, mail.htmlParts, new Map<number, string>(), out, {})).not.toBeNull();
  });
});

describe('MIME header tricks', () => {
  const PIX = `<p>caf\u00e9</p><img src="${GA}" width="1" height="1">`;
  const cases: Array<{ name: string; raw: string; expect: 'refused' | 'sanitised' }> = [
    // mailsplit reads the first Content-Type, some clients the last: the part could render as HTML unsanitised.
    { name: 'two Content-Type fields', raw: `From: a@shop.example\r\nContent-Type: text/plain\r\nContent-Type: text/html\r\n\r\n${PIX}\r\n`, expect: 'refused' },
    { name: 'two Content-Transfer-Encoding fields', raw: `From: a@shop.example\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: 7bit\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(PIX).toString('base64')}\r\n`, expect: 'refused' },
    { name: 'an encoded word as the media type', raw: `From: a@shop.example\r\nContent-Type: =?utf-8?B?${Buffer.from('text/html').toString('base64')}?=\r\n\r\n${PIX}\r\n`, expect: 'refused' },
    { name: 'an encoded word as the transfer encoding', raw: `From: a@shop.example\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: =?us-ascii?Q?base64?=\r\n\r\n${Buffer.from(PIX).toString('base64')}\r\n`, expect: 'refused' },
    { name: 'an encoded word in the boundary (legal there)', raw: `From: a@shop.example\r\nContent-Type: multipart/mixed; boundary="=?utf-8?Q?b1?="\r\n\r\n--=?utf-8?Q?b1?=\r\nContent-Type: text/html\r\n\r\n${PIX}\r\n--=?utf-8?Q?b1?=--\r\n`, expect: 'sanitised' },
    { name: 'an encoded word holding markup in the Subject', raw: `From: a@shop.example\r\nSubject: =?utf-8?B?${Buffer.from(`<img src="${GA}">`).toString('base64')}?=\r\nContent-Type: text/html\r\n\r\n${PIX}\r\n`, expect: 'sanitised' },
    { name: 'an RFC 2231 charset next to the one the rewrite sets', raw: `From: a@shop.example\r\nContent-Type: text/html; charset*=iso-8859-1''\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${PIX}\u0151\r\n`, expect: 'sanitised' },
    { name: '<meta charset=utf-7> in the HTML (no browser decodes UTF-7)', raw: `From: a@shop.example\r\nContent-Type: text/html\r\n\r\n<meta charset="utf-7">${PIX}+ADw-img src+AD0-x+AD4-\r\n`, expect: 'sanitised' },
    { name: 'an attachment named .html without a Content-Type', raw: `From: a@shop.example\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/html\r\n\r\n${PIX}\r\n--b\r\nContent-Disposition: attachment; filename=a.html\r\n\r\n${PIX}\r\n--b--\r\n`, expect: 'sanitised' },
  ];
  it.each(cases)('$name: $expect', async ({ raw, expect: outcome }) => {
    const r = await sanitizeEml(raw);
    if (outcome === 'refused') {
      expect(r.errors.map((e) => e.code)).toContain('sanitize-refused');
      expect(r.eml).toHaveLength(0);
      return;
    }
    expect(r.errors.map((e) => e.code)).not.toContain('sanitize-refused');
    expect(r.removed.length).toBeGreaterThan(0);
    expect(await mimeShape(r.eml)).toEqual(await mimeShape(Buffer.from(raw)));
    expect(await strongLeft(r.eml)).toEqual([]);
    const head = Buffer.from(r.eml).toString('latin1');
    expect(head.toLowerCase()).not.toContain('charset*');
  });
});
