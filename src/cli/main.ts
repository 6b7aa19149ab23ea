/**
 * The `spypixel` command. Commands: `scan`, `eval`, `catalogue`.
 * Exit codes in the manner of linters: 0 nothing found, 1 trackers found, 2 usage or I/O error.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { defaultCatalogue } from '../catalogue/index.js';
import { scanEml } from '../scan/eml.js';
import { scanHtml } from '../scan/html.js';
import type { Confidence, Language, Report } from '../types.js';
import { decodeHtmlBytes } from './decode.js';
import { evaluateFolder, formatScore, pixelRecall } from './eval-command.js';
import { collectInputs } from './files.js';
import { formatMachine, formatSummary, formatTable, type OutputFormat } from './format.js';

const USAGE = `Usage:
  spypixel scan <files or folders…> [--format table|json|ndjson] [--recipient ADDR]… [--lang en|fr]
                [--no-links] [--fail-on none|possible|likely|certain]
  spypixel eval <folder with labels.json> [--verbose] [--min-recall R] [--max-clean-findings N]
  spypixel catalogue [--json]

Exit codes: 0 nothing found, 1 trackers found (see --fail-on), 2 usage or I/O error.`;

const RANK: Readonly<Record<Confidence, number>> = { possible: 1, likely: 2, certain: 3 };

function fail(message: string): number {
  process.stderr.write(`spypixel: ${message}\n${USAGE}\n`);
  return 2;
}

async function scanCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'table' },
      recipient: { type: 'string', multiple: true },
      lang: { type: 'string', default: 'en' },
      'no-links': { type: 'boolean', default: false },
      'fail-on': { type: 'string', default: 'possible' },
    },
  });
  const format = values.format as OutputFormat;
  if (!['table', 'json', 'ndjson'].includes(format)) return fail(`unknown format "${values.format}"`);
  if (values.lang !== 'en' && values.lang !== 'fr') return fail(`unknown language "${values.lang}"`);
  const failOn = values['fail-on'];
  if (failOn !== 'none' && !(failOn in RANK)) return fail(`unknown --fail-on "${failOn}"`);
  if (positionals.length === 0) return fail('scan needs at least one file or folder');
  const lang: Language = values.lang;
  const inputs = await collectInputs(positionals);
  const reports: Report[] = [];
  let ioError = false;
  for (const input of inputs) {
    const options = { source: input.path, lang, includeLinks: !values['no-links'], ...(values.recipient ? { recipient: values.recipient } : {}) };
    let report: Report;
    if ('error' in input) {
      ioError = true;
      report = { source: input.path, message: { from: null, senderDomain: null, to: [], subject: null, date: null, messageId: null }, findings: [], errors: [input.error] };
    } else {
      try {
        const bytes = await readFile(input.path);
        report = input.format === 'html' ? scanHtml(decodeHtmlBytes(bytes), options) : await scanEml(bytes, options);
      } catch (e) {
        ioError = true;
        report = { source: input.path, message: { from: null, senderDomain: null, to: [], subject: null, date: null, messageId: null }, findings: [], errors: [{ code: 'file-read-failed', message: (e as Error).message }] };
      }
    }
    reports.push(report);
    if (format === 'table') process.stdout.write(`${formatTable(report)}\n\n`);
    else if (format === 'ndjson') process.stdout.write(formatMachine([report], 'ndjson'));
  }
  if (format === 'json') process.stdout.write(formatMachine(reports, 'json'));
  if (format === 'table') process.stdout.write(`${formatSummary(reports)}\n`);
  if (ioError) return 2;
  if (failOn === 'none') return 0;
  const threshold = RANK[failOn as Confidence];
  return reports.some((r) => r.findings.some((f) => RANK[f.confidence] >= threshold)) ? 1 : 0;
}

async function evalCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      verbose: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'min-recall': { type: 'string' },
      'max-clean-findings': { type: 'string' },
    },
  });
  const dir = positionals[0];
  if (dir === undefined) return fail('eval needs a folder with labels.json');
  const { score, problems } = await evaluateFolder(dir);
  for (const p of problems) process.stderr.write(`spypixel eval: ${p}\n`);
  process.stdout.write(values.json ? `${JSON.stringify(score, null, 2)}\n` : `${formatScore(score, values.verbose)}\n`);
  const minRecall = values['min-recall'] === undefined ? null : Number(values['min-recall']);
  const maxClean = values['max-clean-findings'] === undefined ? null : Number(values['max-clean-findings']);
  if (minRecall !== null && pixelRecall(score) < minRecall) {
    process.stderr.write(`spypixel eval: pixel+beacon recall ${pixelRecall(score).toFixed(3)} is below ${minRecall}\n`);
    return 1;
  }
  if (maxClean !== null && score.findingsOnClean > maxClean) {
    process.stderr.write(`spypixel eval: ${score.findingsOnClean} findings on clean emails, more than ${maxClean}\n`);
    return 1;
  }
  return 0;
}

function catalogueCommand(args: string[]): number {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
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
    if (command === 'eval') return await evalCommand(rest);
    if (command === 'catalogue') return catalogueCommand(rest);
    if (command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    return fail(command === undefined ? 'no command given' : `unknown command "${command}"`);
  } catch (e) {
    return fail((e as Error).message);
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
