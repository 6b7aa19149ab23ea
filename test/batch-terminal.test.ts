/**
 * Terminal escape sequences from a message (Subject, file name, charset name, URL parts) never
 * reach the table output as control characters (issue 12, item 10); JSON, NDJSON and CSV keep the
 * exact data, and CSV cells that a spreadsheet would run as a formula stay neutralised.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatReport, formatTable } from '../src/batch/format.js';
import { csvRecords } from '../src/batch/csv.js';
import { terminalLines, terminalSafe } from '../src/batch/terminal.js';
import type { Report } from '../src/types.js';

/** Everything a terminal acts on or reorders: C0 (with ESC, BEL, CR, BS), DEL, C1 (CSI 0x9b), bidi. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]/;

const EVIL = 'Sale\u001b]0;pwned\u0007\u001b[2J\u001b[1A\r\b\u009b31m\u202egnp.exe\n  error fake';

const report: Report = {
  source: `mail/a\u001b[31m${'\u202e'}.eml`,
  message: { from: 'news@shop.example', senderDomain: 'shop.example', to: [], subject: EVIL, date: null, messageId: null },
  findings: [
    {
      kind: 'open-pixel',
      url: 'https://t.example/o.gif?x=1',
      host: 't.example',
      thirdParty: true,
      confidence: 'likely',
      vendor: null,
      signals: ['size-1x1'],
      leaks: [{ encoding: 'plain', location: 'param:\u001b[8m', address: 'me@mail.example' }],
      flags: [],
      element: { tag: 'img', attribute: 'src', line: 1, col: 1, part: 0 },
      measurement: 'individual',
      explanation: 'x',
    },
  ],
  errors: [{ code: 'unknown-charset', message: 'Unknown or refused charset "x\u001b]52;c;ZXZpbA==\u0007"; decoded as UTF-8/windows-1252.' }],
};

describe('terminal output', () => {
  it('the table has no control or bidi character but its own line breaks', () => {
    const table = formatTable(report);
    for (const line of table.split('\n')) expect(line).not.toMatch(UNSAFE);
    // the newline inside the Subject does not start a line of its own
    expect(table.split('\n').some((l) => l.startsWith('  error fake'))).toBe(false);
    expect(table).toContain('Sale\\u001b]0;pwned\\u0007');
    expect(table).toContain('address as plain in param:\\u001b[8m');
    expect(table).toContain('refused charset "x\\u001b]52;c;ZXZpbA==\\u0007"');
  });

  it('JSON and NDJSON keep the exact data', () => {
    expect(JSON.parse(formatReport('ndjson', report))).toEqual(report);
    expect(JSON.parse(formatReport('json', report))).toEqual(report);
  });

  it('CSV keeps the exact data and neutralises formula cells', () => {
    const row = csvRecords({ ...report, source: '=HYPERLINK("http://x.example")' })[0] ?? '';
    expect(row.startsWith(`"'=HYPERLINK(""http://x.example"")"`)).toBe(true);
    expect(csvRecords(report)[0]).toContain(report.source);
  });

  it.each([
    ['plain text is unchanged', 'Spring sale – 20 %', 'Spring sale – 20 %'],
    ['ESC and BEL', 'a\u001bb\u0007', 'a\\u001bb\\u0007'],
    ['C1 CSI', '\u009b2J', '\\u009b2J'],
    ['a bidi override', 'exe.\u202etxt', 'exe.\\u202etxt'],
    ['a newline', 'a\nb', 'a\\u000ab'],
  ])('%s', (_name, input, expected) => {
    expect(terminalSafe(input)).toBe(expected);
  });

  it('the CLI table and summary show a hostile Subject and file name inertly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spypixel-term-'));
    const file = join(dir, 'evil\u001b]0;title\u0007.eml');
    writeFileSync(
      file,
      `From: news@shop.example\r\nSubject: ${EVIL.replace('\n', ' ')}\r\nContent-Type: text/html; charset="x\u001b[2J"\r\n\r\n<img src="https://t.example/o.gif?u=3f2b8c1e9d4a4b7e" width=1 height=1>`,
    );
    const r = spawnSync(process.execPath, ['dist/cli.js', 'scan', dir, '--fail-on', 'none'], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    expect(r.status).toBe(0);
    for (const line of `${r.stdout}${r.stderr}`.split('\n')) expect(line).not.toMatch(UNSAFE);
    expect(r.stdout).toContain('evil\\u001b]0;title\\u0007.eml');
    expect(terminalLines('a\n\u001b')).toBe('a\n\\u001b');
  });
});
