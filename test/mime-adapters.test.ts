/**
 * The two MIME backends behind the adapter boundary give the same scan: mailsplit (Node's default)
 * and postal-mime (the browser build's). Every sample must agree exactly; the MIME fixtures too,
 * except for the differences listed (and documented in the README, "In the browser").
 * test/browser/demo.test.ts checks the browser build itself, in Chromium, on every sample.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../src/catalogue/index.js';
import type { MimeBackend } from '../src/mime/backend.js';
import { NODE_BACKEND } from '../src/mime/node.js';
import { parseMailWith } from '../src/mime/parse.js';
import { POSTAL_BACKEND } from '../src/mime/postal.js';
import { scanEmlWith } from '../src/scan/eml-core.js';
import type { Report } from '../src/types.js';

function scanWith(backend: MimeBackend, raw: Uint8Array): Promise<Report> {
  return scanEmlWith({ parseMail: (r, o) => parseMailWith(backend, r, o), defaultCatalogue }, raw, { recipient: 'me@mail.example' });
}

/**
 * postal-mime with Node's charset decoders: Node 20's TextDecoder reads windows-1252 as ISO-8859-1
 * (“ ” € become C1 controls), which browsers do not; the browser build is checked in Chromium.
 */
const POSTAL_IN_NODE: MimeBackend = { ...POSTAL_BACKEND, decodeCharset: NODE_BACKEND.decodeCharset };

/** The parsed message without the html text (whose line endings postal-mime normalises). */
async function structure(backend: MimeBackend, raw: Uint8Array): Promise<unknown> {
  const mail = await parseMailWith(backend, raw);
  return { ...mail, htmlParts: mail.htmlParts.map(({ html, ...meta }) => ({ ...meta, text: html.replace(/\r\n/g, '\n').trimEnd() })) };
}

function emls(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => join(dir, f));
}

/** Known, accepted differences: postal-mime decodes base64 leniently and says nothing. */
const KNOWN: Readonly<Record<string, (node: Report, postal: Report) => Report>> = {
  'test/fixtures/mime/bad-base64.eml': (node) => ({ ...node, errors: node.errors.filter((e) => e.code !== 'mime-decode-failed') }),
};

describe('postal-mime and mailsplit backends agree', () => {
  it.each(emls('samples'))('%s', async (file) => {
    const raw = readFileSync(file);
    expect(await scanWith(POSTAL_BACKEND, raw)).toEqual(await scanWith(NODE_BACKEND, raw));
    expect(await structure(POSTAL_IN_NODE, raw)).toEqual(await structure(NODE_BACKEND, raw));
  });

  it.each([...emls('test/fixtures/mime'), ...emls('test/fixtures/batch'), ...emls('test/fixtures/sanitize')])('%s', async (file) => {
    const raw = readFileSync(file);
    const node = await scanWith(NODE_BACKEND, raw);
    const postal = await scanWith(POSTAL_BACKEND, raw);
    const expected = KNOWN[file]?.(node, postal) ?? node;
    expect(postal).toEqual(expected);
    if (KNOWN[file] === undefined) expect(await structure(POSTAL_IN_NODE, raw)).toEqual(await structure(NODE_BACKEND, raw));
  });

  it('the known difference is still there (else drop it from the list)', async () => {
    const raw = readFileSync('test/fixtures/mime/bad-base64.eml');
    expect((await scanWith(NODE_BACKEND, raw)).errors.map((e) => e.code)).toContain('mime-decode-failed');
    expect((await scanWith(POSTAL_BACKEND, raw)).errors.map((e) => e.code)).not.toContain('mime-decode-failed');
  });

  it.each<[string, string]>([
    ['Latin-1 raw Subject', 'Subject: Une fin d\u00e9e\r\nContent-Type: text/html\r\n\r\n<p>x</p>'],
    ['folded To', 'To: a@x.example,\r\n  b@x.example\r\nContent-Type: text/html\r\n\r\n<p>x</p>'],
    ['platform-hint headers, folded and repeated', 'X-Mailer: Acme\r\n \t Mailer 2\r\nFeedback-ID: 1:2:3\r\nX-Mailgun-Tag: a\r\nX-Mailgun-Tag: b\r\nContent-Type: text/html\r\n\r\n<p>x</p>'],
    ['a flood of distinct X- headers', `${Array.from({ length: 100 }, (_, i) => `X-H${i}: v${i}\r\n`).join('')}Content-Type: text/html\r\n\r\n<p>x</p>`],
    ['no header at all', '\r\n<p>x</p>'],
    ['multipart never closed', 'Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>x</p>\r\n'],
    ['multipart without parts', 'Content-Type: multipart/mixed; boundary=b\r\n\r\nno parts\r\n'],
    ['attached html file', 'Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/html\r\nContent-Disposition: attachment\r\n\r\n<p>x</p>\r\n--b--\r\n'],
    ['unknown transfer encoding', 'Content-Type: text/html\r\nContent-Transfer-Encoding: x-weird\r\n\r\n<p>x</p>\r\n'],
  ])('%s', async (_name, text) => {
    const raw = Uint8Array.from(text, (c) => c.charCodeAt(0));
    expect(await scanWith(POSTAL_BACKEND, raw)).toEqual(await scanWith(NODE_BACKEND, raw));
    expect(await structure(POSTAL_IN_NODE, raw)).toEqual(await structure(NODE_BACKEND, raw));
  });
});
