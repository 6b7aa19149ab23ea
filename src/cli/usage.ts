/**
 * Help texts and usage errors of the `spypixel` command, in the manner of eslint, ripgrep and npm:
 * `--help`/`-h` prints a command's own usage on stdout (exit 0); a usage error prints one line and a
 * hint on stderr (exit 2), never the whole usage.
 */

/**
 * The commands of `spypixel`.
 *
 * @example
 * const c: CommandName = 'scan';
 */
export type CommandName = 'scan' | 'sanitize' | 'report' | 'eval' | 'catalogue';

/**
 * A bad command line. The caller prints `spypixel <command>: <message>` and the `--help` hint,
 * then exits 2.
 *
 * @example
 * throw new UsageError('unknown format "xml"');
 */
export class UsageError extends Error {}

const EXIT_CODES = `Exit codes:
  0  every input was read and scanned, nothing found at or above --fail-on
  1  trackers found at or above --fail-on (default possible)
  2  usage error, output not written, or an input not read or not scanned in full
     (missing path, empty file, not a mail message, too large, damaged MIME)`;

/**
 * The top-level usage: commands and global options.
 *
 * @example
 * process.stdout.write(`${TOP_USAGE}\n`);
 */
export const TOP_USAGE = `Usage: spypixel <command> [options]

Commands:
  scan <paths…>            find tracking pixels, beacons and click redirects in mail
  sanitize <in|->          write a copy of a message with its trackers removed
  report <scan.ndjson…>    one self-contained HTML page with charts from scan outputs
  eval <folder>            score the scanner on a folder of labelled emails
  catalogue                list the trackers the catalogue knows

Options:
  -h, --help               show this help; 'spypixel <command> --help' shows a command's options
  -V, --version            show the version

${EXIT_CODES}`;

/**
 * Each command's own usage, printed by `spypixel <command> --help`.
 *
 * @example
 * COMMAND_USAGE.catalogue; // 'Usage: spypixel catalogue [--json]…'
 */
