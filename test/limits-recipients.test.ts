/**
 * maxRecipients: a message may list thousands of To/Cc addresses; each costs every encoded form of
 * the address (about a hundred hashes and encodings). Past the limit the remaining addresses are
 * not searched for, the report says so with `limit-exceeded`, and the findings are still there.
 * The addresses that name this copy's recipient (the `recipient` option, Delivered-To,
 * X-Original-To) are searched first, so a long To list cannot push them out.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, LIMIT_RANGES } from '../src/limits.js';
import { sanitizeEml } from '../src/sanitize/eml.js';
import { sanitizeHtml } from '../src/sanitize/html.js';
import { buildNeedles } from '../src/leaks/needles.js';
import { scanText } from '../src/leaks/scan.js';
import { scanEml } from '../src/scan/eml.js';
import { scanHtml } from '../src/scan/html.js';
import { selectRecipients } from '../src/scan/recipients.js';
import type { Report } from '../src/types.js';

const many = (n: number, domain = 'list.example'): string[] => Array.from({ length: n }, (_, i) => `member${i}@${domain}`);
const pixel = (query: string): string => `<img src="https://t.example/o.gif?${query}" width="1" height="1">`;
const message = (headers: string, html: string): string =>
  `From: news@shop.example\r\n${headers}Subject: hi\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}`;
const limitErrors = (r: Report): string[] => r.errors.filter((e) => e.code === 'limit-exceeded').map((e) => e.message);

describe('maxRecipients', () => {
  it('is a limit like the others: default, range, validated', () => {
    expect(DEFAULT_LIMITS.maxRecipients).toBe(200);
    expect(LIMIT_RANGES.maxRecipients).toEqual([1, 10_000]);
    expect(() => scanHtml('<p>', { limits: { maxRecipients: 0 } })).toThrow(/limits\.maxRecipients must be an integer from 1 to 10000/);
  });

  it('2,000 To addresses: no internal error, the pixel is found, the limit is reported', async () => {
    const to = many(2_000);
    const raw = message(`To: ${to.join(', ')}\r\n`, pixel(`e=${encodeURIComponent(to[3] ?? '')}&id=3f2b8c1e9d4a4b7e`));
    const r = await scanEml(raw);
    expect(r.errors.map((e) => e.code)).not.toContain('internal-error');
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]?.leaks.map((l) => l.address)).toEqual([to[3]]);
    expect(limitErrors(r)).toEqual([
      'The message names 2000 recipient addresses, more than maxRecipients (200); the address leaks of the other 1800 were not searched for.',
    ]);
    // the report still lists every To address: only the search is bounded
    expect(r.message.to).toHaveLength(2_000);
  });

  it('an address past the limit is really not searched for (the bound is what keeps the cost down)', async () => {
    const to = many(2_000);
    // hashed: a plain address in a parameter is a leak whoever it belongs to; a hash is found only by the search
    const hash = createHash('sha256').update(to[1_990] ?? '').digest('hex');
    const raw = message(`To: ${to.join(', ')}\r\n`, pixel(`h=${hash}&id=3f2b8c1e9d4a4b7e`));
    const r = await scanEml(raw);
    expect(r.findings.map((f) => f.leaks)).toEqual([[]]);
    const all = await scanEml(raw, { limits: { maxRecipients: 2_000 } });
    expect(all.findings.map((f) => f.leaks.map((l) => l.address))).toEqual([[to[1_990]]]);
    expect(limitErrors(all)).toEqual([]);
  });

  it('the recipient of this copy is searched first, wherever it stands in the headers', async () => {
    const raw = message(`To: ${many(500).join(', ')}\r\nDelivered-To: me@mail.example\r\n`, pixel('e=me%40mail.example'));
    const r = await scanEml(raw, { limits: { maxRecipients: 10 } });
    expect(r.findings[0]?.leaks.map((l) => l.address)).toEqual(['me@mail.example']);
    const opt = await scanEml(message(`To: ${many(500).join(', ')}\r\n`, pixel('e=you%40mail.example')), {
      recipient: 'you@mail.example',
      limits: { maxRecipients: 1 },
    });
    expect(opt.findings[0]?.leaks.map((l) => l.address)).toEqual(['you@mail.example']);
  });

  it('scanHtml bounds the recipient option the same way', () => {
    const r = scanHtml(pixel('e=member1%40list.example'), { recipient: many(30), limits: { maxRecipients: 5 } });
    expect(r.findings[0]?.leaks.map((l) => l.address)).toEqual(['member1@list.example']);
    expect(limitErrors(r)).toHaveLength(1);
  });

  it('the sanitiser fails closed past it (an unsearched address could make a link a tracker), and works within it', async () => {
    const raw = message(`To: ${many(250).join(', ')}\r\n`, `<p>hi</p>${pixel('e=member240%40list.example')}`);
    const refused = await sanitizeEml(raw);
    expect(refused.eml).toHaveLength(0);
    expect(refused.errors.map((e) => e.code)).toEqual(['limit-exceeded', 'sanitize-refused']);
    const done = await sanitizeEml(raw, { limits: { maxRecipients: 300 } });
    expect(done.errors).toEqual([]);
    expect(done.removed.map((f) => f.leaks.map((l) => l.address))).toEqual([['member240@list.example']]);
    const html = sanitizeHtml(pixel('e=x'), { recipient: many(30), limits: { maxRecipients: 5 } });
    expect([html.html, html.errors.map((e) => e.code)]).toEqual(['', ['limit-exceeded', 'sanitize-refused']]);
  });

  it('within the limit the addresses are kept in order, without duplicates', () => {
    const all = ['b@x.example', 'a@x.example', ' b@x.example ', 'c@x.example'];
    expect(selectRecipients(all, [], 10)).toEqual({ addresses: ['b@x.example', 'a@x.example', 'c@x.example'], total: 3 });
    // past it, the preferred addresses are chosen first but keep their place
    expect(selectRecipients(all, ['c@x.example'], 2)).toEqual({ addresses: ['b@x.example', 'c@x.example'], total: 3 });
  });
});

describe('address search with many recipients', () => {
  it('searches for 1,500 addresses (160,000 needles) on the default stack of a Node main thread', () => {
    // the built library in a plain process: a vitest thread has a larger stack than `node` itself
    const script = `
      import { scanEml } from './dist/index.js';
      const to = Array.from({ length: 1500 }, (_, i) => 'member' + i + '@list.example');
      const raw = 'From: news@shop.example\\r\\nTo: ' + to.join(', ') + '\\r\\nContent-Type: text/html\\r\\n\\r\\n<img src="https://t.example/o.gif?e=member1499%40list.example" width=1 height=1>';
      const r = await scanEml(raw, { limits: { maxRecipients: 1500 } });
      process.stdout.write(JSON.stringify({ errors: r.errors, leaks: r.findings.flatMap((f) => f.leaks.map((l) => l.address)) }));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ errors: [], leaks: ['member1499@list.example'] });
  }, 120_000);

  it('finds exactly what a per-needle search finds (text forms, bounds, case)', () => {
    const set = buildNeedles(['user@example.com', 'ser@example.com', 'Other.Person@Mail.example']);
    const texts = [
      'e=user@example.com',
      'e=otheruser@example.com',
      'e=user@example.com.evil',
      'x=dXNlckBleGFtcGxlLmNvbQ',
      'e=OTHER.PERSON%40MAIL.EXAMPLE&f=ser@example.com',
      'e=user%40example.com',
      'plain',
    ];
    for (const text of texts) {
      const expected = naiveTextHits(text, set.texts).map((n) => n.value);
      const got = scanText(text, set).filter((n) => n.match === 'text' || n.match === 'text-exact-case').map((n) => n.value);
      expect(got, text).toEqual(expected);
    }
  });
});

/** The per-needle reference search the automaton replaces (one `indexOf` walk per needle). */
function naiveTextHits(text: string, needles: ReturnType<typeof buildNeedles>['texts']): typeof needles[number][] {
  const lower = text.toLowerCase();
  const alnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return needles.filter((n) => {
    if (n.match === 'text-exact-case') return text.includes(n.value);
    for (let at = lower.indexOf(n.value); at >= 0; at = lower.indexOf(n.value, at + 1)) {
      const before = at > 0 ? lower.charCodeAt(at - 1) : 32;
      const end = at + n.value.length;
      const after = end < lower.length ? lower.charCodeAt(end) : 32;
      const afterDot = after === 46 && end + 1 < lower.length && alnum(lower.charCodeAt(end + 1));
      if (!alnum(before) && before !== 46 && !alnum(after) && !afterDot) return true;
    }
    return false;
  });
}
