import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvCell, csvHeader, csvRecords } from '../src/batch/csv.js';
import { formatTable } from '../src/batch/format.js';
import { formatProgress, showProgress } from '../src/batch/progress.js';
import { isCutReport, readResume, resumedSources, sourceKey } from '../src/batch/resume.js';
import { formatTally, outlineOf, Tally } from '../src/batch/summary.js';
import type { Finding, Report } from '../src/types.js';

const finding: Finding = {
  kind: 'open-pixel',
  url: 'https://t.example/o.gif?u=abc',
  host: 't.example',
  thirdParty: true,
  confidence: 'certain',
  vendor: { id: 'acme', name: 'Acme, Inc.', category: 'esp' },
  signals: ['known-endpoint', 'identifier-param'],
  leaks: [{ encoding: 'md5', location: 'param:u', address: 'me@mail.example' }],
  flags: [{ code: 'x-flag', message: 'm' }],
  element: { tag: 'img', attribute: 'src', line: 1, col: 1, part: 0 },
  measurement: 'individual',
  explanation: 'When you open the message, this image is loaded.',
};
const report = (source: string, findings: Finding[] = []): Report => ({
  source,
  message: { from: 'a@shop.example', senderDomain: 'shop.example', to: [], subject: null, date: '2024-01-01T00:00:00.000Z', messageId: null },
  findings,
  errors: [],
});

describe('csv', () => {
  const cells: Array<[string, string]> = [
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['=a,b', `"'=a,b"`],
    ['', ''],
  ];
  it.each(cells)('%j → %j', (input, want) => expect(csvCell(input)).toBe(want));

  it('writes the header and one CRLF row per finding', () => {
    expect(csvHeader()).toBe('source,date,sender_domain,kind,vendor,category,host,third_party,confidence,leaks,flags,measurement,url,subject,explanation\r\n');
    const tail = 'https://t.example/o.gif?u=abc,,"When you open the message, this image is loaded."';
    expect(csvRecords(report('m.eml', [finding, { ...finding, signals: [], leaks: [], vendor: null, measurement: 'aggregate' }]))).toEqual([
      `m.eml,2024-01-01T00:00:00.000Z,shop.example,open-pixel,"Acme, Inc.",esp,t.example,true,certain,md5@param:u,x-flag,individual,${tail}\r\n`,
      `m.eml,2024-01-01T00:00:00.000Z,shop.example,open-pixel,,,t.example,true,certain,,x-flag,aggregate,${tail}\r\n`,
    ]);
    expect(csvRecords(report('clean.eml'))).toEqual([]);
  });

  it('writes the measurement the scanner decided in its column', () => {
    const row = csvRecords(report('m.eml', [{ ...finding, vendor: null, measurement: 'aggregate' }]))[0] ?? '';
    expect(row.split(',')[11]).toBe('aggregate');
  });

  // Columns are appended, never moved: a script reading column 12 by position keeps working.
  it('appends url, subject and explanation after the original columns', () => {
    const withSubject: Report = { ...report('m.eml', [finding]), message: { ...report('m.eml').message, subject: '=cmd|subject, "quoted"' } };
    const row = csvRecords(withSubject)[0] ?? '';
    expect(row.endsWith(`,https://t.example/o.gif?u=abc,"'=cmd|subject, ""quoted""","When you open the message, this image is loaded."\r\n`)).toBe(true);
  });
});

describe('table', () => {
  it('shows each finding URL on the line under it, cut after 300 characters', () => {
    const long = `https://t.example/o.gif?u=${'a'.repeat(400)}`;
    const lines = formatTable(report('m.eml', [finding, { ...finding, url: long }])).split('\n');
    const at = lines.findIndex((l) => l.includes('Acme, Inc.'));
    expect(lines[at + 1]).toBe('    https://t.example/o.gif?u=abc');
    expect(lines[at + 3]).toBe(`    ${long.slice(0, 299)}…`);
  });
});

describe('readResume', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spypixel-resume-'));
  it('takes complete lines and leaves a cut last line undone, without touching the file', async () => {
    const path = join(dir, 'out.ndjson');
    const text = `${JSON.stringify(report('a.eml', [finding]))}\n${JSON.stringify(report('b.eml'))}\n${JSON.stringify(report('c.eml')).slice(0, 40)}`;
    writeFileSync(path, text);
    const seen: string[] = [];
    const state = await readResume(path, (r) => seen.push(r.source));
    expect([...state.done]).toEqual(['a.eml', 'b.eml']);
    expect(state.partialLastLine).toBe(true);
    expect(state.keep).toBe(Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1)));
    expect(isCutReport(state.tail)).toBe(true);
    expect(seen).toEqual(['a.eml', 'b.eml']);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('treats a missing file as a fresh start and a complete file as complete', async () => {
    expect(await readResume(join(dir, 'none.ndjson'), () => undefined)).toEqual({ done: new Set(), partialLastLine: false, keep: 0, tail: '' });
    const path = join(dir, 'full.ndjson');
    writeFileSync(path, `${JSON.stringify(report('a.eml'))}\nnot json\n`);
    const state = await readResume(path, () => undefined);
    expect([[...state.done], state.partialLastLine]).toEqual([['a.eml'], false]);
  });

  it('compares sources by resolved path, keeping the mbox position', async () => {
    const path = join(dir, 'spelled.ndjson');
    writeFileSync(path, `${JSON.stringify(report('./d/x.mbox#0@0'))}\n${JSON.stringify(report('stdin'))}\n`);
    const isDone = resumedSources(await readResume(path, () => undefined));
    expect(['d/x.mbox#0@0', `${process.cwd()}/d/x.mbox#0@0`, 'd/./x.mbox#0@0', 'stdin'].map(isDone)).toEqual([true, true, true, true]);
    expect(['d/x.mbox#1@0', 'd/x.mbox', 'x.mbox#0@0'].map(isDone)).toEqual([false, false, false]);
    expect(sourceKey('dir#1/a#b.eml')).toBe(`${process.cwd()}/dir#1/a#b.eml`);
  });

  it('only a torn line that starts a report may be cut off', () => {
    expect(isCutReport('{"source":"a.eml","mess')).toBe(true);
    expect(isCutReport('Subject: a letter')).toBe(false);
  });
});

describe('summary and progress', () => {
  it('tallies messages, vendors and errors by code', () => {
    const t = new Tally();
    t.add(outlineOf(report('a', [finding])));
    const failed: Report = { ...report('b'), errors: [{ code: 'limit-exceeded', message: '' }] };
    t.add(outlineOf(failed));
    expect(formatTally(t)).toBe('2 messages scanned, 1 with trackers, 1 finding (open-pixel 1); 1 error (limit-exceeded 1)\nby vendor: Acme, Inc. 1');
  });

  it('formats progress with total, rate and ETA', () => {
    expect(formatProgress({ messages: 50, totalMessages: 100, bytes: 5e6, totalBytes: 1e7, findings: 7, elapsedMs: 5000 })).toBe(
      '50/100 messages · 5.0/10 MB · 10 msg/s · ETA 5s · 7 findings',
    );
    expect(formatProgress({ messages: 3, totalMessages: null, bytes: 0, totalBytes: 0, findings: 0, elapsedMs: 0 })).toContain('ETA ?');
  });

  it('shows progress only on a terminal, outside CI, unless quiet', () => {
    expect(showProgress(true, {}, false)).toBe(true);
    expect(showProgress(true, { CI: 'true' }, false)).toBe(false);
    expect(showProgress(false, {}, false)).toBe(false);
    expect(showProgress(true, {}, true)).toBe(false);
  });
});
