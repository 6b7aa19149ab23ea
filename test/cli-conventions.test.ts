/**
 * The CLI behaves as eslint, ripgrep and npm do: --help on every command, --version, one-line
 * usage errors with a hint, errors on stderr, no "nothing found" exit when an input was not read,
 * a quiet exit 0 when the reader closes the pipe, `sanitize -` as a mail filter, the table in
 * French, colour on a terminal only. Spawns the built CLI (dist/cli.js).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sanitizeEml } from '../src/sanitize/eml.js';

const SAMPLE = join('samples', '01-bouygues-like-bill.eml');
const CLEAN = join('samples', '05-spacer-traps-clean.eml');
const COMMANDS = ['scan', 'sanitize', 'report', 'eval', 'catalogue'];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment without the colour variables of whoever runs the tests. */
function plainEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true', ...extra };
  for (const k of ['NO_COLOR', 'FORCE_COLOR', 'TERM']) if (!(k in extra)) delete env[k];
  return env;
}

function cli(args: string[], opts: { input?: Buffer | string; env?: Record<string, string> } = {}): Run {
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args], { input: opts.input, encoding: 'utf8', env: plainEnv(opts.env) });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function cliBytes(args: string[], input: Buffer): { code: number | null; stdout: Buffer; stderr: string } {
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args], { input, env: plainEnv() });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

/**
 * Runs the CLI with its standard output a real pipe whose reading end is closed before the CLI
 * writes anything: every write gets EPIPE, as behind `| head -1` once head has exited.
 */
function withClosedStdout(args: string[], input?: Buffer): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/cli.js', ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: plainEnv() });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}

let tmp = '';

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'spypixel-conv-'));
  writeFileSync(join(tmp, 'empty.eml'), '');
  writeFileSync(join(tmp, 'not-mail.txt.eml'), 'hello, this is no mail message\n');
  mkdirSync(join(tmp, 'no-mail'));
  writeFileSync(join(tmp, 'no-mail', 'notes.txt'), 'nothing to see');
  writeFileSync(join(tmp, 'no-mail', 'README'), 'not a message either\n');
});

describe('--help and --version', () => {
  it.each(['--help', '-h', 'help'])('%s prints the top-level usage on stdout', (flag) => {
    const r = cli([flag]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Usage: spypixel <command>/);
    for (const c of COMMANDS) expect(r.stdout).toContain(`  ${c}`);
    expect(r.stdout).toContain('--version');
  });

  it.each(COMMANDS.flatMap((c) => [[c, '--help'], [c, '-h'], ['help', c]]))('%s %s prints that command’s own usage', (a, b) => {
    const command = a === 'help' ? b : a;
    const r = cli([a, b]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^Usage: spypixel ${command} `));
    expect(r.stdout).toContain('-h, --help');
  });

  it('takes --help anywhere before --, even after paths and bad options', () => {
    expect(cli(['scan', 'samples', '-f', 'xml', '--help']).stdout).toMatch(/^Usage: spypixel scan /);
    // after --, --help is a path
    const r = cli(['scan', '--', '--help']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--help');
  });

  it.each(['--version', '-V'])('%s prints the version of package.json', (flag) => {
    const r = cli([flag]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${(JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version}\n`);
  });
});

describe('usage errors: one line and a hint on stderr, exit 2', () => {
  it.each([
    [[], /^spypixel: no command given$/, "Try 'spypixel --help'."],
    [['scna'], /^spypixel: unknown command 'scna'$/, "Try 'spypixel --help'."],
    [['--bogus'], /^spypixel: unknown option '--bogus'$/, "Try 'spypixel --help'."],
    [['scan'], /^spypixel scan: give at least one file/, "Try 'spypixel scan --help'."],
    [['scan', 'samples', '--bogus'], /^spypixel scan: unknown option '--bogus'$/, "Try 'spypixel scan --help'."],
    [['scan', 'samples', '-f', 'xml'], /^spypixel scan: unknown format "xml"$/, "Try 'spypixel scan --help'."],
    [['scan', 'samples', '--format'], /^spypixel scan: option '-f, --format <value>' argument missing$/, "Try 'spypixel scan --help'."],
    [['scan', 'samples', '--color', 'sometimes'], /^spypixel scan: unknown --color "sometimes"/, "Try 'spypixel scan --help'."],
    [['scan', `${'{a,b}'.repeat(11)}.eml`], /^spypixel scan: .* has more than 1024 \{…\} alternatives/, "Try 'spypixel scan --help'."],
    [['sanitize'], /^spypixel sanitize: give exactly one input file$/, "Try 'spypixel sanitize --help'."],
    [['sanitize', SAMPLE, '--mode', 'x'], /^spypixel sanitize: unknown --mode x$/, "Try 'spypixel sanitize --help'."],
    [['sanitize', '-', '--in-place'], /^spypixel sanitize: --in-place needs a file/, "Try 'spypixel sanitize --help'."],
    [['eval'], /^spypixel eval: give a folder with labels.json$/, "Try 'spypixel eval --help'."],
    [['eval', 'samples', '--min-recall', 'most'], /^spypixel eval: --min-recall needs a ratio from 0 to 1, got "most"$/, "Try 'spypixel eval --help'."],
    [['catalogue', 'extra'], /^spypixel catalogue: unexpected argument 'extra'$/, "Try 'spypixel catalogue --help'."],
    [['catalogue', '--xml'], /^spypixel catalogue: unknown option '--xml'$/, "Try 'spypixel catalogue --help'."],
  ])('%j', (args, line, hint) => {
    const r = cli(args, { input: '' });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(line);
    expect(lines[1]).toBe(hint);
    expect(lines[2]).toBe('');
  });
});

