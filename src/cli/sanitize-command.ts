/**
 * `spypixel sanitize <in> [-o out] [--in-place]`: writes a copy of a message (.eml) or HTML body
 * (.html) with its trackers removed. The input is never modified unless `--in-place`, which
 * writes a temporary file beside it and renames it over the input (atomic on one filesystem).
 * `-` reads the message from standard input; without `-o` it goes to standard output, so
 * `spypixel sanitize -` is a mail filter.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isValidUtf8 } from '../mime/decode.js';
import { sanitizeEml } from '../sanitize/eml.js';
import { sanitizeHtml } from '../sanitize/html.js';
import type { SanitizeMode, SanitizeOptions } from '../sanitize/types.js';
import { isClosedPipe } from './pipe.js';
import { usageFailure, usageMessage } from './usage.js';

/** A usage error: one line and the hint to --help (usage.ts), never the whole usage. */
function fail(message: string): number {
  return usageFailure('sanitize', message, process.stderr);
}

/** A failure that is no usage error: one line, no hint. */
function failWith(message: string): number {
  process.stderr.write(`spypixel sanitize: ${message}\n`);
  return 2;
}

/** All of standard input: `sanitize -` is a mail filter (message in, sanitized message out). */
async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

/** HTML files in another charset go through latin1, which maps bytes to characters one to one, so untouched bytes are written back unchanged. */
function sanitizeHtmlBytes(bytes: Buffer, opts: SanitizeOptions): { out: Buffer; removed: number; changes: number } {
  const encoding = isValidUtf8(bytes) ? 'utf8' : 'latin1';
  const r = sanitizeHtml(bytes.toString(encoding), opts);
  return { out: r.changes.length === 0 ? bytes : Buffer.from(r.html, encoding), removed: r.removed.length, changes: r.changes.length };
}

async function writeAtomically(target: string, bytes: Uint8Array): Promise<void> {
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, bytes, { flag: 'wx' });
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
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
    return fail(usageMessage(e) ?? String(e));
  }
  const { values, positionals } = parsed;
  const input = positionals[0];
  if (input === undefined || positionals.length > 1) return fail('give exactly one input file');
  const inPlace = values['in-place'] === true;
  // `-o -` is standard output, as the default is.
  const output = typeof values.output === 'string' && values.output !== '-' ? values.output : null;
  if (inPlace && output !== null) return fail('--in-place and --output exclude each other');
  if (inPlace && input === '-') return fail('--in-place needs a file, not standard input');
  if (output !== null && input !== '-' && resolve(output) === resolve(input)) return fail('the output is the input; use --in-place to replace it');
  const opts = optionsFrom(values);
  if (typeof opts === 'string') return fail(opts);
  let bytes: Buffer;
  try {
    bytes = input === '-' ? await readStdin() : await readFile(input);
  } catch (e) {
    return failWith(`cannot read ${input}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const ext = input === '-' ? '.eml' : extname(input).toLowerCase();
  let out: Uint8Array;
  let removed: number;
  let changes: number;
  if (ext === '.html' || ext === '.htm') {
    ({ out, removed, changes } = sanitizeHtmlBytes(bytes, opts));
  } else {
    const r = await sanitizeEml(bytes, opts);
    for (const e of r.errors) if (e.code === 'internal-error' || e.code === 'invalid-input') return failWith(`${input}: ${e.message}`);
    out = r.eml;
    removed = r.removed.length;
    changes = r.changes.length;
  }
  try {
    // Nothing to change: leave the input file (and its mtime) alone.
    if (inPlace) {
      if (!Buffer.from(out.buffer, out.byteOffset, out.byteLength).equals(bytes)) await writeAtomically(resolve(input), out);
    }
    else if (output !== null) await writeAtomically(resolve(output), out);
    else await new Promise<void>((ok, ko) => process.stdout.write(out, (e) => (e ? ko(e) : ok())));
  } catch (e) {
    // The reader closed the pipe (`| head`): it has what it wanted.
    if (isClosedPipe(e)) return 0;
    return failWith(`cannot write: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (values.quiet !== true) process.stderr.write(`spypixel sanitize: ${input}: ${removed} tracker(s) removed, ${changes} edit(s)\n`);
  return 0;
}
