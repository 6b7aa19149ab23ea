/**
 * The run's aggregates (one Tally for the scan summary, --summary-json and the HTML report), the
 * checked reading of NDJSON lines, and --shard's partition.
 */
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tally } from '../src/batch/aggregate.js';
import { parseOutline } from '../src/batch/outline-parse.js';
import { outlineOf } from '../src/batch/outline.js';
import { NO_SENDER, OTHER_SENDERS, SENDER_LIMITS } from '../src/batch/senders.js';
import { parseShard, shardOf } from '../src/batch/shard.js';
import { summaryOf } from '../src/batch/summary-data.js';
import { linesOf, readReports } from '../src/report-html/read.js';
import type { Finding, Report } from '../src/types.js';
import { syntheticReports } from './helpers/synthetic-ndjson.js';

const pixel: Finding = {
  kind: 'open-pixel',
  url: 'https://t.example/o.gif?u=1',
  host: 't.example',
  thirdParty: true,
  confidence: 'certain',
  vendor: { id: 'acme', name: 'Acme', category: 'esp' },
  signals: [],
  leaks: [{ encoding: 'md5', location: 'param:u', address: 'me@mail.example' }],
  flags: [{ code: 'x-flag', message: '' }],
  element: { tag: 'img', attribute: 'src', line: 1, col: 1, part: 0 },
  measurement: 'individual',
  explanation: '',
};

function report(source: string, sender: string | null, date: string | null, findings: Finding[] = []): Report {
  return { source, message: { from: null, senderDomain: sender, to: [], subject: 'S', date, messageId: null }, findings, errors: [] };
}

function tally(reports: readonly Report[]): Tally {
  const t = new Tally();
  for (const r of reports) t.add(outlineOf(r));
  return t;
}

