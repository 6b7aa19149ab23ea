/**
 * The command line of `spypixel scan`, checked: every bad value is a {@link UsageError} (one
 * line and the hint to --help), before anything is read or written.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { OUTPUT_FORMATS, type OutputFormat } from '../batch/format.js';
import { parseShard, type Shard } from '../batch/shard.js';
import { DEFAULT_LIMITS, LIMIT_RANGES } from '../limits.js';
import type { Confidence, Language } from '../types.js';
import { COLOR_WHEN, type ColorWhen } from './color.js';
import { UsageError } from './usage.js';

const RANK: Readonly<Record<Confidence, number>> = { possible: 1, likely: 2, certain: 3 };

const SIZE_UNITS: Readonly<Record<string, number>> = { '': 1, k: 1e3, kb: 1e3, m: 1e6, mb: 1e6, g: 1e9, gb: 1e9 };

/** `25MB`, `512k`, `1000000` → bytes, or `null`. */
function parseSize(text: string): number | null {
  const t = text.trim().toLowerCase();
  let i = 0;
  while (i < t.length && ((t[i] ?? '') >= '0' && (t[i] ?? '') <= '9')) i++;
  const factor = SIZE_UNITS[t.slice(i)];
  const n = Number(t.slice(0, i));
  return i === 0 || factor === undefined || !Number.isSafeInteger(n * factor) || n <= 0 ? null : n * factor;
}

/**
 * The settings of one `spypixel scan` run.
 *
 * @example
 * const s: ScanSettings = scanSettings(['samples', '-f', 'ndjson']);
 */
export interface ScanSettings {
  readonly paths: string[];
  readonly format: OutputFormat;
  readonly output: string | null;
  readonly resume: string | null;
  readonly jobs: number;
  readonly quiet: boolean;
  readonly maxMessageBytes: number;
  readonly failOn: Confidence | 'none';
  readonly lang: Language;
  readonly includeLinks: boolean;
  readonly recipient: string[];
  readonly summaryJson: string | null;
  readonly shard: Shard | null;
  readonly color: ColorWhen;
}

/**
 * Reads and checks the arguments of `spypixel scan`; throws a {@link UsageError} for a bad one.
 *
 * @example
 * scanSettings(['archive.mbox', '--lang', 'fr']).lang; // 'fr'
 */
export function scanSettings(args: string[]): ScanSettings {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f' },
      output: { type: 'string', short: 'o' },
      resume: { type: 'string' },
      jobs: { type: 'string', short: 'j' },
      quiet: { type: 'boolean', short: 'q', default: false },
      'max-message-bytes': { type: 'string', default: '25MB' },
      recipient: { type: 'string', multiple: true },
      lang: { type: 'string', default: 'en' },
      'no-links': { type: 'boolean', default: false },
      'fail-on': { type: 'string', default: 'possible' },
      'summary-json': { type: 'string' },
      shard: { type: 'string' },
      color: { type: 'string', default: 'auto' },
    },
  });
  const resume = values.resume ?? null;
  const format = (values.format ?? (resume !== null ? 'ndjson' : 'table')) as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) throw new UsageError(`unknown format "${format}"`);
  if (resume !== null && format !== 'ndjson') throw new UsageError('--resume works with --format ndjson only');
  if (resume !== null && values.output !== undefined && values.output !== resume) {
    throw new UsageError('--resume FILE appends to FILE; --output must be the same file or left out');
  }
  const jobs = values.jobs === undefined ? availableParallelism() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new UsageError(`--jobs must be an integer from 1 to 256`);
  const maxMessageBytes = parseSize(values['max-message-bytes']);
  if (maxMessageBytes === null) throw new UsageError(`bad --max-message-bytes "${values['max-message-bytes']}"`);
  if (values.lang !== 'en' && values.lang !== 'fr') throw new UsageError(`unknown language "${values.lang}"`);
  const failOn = values['fail-on'];
  if (failOn !== 'none' && !(failOn in RANK)) throw new UsageError(`unknown --fail-on "${failOn}"`);
  const color = values.color as ColorWhen;
  if (!COLOR_WHEN.includes(color)) throw new UsageError(`unknown --color "${values.color}" (auto, always or never)`);
  if (positionals.length === 0) throw new UsageError('give at least one file, folder, glob, or - for standard input');
  const shard = values.shard === undefined ? null : parseShard(values.shard);
  if (shard === null && values.shard !== undefined) throw new UsageError(`bad --shard "${values.shard}": give k/n with 1 ≤ k ≤ n, e.g. 2/8`);
  const summaryJson = values['summary-json'] ?? null;
  if (summaryJson !== null && (summaryJson === (resume ?? values.output) || positionals.includes(summaryJson))) {
    throw new UsageError('--summary-json must name a file of its own, not the output or an input');
  }
  const recipient = recipientList(values.recipient ?? []);
  const most = LIMIT_RANGES.maxRecipients[1] - DEFAULT_LIMITS.maxRecipients;
  if (recipient.length > most) throw new UsageError(`--recipient gives ${recipient.length} addresses; at most ${most} can be searched for`);
  return {
    paths: positionals,
    format,
    output: resume ?? values.output ?? null,
    resume,
    jobs,
    quiet: values.quiet,
    maxMessageBytes,
    failOn: failOn as Confidence | 'none',
    lang: values.lang,
    includeLinks: !values['no-links'],
    recipient,
    summaryJson,
    shard,
    color,
  };
}

/**
 * `--recipient` values: addresses, or `@FILE` for a list of addresses (one per line, `#` comments),
 * so a batch over many mailboxes can search every owner's address.
 *
 * @example
 * recipientList(['me@mail.example', '@recipients.txt']); // ['me@mail.example', …lines of the file]
 */
export function recipientList(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    if (!v.startsWith('@')) {
      out.push(v);
      continue;
    }
    let text: string;
    try {
      text = readFileSync(v.slice(1), 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read the recipient list ${v.slice(1)}: ${(e as Error).message}`);
    }
    for (const line of text.split(/\r?\n/)) {
      const hash = line.indexOf('#');
      const a = (hash < 0 ? line : line.slice(0, hash)).trim();
      if (a.includes('@')) out.push(a);
    }
  }
  return out;
}
