/**
 * The MIME layer's layout: the byte offsets it gives for each part it reads hold exactly that
 * part, so the sanitiser can edit the message by them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeCharset, decodeTransfer } from '../src/mime/decode.js';
import { headerBlockEnd, type MessageLayout } from '../src/mime/layout.js';
import { parseMail, parseMailLayout } from '../src/mime/node.js';
import { parseMailLayoutWith } from '../src/mime/parse.js';
import { POSTAL_BACKEND } from '../src/mime/postal.js';

const files = [
  ...readdirSync('samples').filter((f) => f.endsWith('.eml')).map((f) => join('samples', f)),
  ...readdirSync('test/fixtures/mime').filter((f) => f.endsWith('.eml')).map((f) => join('test/fixtures/mime', f)),
];

describe('parseMailLayout', () => {
  it.each(files)('%s: each part read lies at its offsets', async (file) => {
    const raw = readFileSync(file);
    const { mail, layout } = await parseMailLayout(raw);
    expect(layout).not.toBeNull();
    const stack: MessageLayout[] = layout === null ? [] : [layout];
    let html = 0;
    for (let m = stack.pop(); m !== undefined; m = stack.pop()) {
      expect(m.exact).toBe(true);
      for (const leaf of m.leaves) {
        const header = Buffer.from(m.bytes).toString('latin1', leaf.headerStart, leaf.headerEnd);
        expect(header).toMatch(/^(?:|[\s\S]*\n)$/);
        expect(header.toLowerCase()).toContain(leaf.kind === 'html' ? 'text/html' : 'message/rfc822');
        const body = decodeTransfer(m.bytes.subarray(leaf.bodyStart, leaf.bodyEnd), leaf.encoding).value;
        if (leaf.kind === 'html' && leaf.part !== null) {
          html++;
          expect(decodeCharset(body, leaf.charset).value).toBe(mail.htmlParts[leaf.part]?.html);
        }
        if (leaf.message !== null) {
          expect(Buffer.from(leaf.message.bytes).equals(body)).toBe(true);
          stack.push(leaf.message);
        }
      }
    }
    expect(html).toBe(mail.htmlParts.length);
  });

  it('says when the splitter did not read to the end', async () => {
    const raw = `Content-Type: text/html\r\nX-Big: ${'a'.repeat(300 * 1024)}\r\n\r\n<p>x</p>`;
    const { layout } = await parseMailLayout(raw);
    expect(layout?.exact ?? false).toBe(false);
  });

  // postal-mime does not say where a part lies: no layout, so sanitizeEml refuses instead of
  // editing by guessed offsets, while the parts it reads are still the scanner's
  it('gives no layout from a backend without byte offsets, and the same mail', async () => {
    const raw = readFileSync('samples/06-mailchimp-click-redirects.eml');
    const postal = await parseMailLayoutWith(POSTAL_BACKEND, raw);
    expect(postal.layout).toBeNull();
    expect(postal.mail.htmlParts.map((p) => p.path)).toEqual((await parseMail(raw)).htmlParts.map((p) => p.path));
  });

  it.each([
    ['A: b\r\n\r\nbody', 8, 6],
    ['A: b\n\nbody', 6, 5],
    ['\r\nbody', 2, 0],
    ['A: b\r\n', 6, 6],
  ])('headerBlockEnd(%j)', (text, bodyStart, end) => {
    expect(headerBlockEnd(Buffer.from(text), 0, bodyStart)).toBe(end);
  });
});