describe('summaryOf', () => {
  const s = summaryOf(
    tally([
      report('a', 'shop.example', '2026-01-05T08:00:00.000Z', [pixel, { ...pixel, thirdParty: false, measurement: 'aggregate', leaks: [], flags: [], vendor: null }]),
      report('b', 'shop.example', '2026-01-20T08:00:00.000Z'),
      report('c', 'news.example', '2026-03-01T00:00:00.000Z', [{ ...pixel, kind: 'beacon', vendor: { id: 'ga', name: 'GA', category: 'analytics' } }]),
      report('d', null, null, [pixel]),
      report('e', 'news.example', 'not a date'),
    ]),
  );

  it.each<[string, unknown, unknown]>([
    ['totals', s.totals, { messages: 5, withTrackers: 3, findings: 4, messagesWithLeaks: 3, errors: 0, senders: 3, resumed: 0 }],
    [
      'months (by Date header, undated apart)',
      [s.months, s.undated],
      [
        [
          { month: '2026-01', messages: 2, withTrackers: 1 },
          { month: '2026-03', messages: 1, withTrackers: 1 },
        ],
        { messages: 2, withTrackers: 1 },
      ],
    ],
    [
      'vendors by messages',
      s.vendors.map((v) => [v.id, v.messages, v.findings]),
      [
        ['acme', 2, 2],
        ['', 1, 1],
        ['ga', 1, 1],
      ],
    ],
    [
      'categories with party and measurement',
      s.categories,
      [
        { category: 'esp', messages: 2, findings: 2, firstParty: 0, thirdParty: 2, individual: 2, aggregate: 0 },
        { category: null, messages: 1, findings: 1, firstParty: 1, thirdParty: 0, individual: 0, aggregate: 1 },
        { category: 'analytics', messages: 1, findings: 1, firstParty: 0, thirdParty: 1, individual: 1, aggregate: 0 },
      ],
    ],
    ['leaks by encoding and vendor', s.leaks.byEncoding, [{ encoding: 'md5', findings: 3, vendors: [{ vendor: 'Acme', findings: 2 }, { vendor: 'GA', findings: 1 }] }]],
    ['flags', s.flags, [{ code: 'x-flag', findings: 3 }]],
    ['senders by messages', s.senders.map((x) => [x.domain, x.messages, x.withTrackers, x.leaks, x.shown.length]), [
      ['news.example', 2, 1, 1, 1],
      ['shop.example', 2, 1, 1, 1],
      [NO_SENDER, 1, 1, 1, 1],
    ]],
  ])('%s', (_name, got, want) => expect(got).toEqual(want));

  it('keeps the drill-down row of a message: vendor, URL, leaks and flags', () => {
    expect(s.senders.find((x) => x.domain === 'shop.example')?.shown[0]).toEqual({
      source: 'a',
      date: '2026-01-05T08:00:00.000Z',
      subject: 'S',
      findings: [
        { kind: 'open-pixel', confidence: 'certain', vendor: 'Acme', host: 't.example', url: pixel.url, thirdParty: true, measurement: 'individual', leaks: ['md5@param:u'], flags: ['x-flag'] },
        { kind: 'open-pixel', confidence: 'certain', vendor: null, host: 't.example', url: pixel.url, thirdParty: false, measurement: 'aggregate', leaks: [], flags: [] },
      ],
      linkLeaks: [],
      errors: [],
    });
  });

  // Bounded memory: past the bound, senders are counted together and drill-down rows are counted, not kept.
  it('keeps at most SENDER_LIMITS senders and messages per sender', () => {
    const t = new Tally();
    const base = outlineOf(report('x', 'a.example', null, [pixel]));
    for (let i = 0; i < SENDER_LIMITS.senders + 5; i++) t.add({ ...base, message: { ...base.message, senderDomain: `s${i}.example` } });
    for (let i = 0; i < SENDER_LIMITS.messagesPerSender + 3; i++) t.add(base);
    const sum = summaryOf(t);
    expect(sum.senders).toHaveLength(SENDER_LIMITS.senders + 1);
    expect(sum.senders.find((x) => x.domain === OTHER_SENDERS)?.messages).toBe(5 + SENDER_LIMITS.messagesPerSender + 3);
    expect(sum.senders.reduce((n, x) => n + x.shown.length, 0)).toBeLessThanOrEqual(SENDER_LIMITS.messages);
    expect(sum.senders.every((x) => x.shown.length <= SENDER_LIMITS.messagesPerSender)).toBe(true);
  });

  it('holds its invariants on any archive (seeded)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 1e6 }), (n, seed) => {
        const reports = syntheticReports(n, seed);
        const sum = summaryOf(tally(reports));
        expect(sum.totals.messages).toBe(n);
        expect(sum.senders.reduce((a, x) => a + x.messages, 0)).toBe(n);
        expect(sum.months.reduce((a, m) => a + m.messages, 0) + sum.undated.messages).toBe(n);
        expect(sum.categories.reduce((a, c) => a + c.firstParty + c.thirdParty, 0)).toBe(sum.totals.findings);
        expect(sum.categories.reduce((a, c) => a + c.individual + c.aggregate, 0)).toBe(sum.totals.findings);
        expect(sum.totals.withTrackers).toBe(reports.filter((r) => r.findings.length > 0).length);
        for (const x of sum.senders) expect(x.shown.length + x.notShown).toBe(reports.filter((r) => (r.message.senderDomain ?? NO_SENDER) === x.domain && (r.findings.length > 0 || r.errors.length > 0 || (r.links ?? []).length > 0)).length);
      }),
      { seed: 13, numRuns: 25 },
    );
  });
});

