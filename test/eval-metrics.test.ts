import { describe, expect, it } from 'vitest';
import { parseThresholds } from '../src/cli/eval-command.js';
import { UsageError } from '../src/cli/scan-command.js';
import type { EmailLabel, TrackerLabel } from '../src/eval/labels.js';
import { evalMetrics, gateFailures, type EvalMetrics } from '../src/eval/metrics.js';
import { scoreReports } from '../src/eval/score.js';
import type { Finding, FindingKind, Leak, Report } from '../src/types.js';

function finding(kind: FindingKind, url: string, vendor: string | null, leaks: Leak[] = []): Finding {
  return {
    kind, url, host: new URL(url).host, thirdParty: true, confidence: 'certain',
    vendor: vendor === null ? null : { id: vendor.toLowerCase(), name: vendor, category: 'esp' },
    signals: [], leaks, flags: [], element: { tag: 'img', attribute: 'src', line: 1, col: 1, part: 0 },
    measurement: 'individual', explanation: '',
  };
}

function label(kind: FindingKind, url: string, vendor: string | null, leaksEmail: string | null = null): TrackerLabel {
  return { url, kind, vendor, leaksEmail, optional: false };
}

function email(file: string, trackers: TrackerLabel[]): EmailLabel {
  return { file, format: 'eml', recipient: null, trackers, otherLeaks: [] };
}

function report(findings: Finding[]): Report {
  return { source: 'x', message: { from: null, senderDomain: null, to: [], subject: null, date: null, messageId: null }, findings, errors: [] };
}

const plainLeak: Leak = { encoding: 'plain', location: 'param:e', address: 'me@mail.example' };

describe('evalMetrics', () => {
  // Two emails: a newsletter with a pixel (leaking the address), two click schemes (one found, one
  // missed) and two extra click findings; a clean email with one stray pixel finding.
  const emails = [
    email('a.eml', [
      label('open-pixel', 't.esp.example/o', 'Acme ESP', 'plain'),
      label('click-redirect', 't.esp.example/c', 'Acme ESP'),
      label('click-redirect', 'r.other.example/l', null),
    ]),
    email('b.eml', []),
  ];
  const reports = [
    report([
      finding('open-pixel', 'https://t.esp.example/o?e=me%40mail.example', 'Acme ESP', [plainLeak]),
      finding('click-redirect', 'https://t.esp.example/c/123', 'Other Vendor'),
      finding('click-redirect', 'https://go.shop.example/view-online', null),
      finding('click-redirect', 'https://go.shop.example/unsubscribe', null),
    ]),
    report([finding('open-pixel', 'https://cdn.shop.example/p.gif', null)]),
  ];
  const m = evalMetrics(scoreReports(emails, reports));

  it.each([
    ['pixelRecall', 1],
    ['pixelPrecision', 0.5],
    ['clickRecall', 0.5],
    ['clickPrecision', 1 / 3],
    ['vendor', 0.5],
    ['leaks', 1],
    ['cleanFindings', 1],
  ] as const)('%s = %s', (key, want) => expect(m[key]).toBeCloseTo(want, 9));

  it('has nothing to measure without labels or findings', () => {
    const none = evalMetrics(scoreReports([email('c.eml', [])], [report([])]));
    expect(none).toEqual({ pixelRecall: null, pixelPrecision: null, clickRecall: null, clickPrecision: null, vendor: null, leaks: null, cleanFindings: 0 });
  });
});

describe('label matching', () => {
  // Labels are substrings of the HTML; findings carry parsed URLs, which drop default ports.
  it.each([
    ['webmail.example.kr:443/checkread_N?r=', 'https://webmail.example.kr/checkread_N?r=abc', 1],
    ['t.example:80/o/', 'http://t.example/o/123', 1],
    ['t.example:8443/o/', 'https://t.example:8443/o/123', 1],
    ['t.example:8443/o/', 'https://t.example/o/123', 0],
  ] as const)('%s vs %s', (needle, url, found) => {
    const s = scoreReports([email('p.eml', [label('open-pixel', needle, null)])], [report([finding('open-pixel', url, null)])]);
    expect(s.byKind['open-pixel'].found).toBe(found);
  });
});

describe('gateFailures', () => {
  const m: EvalMetrics = { pixelRecall: 0.99, pixelPrecision: 0.97, clickRecall: 0.9, clickPrecision: 1, vendor: 0.85, leaks: null, cleanFindings: 1 };
  it.each([
    ['no thresholds', {}, []],
    ['every figure at its level', { pixelRecall: 0.99, pixelPrecision: 0.97, clickRecall: 0.9, clickPrecision: 1, vendor: 0.85, maxCleanFindings: 1 }, []],
    ['click recall dropped', { clickRecall: 0.95 }, ['click-redirect recall 0.900 is below 0.95']],
    ['click precision dropped', { clickPrecision: 1.0 }, []],
    ['vendor attribution dropped', { vendor: 0.9 }, ['vendor attribution 0.850 is below 0.9']],
    ['pixel precision dropped', { pixelPrecision: 0.98 }, ['pixel+beacon precision 0.970 is below 0.98']],
    ['nothing to measure passes', { leaks: 1 }, []],
    ['clean mail got a finding', { maxCleanFindings: 0 }, ['1 findings on clean emails, more than 0']],
  ])('%s', (_name, thresholds, want) => expect(gateFailures(m, thresholds)).toEqual(want));
});

describe('parseThresholds', () => {
  it('maps each flag to its figure', () => {
    expect(
      parseThresholds({ 'min-recall': '0.98', 'min-precision': '0.97', 'min-click-recall': '0.9', 'min-click-precision': '1', 'min-vendor': '0.85', 'min-leaks': '1', 'max-clean-findings': '0' }),
    ).toEqual({ pixelRecall: 0.98, pixelPrecision: 0.97, clickRecall: 0.9, clickPrecision: 1, vendor: 0.85, leaks: 1, maxCleanFindings: 0 });
  });
  it.each([
    [{ 'min-vendor': 'x' }],
    [{ 'min-vendor': '' }],
    [{ 'min-click-recall': '1.5' }],
    [{ 'min-leaks': '-0.1' }],
    [{ 'max-clean-findings': '0.5' }],
  ])('rejects %o', (values) => expect(() => parseThresholds(values)).toThrow(UsageError));
});

describe('address leaks in ordinary links', () => {
  const link = (url: string): NonNullable<Report['links']>[number] =>
    ({ urls: [url], leaks: [plainLeak] }) as unknown as NonNullable<Report['links']>[number];
  it.each([
    ['as written', 'shop.example/u?e=me@mail.example', 'https://shop.example/u?e=me@mail.example', 1],
    ['non-ASCII written raw in the label', 'shop.example/p?name=Schüle&email=me@mail.example', 'https://shop.example/p?name=Sch%C3%BCle&email=me@mail.example', 1],
    ['a query right after the host', 'wec.shop.example?name=me@mail.example', 'http://wec.shop.example/?name=me@mail.example', 1],
    ['another link', 'shop.example/u?e=me@mail.example', 'https://shop.example/other?e=me@mail.example', 0],
    ['another host that begins the same', 'wec.shop.example?name=me@mail.example', 'http://wec.shop.example.evil.example/?name=me@mail.example', 0],
  ])('%s', (_n, labelled, reported, found) => {
    const e: EmailLabel = { ...email('a.eml', []), otherLeaks: [{ url: labelled, leaksEmail: 'plain' }] };
    const r: Report = { ...report([]), links: [link(reported)] };
    expect(scoreReports([e], [r]).linkLeaksFound).toBe(found);
  });
});
