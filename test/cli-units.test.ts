/**
 * The pure parts of the CLI conventions: exit code, colour decision, usage messages, version
 * lookup, closed-pipe detection, and the table and summary in each language and with colour.
 */
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { formatTable } from '../src/batch/format.js';
import { formatTally, outlineOf, Tally } from '../src/batch/summary.js';
import { TABLE_WORDS } from '../src/batch/table-text.js';
import { notScannedInFull, UNSCANNED_CODES } from '../src/batch/unscanned.js';
import { useColor } from '../src/cli/color.js';
import { exitCodeOf, type RunOutcome } from '../src/cli/exit-code.js';
import { isClosedPipe } from '../src/cli/pipe.js';
import { helpHint, UsageError, usageMessage, wantsHelp } from '../src/cli/usage.js';
import { packageVersion } from '../src/cli/version.js';
import type { ErrorCode, Finding, Report } from '../src/types.js';

const ok: RunOutcome = {
  interrupted: false,
  readerClosed: false,
  outputFailed: false,
  inputErrors: 0,
  noMessage: false,
  errorsByCode: new Map(),
  byConfidence: new Map(),
  failOn: 'possible',
};

describe('exitCodeOf', () => {
  const found = new Map([['likely', 2]]);
  it.each([
    ['nothing found', {}, 0],
    ['a finding at --fail-on', { byConfidence: found }, 1],
    ['a finding under --fail-on', { byConfidence: found, failOn: 'certain' }, 0],
    ['a finding, --fail-on none', { byConfidence: found, failOn: 'none' }, 0],
    ['a missing path', { inputErrors: 1 }, 2],
    ['a missing path and a finding', { inputErrors: 1, byConfidence: found }, 2],
    ['an empty file', { errorsByCode: new Map([['invalid-input', 1]]) }, 2],
    ['a message too large', { errorsByCode: new Map([['limit-exceeded', 1]]), byConfidence: found }, 2],
    ['a plain-text message (no HTML)', { errorsByCode: new Map([['no-html-body', 4]]) }, 0],
    ['no message at all', { noMessage: true }, 2],
    ['the output failed', { outputFailed: true }, 2],
    ['the reader closed the pipe', { readerClosed: true, byConfidence: found, inputErrors: 1 }, 0],
    ['interrupted', { interrupted: true, readerClosed: true }, 130],
  ] as Array<[string, Partial<RunOutcome>, number]>)('%s → %s', (_name, change, code) => {
    expect(exitCodeOf({ ...ok, ...change })).toBe(code);
  });

  it('names only codes of messages not read in full', () => {
    const scanned: ErrorCode[] = ['no-html-body', 'unknown-charset', 'url-invalid', 'css-parse-failed', 'html-parse-failed', 'mime-decode-failed'];
    for (const c of scanned) expect(UNSCANNED_CODES.has(c)).toBe(false);
    expect(notScannedInFull([{ code: 'no-html-body' }, { code: 'mime-parse-failed' }])).toBe(true);
    expect(notScannedInFull([{ code: 'no-html-body' }])).toBe(false);
  });
});

describe('useColor', () => {
  it.each([
    ['auto', true, {}, true],
    ['auto', false, {}, false],
    ['auto', true, { NO_COLOR: '1' }, false],
    ['auto', true, { NO_COLOR: '' }, true],
    ['auto', true, { TERM: 'dumb' }, false],
    ['auto', false, { FORCE_COLOR: '1' }, true],
    ['auto', false, { FORCE_COLOR: '' }, true],
    ['auto', true, { FORCE_COLOR: '0' }, false],
    ['auto', true, { FORCE_COLOR: 'false' }, false],
    ['auto', false, { FORCE_COLOR: '3', NO_COLOR: '1' }, true],
    ['always', false, { NO_COLOR: '1' }, true],
    ['never', true, { FORCE_COLOR: '1' }, false],
  ] as const)('--color %s, tty %s, %j → %s', (when, tty, env, want) => {
    expect(useColor(when, tty, env)).toBe(want);
  });
});

describe('usage messages', () => {
  const parse = (args: string[], allowPositionals = false): unknown => {
    try {
      parseArgs({ args, allowPositionals, options: { format: { type: 'string', short: 'f' } } });
      return null;
    } catch (e) {
      return e;
    }
  };
  it.each([
    [parse(['--nope']), "unknown option '--nope'"],
    [parse(['-f']), "option '-f, --format <value>' argument missing"],
    [parse(['x']), "unexpected argument 'x'"],
    [new UsageError('unknown format "xml"'), 'unknown format "xml"'],
    [new Error('EACCES'), null],
    ['a string', null],
  ])('%s → %j', (error, want) => expect(usageMessage(error)).toBe(want));

  it('finds --help before -- only', () => {
    expect(wantsHelp(['a', '-h'])).toBe(true);
    expect(wantsHelp(['--', '--help'])).toBe(false);
    expect(wantsHelp(['--helpful'])).toBe(false);
    expect(helpHint('scan')).toBe("Try 'spypixel scan --help'.");
    expect(helpHint(null)).toBe("Try 'spypixel --help'.");
  });
});

