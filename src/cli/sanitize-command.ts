/**
 * `spypixel sanitize <in> [-o out] [--in-place]`: writes a copy of a message (.eml) or HTML body
 * (.html) with its trackers removed. The input is never modified unless `--in-place`, which
 * replaces it atomically keeping its mode and owner (see sanitize-output.ts). Every failure ends
 * with one line `spypixel sanitize: <code>: <what happened>` on standard error and exit code 2:
 * `read-failed`, `write-failed`, `unsafe-target`, `sanitize-refused` (the sanitiser could not
 * vouch for its output: nothing is written), `internal-error`.
 */
import { open, stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_LIMITS } from '../limits.js';
import { isValidUtf8 } from '../mime/decode.js';
import { sanitizeEml } from '../sanitize/eml.js';
import { sanitizeHtml } from '../sanitize/html.js';
import type { SanitizeMode, SanitizeOptions } from '../sanitize/types.js';
import type { ScanError } from '../types.js';
import { inputMode, OutputError, replaceInPlace, writeOutput, writeStdout } from './sanitize-output.js';

const USAGE = `Usage: spypixel sanitize <in.eml|in.html|-> [-o OUT | --in-place] [options]
  -                        read the message from standard input (a mail filter)
  -o, --output FILE        write there (default: standard output); never the input itself;
                           a new file gets the input's permissions
  --in-place               replace the input atomically, keeping its mode and owner
                           (refused for symbolic links and files with other hard links)
  --mode remove|annotate|placeholder   (default remove)
  --policy keep|remove     what to do with findings of confidence 'possible' (default keep)
  --no-unwrap              keep click redirects instead of linking to their destination
  --keep-utm               keep utm_* campaign parameters on links
  --allow-vendor ID…       catalogue ids whose trackers stay
  --allow-sender ADDR…     senders (address or domain) whose messages stay as they are
  --recipient ADDR…        recipient address(es), for leak detection
  --quiet, -q              no summary on standard error
Exit codes: 0 written, 2 usage error, I/O error or refusal (nothing written).`;

function fail(message: string): number {
  process.stderr.write(`spypixel sanitize: ${message}\n${USAGE}\n`);
  return 2;
}

/** A failure that is not a usage error: one line with its code, no usage text. */
function failWith(code: string, message: string): number {
  process.stderr.write(`spypixel sanitize: ${code}: ${message}\n`);
  return 2;
}

/** A failure reading the input, with its code. */
class ReadError extends Error {
  constructor(readonly code: 'read-failed' | 'sanitize-refused', message: string) {
    super(message);
  }
}

/** HTML files in another charset go through latin1, which maps bytes to characters one to one, so untouched bytes are written back unchanged. */
function sanitizeHtmlBytes(bytes: Buffer, opts: SanitizeOptions): { out: Buffer; removed: number; changes: number; errors: readonly ScanError[] } {
  const encoding = isValidUtf8(bytes) ? 'utf8' : 'latin1';
  const r = sanitizeHtml(bytes.toString(encoding), opts);
  return { out: r.changes.length === 0 ? bytes : Buffer.from(r.html, encoding), removed: r.removed.length, changes: r.changes.length, errors: r.errors };
}

/**
 * The input's bytes, at most `max` (more is a refusal: the sanitiser would not read it all).
 * Only regular files are opened: a FIFO or device could block or never end; `-` reads standard
 * input instead.
 */
async function readInput(input: string, max: number): Promise<Buffer> {
  const tooLarge = (): ReadError => new ReadError('sanitize-refused', `${input} is larger than maxMessageBytes (${max} bytes); nothing was written`);
  if (input === '-') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > max) throw tooLarge();
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  }
  const s = await stat(input);
  if (!s.isFile()) throw new ReadError('read-failed', `${input} is not a regular file (use - to read standard input)`);
  if (s.size > max) throw tooLarge();
  // Read at most one byte past the limit, in case the file grew since.
  const handle = await open(input, 'r');
  try {
    const buf = Buffer.alloc(Math.min(max + 1, s.size + 1));
    let n = 0;
    for (let r = 1; r > 0 && n < buf.length; n += r) r = (await handle.read(buf, n, buf.length - n, n)).bytesRead;
    if (n > max) throw tooLarge();
    return buf.subarray(0, n);
  } finally {
    await handle.close();
  }
}