describe('parseOutline', () => {
  const good = JSON.parse(JSON.stringify(report('a.eml', 'shop.example', null, [pixel]))) as Record<string, unknown>;
  it('reads a report as outlineOf does', () => {
    expect(parseOutline(good)).toEqual({ ok: true, outline: outlineOf(report('a.eml', 'shop.example', null, [pixel])) });
  });

  const f0 = (patch: Record<string, unknown>): unknown => ({ ...good, findings: [{ ...pixel, ...patch }] });
  it.each<[string, unknown, string]>([
    ['an array', [], 'the line is not a JSON object'],
    ['null', null, 'the line is not a JSON object'],
    ['no source', { ...good, source: 3 }, 'source is not a string'],
    ['no message', { ...good, message: null }, 'message is not an object'],
    ['findings not an array', { ...good, findings: {} }, 'findings is not an array'],
    ['a finding of an unknown kind', f0({ kind: 'spy' }), 'findings[0].kind is not a finding kind'],
    ['a bad confidence', f0({ confidence: 'sure' }), 'findings[0].confidence is not a confidence'],
    ['a URL not a string', f0({ url: 1 }), 'findings[0].url is not a string'],
    ['thirdParty not a boolean', f0({ thirdParty: 'yes' }), 'findings[0].thirdParty is not a boolean'],
    ['a bad measurement', f0({ measurement: 'some' }), 'findings[0].measurement is not individual or aggregate'],
    ['a vendor without name', f0({ vendor: { id: 'x' } }), 'findings[0].vendor has no id and name'],
    ['a leak without encoding', f0({ leaks: [{}] }), 'findings[0].leaks[0] has no encoding'],
    ['a flag without code', f0({ flags: ['x'] }), 'findings[0].flags[0] has no code'],
    ['an error without code', { ...good, errors: [{}] }, 'errors[0] has no code'],
    ['a link without host', { ...good, links: [{}] }, 'links[0] has no host'],
  ])('refuses %s', (_name, value, reason) => expect(parseOutline(value)).toEqual({ ok: false, reason }));

  it('counts fields an older scanner did not write as empty', () => {
    const { leaks: _l, flags: _f, vendor: _v, ...bare } = pixel;
    const r = parseOutline({ ...good, findings: [bare] });
    expect(r.ok && r.outline.findings[0]).toMatchObject({ leaks: [], flags: [], vendor: null });
  });
});

describe('reading NDJSON', () => {
  const bytes = (parts: string[]): Readable => Readable.from(parts.map((p) => Buffer.from(p)));
  it('splits lines across chunks, keeps a last line without newline, skips an over-long line without keeping it', async () => {
    const got: Array<[number, string | null]> = [];
    for await (const l of linesOf(bytes(['ab', 'c\nde', 'f\n', 'x'.repeat(30), 'y\n\nlast']), 10)) got.push(l);
    expect(got).toEqual([
      [1, 'abc'],
      [2, 'def'],
      [3, null],
      [4, ''],
      [5, 'last'],
    ]);
  });

  it('gives a coded problem for each bad line and goes on', async () => {
    const line = JSON.stringify(report('a', 'shop.example', null));
    const text = `${line}\n{"cut": \n[]\n\n${line}\r\n`;
    const items = [];
    for await (const item of readReports('-', bytes([text]))) items.push(item.kind === 'outline' ? item.outline.source : `${item.problem.line} ${item.problem.code}`);
    expect(items).toEqual(['a', '2 invalid-json', '3 not-a-report', 'a']);
  });

  it('reports a missing file as file-read-failed', async () => {
    const items = [];
    for await (const item of readReports('/nonexistent/scan.ndjson')) items.push(item);
    expect(items).toMatchObject([{ kind: 'problem', problem: { code: 'file-read-failed', line: 0 } }]);
  });
});

describe('--shard', () => {
  it.each<[string, { index: number; count: number } | null]>([
    ['1/1', { index: 1, count: 1 }],
    ['3/10', { index: 3, count: 10 }],
    [' 2/2 ', { index: 2, count: 2 }],
    ['0/4', null],
    ['5/4', null],
    ['1/0', null],
    ['1/2000000', null],
    ['1/2/3', null],
    ['-1/4', null],
    ['a/b', null],
    ['1.5/4', null],
  ])('parses %j', (text, want) => expect(parseShard(text)).toEqual(want));

  it('puts every message in exactly one shard, by its bytes, and spreads them evenly', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) {
      const bytes = new TextEncoder().encode(`Subject: ${i}\r\n\r\nbody`);
      const k = shardOf({ bytes, source: `a/${i}.eml` }, 4);
      expect(shardOf({ bytes, source: `/elsewhere/${i}.eml` }, 4)).toBe(k);
      counts[k - 1] = (counts[k - 1] ?? 0) + 1;
    }
    for (const c of counts) expect(c).toBeGreaterThan(850);
    expect(shardOf({ bytes: null, source: 'missing.eml' }, 4)).toBe(shardOf({ bytes: null, source: 'missing.eml' }, 4));
  });
});