describe('packageVersion', () => {
  it('walks up to the package.json named spypixel', () => {
    const files: Record<string, string> = {
      '/p/node_modules/spypixel/package.json': '{"name":"spypixel","version":"9.8.7"}',
      '/p/package.json': '{"name":"app","version":"1.0.0"}',
    };
    const read = (u: URL): string | null => files[u.pathname] ?? null;
    expect(packageVersion(new URL('file:///p/node_modules/spypixel/dist/cli.js'), read)).toBe('9.8.7');
    expect(packageVersion(new URL('file:///p/src/cli.js'), read)).toBe(null);
    expect(packageVersion(new URL('file:///x/y.js'), () => 'not json')).toBe(null);
  });
});

describe('isClosedPipe', () => {
  it('knows EPIPE, also wrapped as a cause', () => {
    const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    expect(isClosedPipe(epipe)).toBe(true);
    expect(isClosedPipe(new Error('cannot write', { cause: epipe }))).toBe(true);
    expect(isClosedPipe(Object.assign(new Error('full'), { code: 'ENOSPC' }))).toBe(false);
    expect(isClosedPipe(null)).toBe(false);
  });
});

const finding: Finding = {
  kind: 'click-redirect',
  url: 'https://t.example/c?u=abc',
  host: 't.example',
  thirdParty: true,
  confidence: 'certain',
  vendor: null,
  signals: [],
  leaks: [{ encoding: 'md5', location: 'param:u', address: 'me@mail.example' }],
  flags: [],
  element: { tag: 'a', attribute: 'href', line: 1, col: 1, part: 0 },
  measurement: 'individual',
  explanation: '',
  count: 3,
};
const report: Report = {
  source: 'm.eml',
  message: { from: 'a@shop.example', senderDomain: 'shop.example', to: [], subject: 'Hi', date: null, messageId: null },
  findings: [finding],
  errors: [{ code: 'url-invalid', message: 'bad' }],
};

describe('formatTable', () => {
  it('writes English with the kind codes, unchanged by default', () => {
    expect(formatTable(report).split('\n')).toEqual([
      'm.eml',
      '  from a@shop.example · “Hi”',
      '  KIND            CONFIDENCE VENDOR                     HOST                               WHAT IT SENDS',
      '  click-redirect  certain    (unknown)                  t.example                          tracks you individually; address as md5 in param:u; 3 links',
      '    https://t.example/c?u=abc',
      '  error url-invalid: bad',
    ]);
  });

  it('writes French, columns widened to the longest kind', () => {
    expect(formatTable(report, { lang: 'fr', color: false }).split('\n')).toEqual([
      'm.eml',
      '  de a@shop.example · “Hi”',
      '  TYPE                CONFIANCE  FOURNISSEUR                HÔTE                               CE QU’IL ENVOIE',
      '  redirection de clic certaine   (inconnu)                  t.example                          vous suit individuellement; adresse en md5 dans param:u; 3 liens',
      '    https://t.example/c?u=abc',
      '  erreur url-invalid: bad',
    ]);
  });

  it('colours with SGR sequences only when asked, and strips to the plain table', () => {
    const coloured = formatTable(report, { lang: 'en', color: true });
    expect(coloured).toContain('\u001b[1;31mcertain\u001b[0m    ');
    expect(coloured).toContain('\u001b[1mm.eml\u001b[0m');
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(formatTable(report));
  });

  it('does not say "no tracker found" for a message not read in full', () => {
    const empty: Report = { ...report, findings: [], errors: [{ code: 'invalid-input', message: 'Input is empty.' }] };
    expect(formatTable(empty)).toContain('no tracker found in what could be read');
    expect(formatTable({ ...empty, errors: [] })).toMatch(/no tracker found$/m);
  });

  it('has every word in both languages', () => {
    const keys = (o: object): string[] => Object.keys(o).sort();
    expect(keys(TABLE_WORDS.fr)).toEqual(keys(TABLE_WORDS.en));
    expect(keys(TABLE_WORDS.fr.kinds)).toEqual(keys(TABLE_WORDS.en.kinds));
    expect(keys(TABLE_WORDS.fr.summary)).toEqual(keys(TABLE_WORDS.en.summary));
  });
});

describe('formatTally in French', () => {
  it('translates the counts and kinds, with French plurals', () => {
    const t = new Tally();
    t.add(outlineOf(report));
    t.add(outlineOf({ ...report, source: 'n.eml', findings: [], errors: [] }));
    expect(formatTally(t, 'fr')).toBe(
      '2 messages analysés, 1 avec traqueurs, 1 détection (redirection de clic 1); 1 erreur (url-invalid 1)\npar fournisseur : (fournisseur inconnu) 1',
    );
    expect(formatTally(t)).toBe('2 messages scanned, 1 with trackers, 1 finding (click-redirect 1); 1 error (url-invalid 1)\nby vendor: (unknown vendor) 1');
  });
});