function optionsFrom(values: Record<string, unknown>): SanitizeOptions | string {
  const mode = values.mode ?? 'remove';
  if (mode !== 'remove' && mode !== 'annotate' && mode !== 'placeholder') return `unknown --mode ${String(mode)}`;
  const policy = values.policy ?? 'keep';
  if (policy !== 'keep' && policy !== 'remove') return `unknown --policy ${String(policy)}`;
  const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return {
    mode: mode as SanitizeMode,
    policy,
    unwrapLinks: values['no-unwrap'] !== true,
    stripCampaignParams: values['keep-utm'] !== true,
    allow: { vendors: list(values['allow-vendor']), senders: list(values['allow-sender']) },
    recipient: list(values.recipient),
  };
}

/** The first error that means nothing may be written. */
function blocking(errors: readonly ScanError[]): ScanError | undefined {
  return errors.find((e) => e.code === 'sanitize-refused' || e.code === 'internal-error' || e.code === 'invalid-input');
}

/**
 * Runs `spypixel sanitize`; resolves to the exit code.
 *
 * @example
 * process.exitCode = await sanitizeCommand(['newsletter.eml', '-o', 'newsletter.clean.eml']);
 */
export async function sanitizeCommand(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        output: { type: 'string', short: 'o' },
        'in-place': { type: 'boolean', default: false },
        mode: { type: 'string' },
        policy: { type: 'string' },
        'no-unwrap': { type: 'boolean', default: false },
        'keep-utm': { type: 'boolean', default: false },
        'allow-vendor': { type: 'string', multiple: true },
        'allow-sender': { type: 'string', multiple: true },
        recipient: { type: 'string', multiple: true },
        quiet: { type: 'boolean', short: 'q', default: false },
      },
    });
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  const input = positionals[0];
  if (input === undefined || positionals.length > 1) return fail('give exactly one input file');
  const inPlace = values['in-place'] === true;
  const output = typeof values.output === 'string' ? values.output : null;
  if (inPlace && output !== null) return fail('--in-place and --output exclude each other');
  if (inPlace && input === '-') return fail('--in-place needs a file, not standard input');
  if (output !== null && input !== '-' && resolve(output) === resolve(input)) return fail('the output is the input; use --in-place to replace it');
  const opts = optionsFrom(values);
  if (typeof opts === 'string') return fail(opts);
  let bytes: Buffer;
  try {
    bytes = await readInput(input, DEFAULT_LIMITS.maxMessageBytes);
  } catch (e) {
    if (e instanceof ReadError) return failWith(e.code, e.message);
    return failWith('read-failed', `cannot read ${input}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const ext = input === '-' ? '.eml' : extname(input).toLowerCase();
  const r = ext === '.html' || ext === '.htm' ? sanitizeHtmlBytes(bytes, opts) : await sanitizeEmlBytes(bytes, opts);
  const stop = blocking(r.errors);
  if (stop !== undefined) return failWith(stop.code, `${input}: ${stop.message} Nothing was written.`);
  try {
    const same = Buffer.from(r.out.buffer, r.out.byteOffset, r.out.byteLength).equals(bytes);
    // Nothing to change: leave the input file (and its mtime) alone.
    if (inPlace) {
      if (!same) await replaceInPlace(resolve(input), r.out);
    } else if (output !== null) await writeOutput(resolve(output), r.out, input === '-' ? null : await inputMode(input));
    else await writeStdout(r.out);
  } catch (e) {
    if (e instanceof OutputError) return failWith(e.code, e.message);
    return failWith('write-failed', e instanceof Error ? e.message : String(e));
  }
  if (values.quiet !== true) process.stderr.write(`spypixel sanitize: ${input}: ${r.removed} tracker(s) removed, ${r.changes} edit(s)\n`);
  return 0;
}

async function sanitizeEmlBytes(bytes: Buffer, opts: SanitizeOptions): Promise<{ out: Uint8Array; removed: number; changes: number; errors: readonly ScanError[] }> {
  const r = await sanitizeEml(bytes, opts);
  return { out: r.eml, removed: r.removed.length, changes: r.changes.length, errors: r.errors };
}