describe('scan exit codes: nothing read is never "nothing found"', () => {
  it('exits 0 on a clean message, 1 on a tracker, 0 with --fail-on none', () => {
    expect(cli(['scan', CLEAN, '-q']).code).toBe(0);
    expect(cli(['scan', SAMPLE, '-q']).code).toBe(1);
    expect(cli(['scan', SAMPLE, '-q', '--fail-on', 'none']).code).toBe(0);
  });

  it('a path that does not exist: 2, said on stderr, no report on stdout', () => {
    const r = cli(['scan', join(tmp, 'missing.eml'), '-f', 'ndjson', '-q']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^spypixel scan: Cannot read .*missing\.eml: ENOENT.* \(file-read-failed\)$/m);
  });

  it('a missing path next to a message with trackers: still 2, and the message is reported', () => {
    const r = cli(['scan', join(tmp, 'missing.eml'), SAMPLE, '-f', 'ndjson', '-q']);
    expect(r.code).toBe(2);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('a glob that matches nothing: 2', () => {
    const r = cli(['scan', join(tmp, 'nothing-*.eml'), '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('No file matches');
  });

  it('an empty file: 2, and the table does not say "no tracker found"', () => {
    const r = cli(['scan', join(tmp, 'empty.eml'), '-q']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('error invalid-input: Input is empty.');
    expect(r.stdout).toContain('no tracker found in what could be read');
    expect(r.stdout).not.toMatch(/no tracker found$/m);
  });

  it('a file that is no mail message: 2', () => {
    expect(cli(['scan', join(tmp, 'not-mail.txt.eml'), '-q']).code).toBe(2);
  });

  it('a message skipped as too large: 2', () => {
    const r = cli(['scan', SAMPLE, '--max-message-bytes', '100', '-f', 'ndjson', '-q']);
    expect(r.code).toBe(2);
    expect((JSON.parse(r.stdout) as { errors: Array<{ code: string }> }).errors[0]?.code).toBe('limit-exceeded');
  });

  it('a folder without any mail: 2, "no mail message found"', () => {
    const r = cli(['scan', join(tmp, 'no-mail'), '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no mail message found');
  });

  it('an empty standard input: 2', () => {
    expect(cli(['scan', '-', '-q'], { input: '' }).code).toBe(2);
  });
});

describe('a reader that closes the pipe (EPIPE) ends the run quietly with exit 0', () => {
  it.each([
    ['scan', ['scan', 'samples']],
    ['scan --format ndjson -j 2', ['scan', 'samples', '-f', 'ndjson', '-j', '2']],
    ['catalogue', ['catalogue']],
    ['catalogue --json', ['catalogue', '--json']],
    ['--help', ['scan', '--help']],
  ])('%s', async (_name, args) => {
    const r = await withClosedStdout(args);
    expect(r.stderr).toBe('');
    expect(r.signal).toBe(null);
    expect(r.code).toBe(0);
  });

  it('report -', async () => {
    const ndjson = spawnSync(process.execPath, ['dist/cli.js', 'scan', SAMPLE, '-f', 'ndjson', '-q'], { env: plainEnv() }).stdout;
    const r = await withClosedStdout(['report', '-', '-q'], ndjson);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('sanitize -', async () => {
    const r = await withClosedStdout(['sanitize', '-'], readFileSync(SAMPLE));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('in a shell pipeline: scan … | head -c 100', () => {
    // 59 KB of JSON: more than head reads, so the scan writes into a closed pipe
    const r = spawnSync('bash', ['-c', 'node dist/cli.js scan samples -f json -q | head -c 100 > /dev/null; echo "${PIPESTATUS[0]}"'], {
      encoding: 'utf8',
      env: plainEnv(),
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('0\n');
  });
});

describe('sanitize - is a mail filter: message on stdin, sanitized message on stdout', () => {
  // procmail hands a filter the message with its mbox envelope line: it must come back as it was
  const envelope = Buffer.from('From facture@operateur.example Tue Mar 10 07:42:13 2026\n');

  it('writes byte for byte what the library and `sanitize FILE` write', async () => {
    const input = Buffer.concat([envelope, readFileSync(SAMPLE)]);
    const r = cliBytes(['sanitize', '-', '-q'], input);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const library = Buffer.from((await sanitizeEml(input)).eml);
    expect(r.stdout.equals(library)).toBe(true);
    expect(r.stdout.subarray(0, envelope.length).equals(envelope)).toBe(true);
    const file = join(tmp, 'filter-in.eml');
    writeFileSync(file, input);
    expect(cliBytes(['sanitize', file, '-q'], Buffer.alloc(0)).stdout.equals(r.stdout)).toBe(true);
    expect(cliBytes(['sanitize', '-', '-o', '-', '-q'], input).stdout.equals(r.stdout)).toBe(true);
    expect(r.stdout.equals(input)).toBe(false);
  });

  it('passes a message without trackers through unchanged, byte for byte', () => {
    const input = Buffer.concat([envelope, readFileSync(join('samples', '07-personal-cid-signature-clean.eml'))]);
    const r = cliBytes(['sanitize', '-', '-q'], input);
    expect(r.code).toBe(0);
    expect(r.stdout.equals(input)).toBe(true);
  });

  it('says what it removed on stderr only', () => {
    const r = cliBytes(['sanitize', '-'], readFileSync(SAMPLE));
    expect(r.stderr).toBe('spypixel sanitize: -: 3 tracker(s) removed, 3 edit(s)\n');
  });

  it('writes nothing on stdout and exits 2 for an empty message', () => {
    const r = cliBytes(['sanitize', '-'], Buffer.alloc(0));
    expect(r.code).toBe(2);
    expect(r.stdout.length).toBe(0);
  });
});

describe('the table in French', () => {
  it('translates headers, kinds, confidences and the summary', () => {
    const r = cli(['scan', SAMPLE, CLEAN, '--lang', 'fr']);
    expect(r.stdout).toContain('TYPE');
    expect(r.stdout).toContain('CONFIANCE');
    expect(r.stdout).toContain('FOURNISSEUR');
    expect(r.stdout).toMatch(/pixel d’ouverture +probable +operateur\.example/);
    expect(r.stdout).toMatch(/balise +certaine +Google Analytics/);
    expect(r.stdout).toContain('aucun traqueur trouvé');
    expect(r.stdout).toContain('2 messages analysés, 1 avec traqueurs, 3 détections (balise 2, pixel d’ouverture 1); 0 erreur');
    expect(r.stdout).toContain('par fournisseur : ');
    expect(r.stdout).not.toMatch(/KIND|no tracker found|scanned/);
  });

  it('keeps the stable codes in machine formats', () => {
    const r = cli(['scan', SAMPLE, '--lang', 'fr', '-f', 'csv', '-q']);
    expect(r.stdout).toContain(',open-pixel,');
    expect(r.stdout).not.toContain('pixel d’ouverture');
  });
});

const ESC = '\u001b[';

describe('colour', () => {
  it.each([
    ['piped, no variables', {}, [], false],
    ['piped, FORCE_COLOR=1', { FORCE_COLOR: '1' }, [], true],
    ['piped, FORCE_COLOR=0', { FORCE_COLOR: '0' }, [], false],
    ['piped, --color always', {}, ['--color', 'always'], true],
    ['FORCE_COLOR=1 and --color never', { FORCE_COLOR: '1' }, ['--color', 'never'], false],
    ['FORCE_COLOR=1 wins over NO_COLOR', { FORCE_COLOR: '1', NO_COLOR: '1' }, [], true],
  ] as Array<[string, Record<string, string>, string[], boolean]>)('%s', (_name, env, flags, coloured) => {
    const r = cli(['scan', SAMPLE, ...flags], { env });
    expect(r.stdout.includes(ESC)).toBe(coloured);
    expect(r.stderr.includes(ESC)).toBe(false);
  });

  it('never colours json, ndjson or csv', () => {
    for (const f of ['json', 'ndjson', 'csv']) expect(cli(['scan', SAMPLE, '-f', f, '-q'], { env: { FORCE_COLOR: '1' } }).stdout).not.toContain(ESC);
  });

  const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
  if (!hasScript) console.warn('cli-conventions: `script` (util-linux) is missing; the pseudo-terminal colour tests are skipped');

  /** Runs the CLI on a pseudo-terminal (util-linux `script`), which is what makes stdout a TTY. */
  function onTerminal(args: string[], env: Record<string, string>): string {
    const command = ['node', 'dist/cli.js', ...args].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', env: plainEnv({ TERM: 'xterm', ...env }) });
    return r.stdout;
  }

  it.skipIf(!hasScript)('on a terminal: coloured; with NO_COLOR=1 or TERM=dumb: not', () => {
    const plain = onTerminal(['scan', SAMPLE, '-q'], {});
    expect(plain).toContain(`${ESC}1;31mcertain${ESC}0m`);
    expect(plain).toContain(`${ESC}33mlikely${ESC}0m`);
    expect(onTerminal(['scan', SAMPLE, '-q'], { NO_COLOR: '1' })).not.toContain(ESC);
    expect(onTerminal(['scan', SAMPLE, '-q'], { TERM: 'dumb' })).not.toContain(ESC);
    // an empty NO_COLOR does not count (no-color.org)
    expect(onTerminal(['scan', SAMPLE, '-q'], { NO_COLOR: '' })).toContain(ESC);
  });
});