export const COMMAND_USAGE: Readonly<Record<CommandName, string>> = {
  scan: `Usage: spypixel scan <paths…> [options]

Paths: .eml/.html files, mbox files, Maildir or other folders (recursive), .gz files, - for stdin,
and globs, quoted so that the shell leaves them alone: 'archive/**/*.mbox' (** any folders),
* and ? within a name, [1-3] [!a] classes, {a,b} alternatives.

Options:
  -f, --format FORMAT      table, json, ndjson or csv (default table; ndjson with --resume)
  -o, --output FILE        append to FILE (refused if it exists and is not empty, see --resume)
      --resume FILE        continue an interrupted ndjson run, skipping messages already in FILE
  -j, --jobs N             worker threads (default: number of cores)
      --max-message-bytes N  larger messages get a limit-exceeded error (default 25MB)
  -q, --quiet              no progress bar and no summary on stderr
      --recipient ADDR     the recipient's address (repeatable), or @FILE for a list of them
      --lang en|fr         language of explanations and of the table (default en)
      --no-links           do not report ordinary links that carry tracking parameters
      --fail-on LEVEL      none, possible, likely or certain: the least confidence that exits 1
      --color WHEN         auto, always or never (default auto: on a terminal, unless NO_COLOR)
      --summary-json FILE  the run's aggregates as JSON (what spypixel report draws)
      --shard k/n          scan only part k of n (by message content); concatenate the n outputs
  -h, --help               show this help

${EXIT_CODES}`,
  sanitize: `Usage: spypixel sanitize <in.eml|in.html|-> [-o OUT | --in-place] [options]

Writes the message with its trackers removed: to standard output by default, so that
'spypixel sanitize -' works as a mail filter (message on stdin, sanitized message on stdout).
The input is never modified unless --in-place.

Options:
  -o, --output FILE        write there (default: standard output); never the input itself;
                           a new file gets the input's permissions
      --in-place           replace the input atomically, keeping its mode and owner
                           (refused for symbolic links and files with other hard links)
      --mode MODE          remove, annotate or placeholder (default remove)
      --policy keep|remove what to do with findings of confidence 'possible' (default keep)
      --no-unwrap          keep click redirects instead of linking to their destination
      --keep-utm           keep utm_* campaign parameters on links
      --allow-vendor ID    a catalogue id whose trackers stay (repeatable)
      --allow-sender ADDR  a sender (address or domain) whose messages stay as they are (repeatable)
      --recipient ADDR     the recipient's address (repeatable), for leak detection
  -q, --quiet              no summary on standard error
  -h, --help               show this help

Exit codes: 0 written (or the reader of standard output closed it), 2 usage error or failure,
with one line 'spypixel sanitize: <code>: …' and nothing written: read-failed, write-failed,
unsafe-target (a link or hard-linked file), sanitize-refused (the output could not be vouched
for), internal-error.`,
  report: `Usage: spypixel report <scan.ndjson…> [options]

One self-contained HTML page (inline SVG charts, per-sender table, no script, no network) from
the outputs of 'spypixel scan --format ndjson'; - reads standard input.

Options:
  -o, --output FILE        write the page there (default: standard output)
      --lang en|fr         language of the page (default en)
      --summary-json FILE  the aggregates as JSON, as scan --summary-json writes them
  -q, --quiet              no line about the page on stderr
  -h, --help               show this help

Exit codes: 0 written from every line, 2 usage error, a line or file not read, or no report at all.`,
  eval: `Usage: spypixel eval <folder with labels.json> [options]

Scans every labelled email of the folder and prints recall and precision by kind.

Options:
      --verbose            list every missed label and unexpected finding
      --json               the scores (and the gated metrics) as JSON
      --min-recall R       exit 1 when pixel and beacon recall is below R (0 to 1)
      --min-precision R    exit 1 when pixel and beacon precision is below R
      --min-click-recall R, --min-click-precision R
                           the same for click redirects
      --min-vendor R       exit 1 when fewer found trackers have their labelled vendor
      --min-leaks R        exit 1 when fewer address leaks are found with their labelled encoding
      --max-clean-findings N  exit 1 when clean emails get more than N findings
  -h, --help               show this help

Exit codes: 0 scores within the bounds, 1 a bound missed, 2 usage error.`,
  catalogue: `Usage: spypixel catalogue [--json]

Lists the vendors of the tracker catalogue by category.

Options:
      --json               every catalogue entry, as JSON
  -h, --help               show this help

Exit codes: 0 listed, 2 usage error.`,
};

/**
 * Whether a command line asks for help: `-h` or `--help` before any `--`.
 *
 * @example
 * wantsHelp(['samples', '--help']); // true
 * wantsHelp(['--', '--help']);      // false (a path named --help)
 */
export function wantsHelp(args: readonly string[]): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}

/**
 * The hint printed under a usage error.
 *
 * @example
 * helpHint('scan'); // "Try 'spypixel scan --help'."
 */
export function helpHint(command: CommandName | null): string {
  return `Try 'spypixel ${command === null ? '' : `${command} `}--help'.`;
}

/**
 * The one-line message of a usage error: a {@link UsageError}, or an error of `util.parseArgs`
 * (unknown option, missing value, unexpected argument) cut to its first sentence. `null` for any
 * other error, which is not the user's to fix by changing the command line.
 *
 * @example
 * usageMessage(new UsageError('unknown format "xml"')); // 'unknown format "xml"'
 */
export function usageMessage(e: unknown): string | null {
  if (e instanceof UsageError) return e.message;
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_') || !(e instanceof Error)) return null;
  // Node adds advice on '--' to an unknown option; the hint to --help says enough.
  const first = e.message.split('. ')[0] ?? e.message;
  return `${first.charAt(0).toLowerCase()}${first.slice(1)}`.replace(/\.$/, '');
}

/**
 * Writes a usage error the conventional way and gives its exit code, 2.
 *
 * @example
 * return usageFailure('scan', 'unknown format "xml"', process.stderr);
 * // spypixel scan: unknown format "xml"
 * // Try 'spypixel scan --help'.
 */
export function usageFailure(command: CommandName | null, message: string, err: { write(s: string): unknown }): number {
  err.write(`spypixel${command === null ? '' : ` ${command}`}: ${message}\n${helpHint(command)}\n`);
  return 2;
}
