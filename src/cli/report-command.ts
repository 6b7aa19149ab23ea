/**
 * `spypixel report <scan.ndjson…> [-o report.html] [--lang en|fr]`: the researcher's HTML report
 * from `spypixel scan --format ndjson` outputs. Reads line by line and aggregates in bounded
 * memory with the same code as the scan's summary. Exit codes: 0 report written from every line,
 * 2 usage error, an input line or file that could not be read, or no report at all (the report is
 * still written; problems are listed on stderr and in the page).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Tally } from '../batch/aggregate.js';
import { summaryOf } from '../batch/summary-data.js';
import { readReports } from '../report-html/read.js';
import { renderReport, type InputProblem } from '../report-html/render.js';
import { UsageError } from './usage.js';

/** Problems listed in the page and on stderr; the rest are counted. */
const PROBLEMS_LISTED = 20;

/**
 * Runs `spypixel report` with its arguments; resolves to the exit code.
 *
 * @example
 * process.exitCode = await reportCommand(['scan.ndjson', '-o', 'report.html', '--lang', 'fr']);
 */
export async function reportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      lang: { type: 'string', default: 'en' },
      'summary-json': { type: 'string' },
      quiet: { type: 'boolean', short: 'q', default: false },
    },
  });
  if (positionals.length === 0) throw new UsageError('give at least one NDJSON file written by spypixel scan --format ndjson (- for stdin)');
  if (values.lang !== 'en' && values.lang !== 'fr') throw new UsageError(`unknown language "${values.lang}"`);
  const outputs = [values.output, values['summary-json']].filter((x) => x !== undefined).map((p) => resolve(p));
  if (positionals.some((p) => p !== '-' && outputs.includes(resolve(p)))) throw new UsageError('the output must not be one of the inputs');
  const started = performance.now();
  const tally = new Tally();
  const problems: InputProblem[] = [];
  let problemCount = 0;
  for (const path of positionals) {
    for await (const item of readReports(path)) {
      if (item.kind === 'outline') tally.add(item.outline);
      else {
        problemCount++;
        if (problems.length < PROBLEMS_LISTED) problems.push(item.problem);
      }
    }
  }
  const summary = summaryOf(tally);
  const html = renderReport(summary, {
    lang: values.lang,
    inputs: positionals.map((p) => (p === '-' ? 'stdin' : p)),
    problems,
    problemCount,
    generatedAt: new Date().toISOString().slice(0, 10),
  });
  if (values.output === undefined) process.stdout.write(html);
  else writeFileSync(values.output, html);
  if (values['summary-json'] !== undefined) writeFileSync(values['summary-json'], `${JSON.stringify(summary, null, 2)}\n`);
  for (const p of problems) process.stderr.write(`spypixel report: ${p.file}${p.line > 0 ? `:${p.line}` : ''}: ${p.code}: ${p.message}\n`);
  if (problemCount > problems.length) process.stderr.write(`spypixel report: … and ${problemCount - problems.length} more lines skipped\n`);
  if (!values.quiet) {
    const kb = Buffer.byteLength(html) / 1024;
    const where = values.output ?? 'stdout';
    process.stderr.write(`spypixel report: ${where}: ${tally.messages} messages, ${problemCount} lines skipped, ${kb.toFixed(0)} KB in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  // An input with no report is not an archive without trackers: say so, as for unreadable lines.
  if (tally.messages === 0) process.stderr.write('spypixel report: no report was read from the inputs\n');
  return problemCount > 0 || tally.messages === 0 ? 2 : 0;
}
