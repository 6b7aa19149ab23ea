/**
 * The `spypixel` command. Commands: `scan`, `sanitize`, `report`, `eval`, `catalogue`.
 * Exit codes in the manner of linters: 0 nothing found, 1 trackers found, 2 usage or I/O error.
 * Commands load what they need when they run: `scan` with worker threads never loads the scanner
 * on the main thread, which saves each run half a second of start-up and the memory it takes.
 */
import { parseArgs } from 'node:util';
import { scanCommand, UsageError } from './scan-command.js';

const USAGE = `Usage:
  spypixel scan <paths…> [options]
      paths: .eml/.html files, mbox files, Maildir or other folders (recursive), .gz files, globs
             ('archive/**/*.mbox', quoted so the shell leaves them alone), - for stdin
      --format, -f table|json|ndjson|csv   (default table; ndjson with --resume)
      --output, -o FILE        append to FILE (refused if it exists and is not empty, see --resume)
      --resume FILE            continue an interrupted ndjson run, skipping messages already in FILE
      --jobs, -j N             worker threads (default: number of cores)
      --max-message-bytes N    larger messages get a limit-exceeded error (default 25MB)
      --quiet, -q              no progress bar and no summary on stderr
      --recipient ADDR or @FILE…  --lang en|fr  --no-links  --fail-on none|possible|likely|certain
      --summary-json FILE      the run's aggregates as JSON (what spypixel report draws)
      --shard k/n              scan only part k of n (by message content); concatenate the n outputs
  spypixel sanitize <in.eml|in.html> [-o OUT | --in-place] [--mode remove|annotate|placeholder] …
      writes the message with trackers removed (stdout by default; never in place unless --in-place)
  spypixel report <scan.ndjson…> [-o report.html] [--lang en|fr] [--summary-json FILE] [--quiet]
      one self-contained HTML page (inline SVG charts, per-sender table) from scan --format ndjson outputs
  spypixel eval <folder with labels.json> [--verbose] [--json] [--max-clean-findings N]
      [--min-recall R] [--min-precision R] [--min-click-recall R] [--min-click-precision R]
      [--min-vendor R] [--min-leaks R]   fail (exit 1) when a figure is below R
  spypixel catalogue [--json]

Exit codes: 0 nothing found, 1 trackers found (see --fail-on), 2 usage or I/O error.`;

function fail(message: string): number {
  process.stderr.write(`spypixel: ${message}\n${USAGE}\n`);
  return 2;
}

async function catalogueCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
  const { defaultCatalogue } = await import('../catalogue/index.js');
  const entries = defaultCatalogue().entries;
  if (values.json) {
    process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
    return 0;
  }
  const byCat = new Map<string, string[]>();
  for (const e of entries) byCat.set(e.category, [...(byCat.get(e.category) ?? []), e.name]);
  for (const [cat, names] of [...byCat].sort()) {
    process.stdout.write(`${cat} (${names.length})\n  ${names.sort().join(', ')}\n`);
  }
  process.stdout.write(`${entries.length} vendors\n`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'scan') return await scanCommand(rest);
    if (command === 'eval') return await (await import('./eval-command.js')).evalCommand(rest);
    if (command === 'sanitize') return await (await import('./sanitize-command.js')).sanitizeCommand(rest);
    if (command === 'catalogue') return await catalogueCommand(rest);
    if (command === 'report') return await (await import('./report-command.js')).reportCommand(rest);
    if (command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    return fail(command === undefined ? 'no command given' : `unknown command "${command}"`);
  } catch (e) {
    if (e instanceof UsageError) return fail(e.message);
    if ((e as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || (e as { code?: string }).code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      return fail((e as Error).message);
    }
    process.stderr.write(`spypixel: ${(e as Error).message}\n`);
    return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`spypixel: ${String(e)}\n`);
    process.exitCode = 2;
  },
);
