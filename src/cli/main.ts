/**
 * The `spypixel` command. Commands: `scan`, `sanitize`, `report`, `eval`, `catalogue`; `--help` on each,
 * `--version`. Exit codes in the manner of linters: 0 nothing found, 1 trackers found, 2 usage
 * error or an input not read (see usage.ts). Commands load what they need when they run: `scan`
 * with worker threads never loads the scanner on the main thread, which saves each run half a
 * second of start-up and the memory it takes.
 */
import { parseArgs } from 'node:util';
import { watchOutput } from './pipe.js';
import { COMMAND_USAGE, TOP_USAGE, UsageError, usageFailure, usageMessage, wantsHelp, type CommandName } from './usage.js';
import { packageVersion } from './version.js';

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
  if (dir === undefined) throw new UsageError('give a folder with labels.json');
  const minRecall = values['min-recall'] === undefined ? null : Number(values['min-recall']);
  const maxClean = values['max-clean-findings'] === undefined ? null : Number(values['max-clean-findings']);
  if (minRecall !== null && !(minRecall >= 0 && minRecall <= 1)) throw new UsageError('--min-recall must be a number from 0 to 1');
  if (maxClean !== null && !(Number.isInteger(maxClean) && maxClean >= 0)) throw new UsageError('--max-clean-findings must be a whole number');
  const { evaluateFolder, formatScore, pixelRecall } = await import('./eval-command.js');
  const { score, problems } = await evaluateFolder(dir);
  for (const p of problems) process.stderr.write(`spypixel eval: ${p}\n`);
  process.stdout.write(values.json ? `${JSON.stringify(score, null, 2)}\n` : `${formatScore(score, values.verbose)}\n`);
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

const COMMANDS: Readonly<Record<CommandName, (args: string[]) => Promise<number>>> = {
  scan: async (args) => (await import('./scan-command.js')).scanCommand(args),
  sanitize: async (args) => (await import('./sanitize-command.js')).sanitizeCommand(args),
  report: async (args) => (await import('./report-command.js')).reportCommand(args),
  eval: evalCommand,
  catalogue: async (args) => (await import('./catalogue-command.js')).catalogueCommand(args),
};

const isCommand = (name: string): name is CommandName => Object.hasOwn(COMMANDS, name);

function print(text: string): number {
  process.stdout.write(`${text}\n`);
  return 0;
}

async function run(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) return usageFailure(null, 'no command given', process.stderr);
  if (first === '--help' || first === '-h') return print(TOP_USAGE);
  if (first === '--version' || first === '-V') return print(packageVersion(new URL(import.meta.url)) ?? 'unknown');
  if (first === 'help') {
    const topic = rest[0];
    if (topic === undefined) return print(TOP_USAGE);
    return isCommand(topic) ? print(COMMAND_USAGE[topic]) : usageFailure(null, `unknown command '${topic}'`, process.stderr);
  }
  if (!isCommand(first)) {
    return usageFailure(null, first.startsWith('-') ? `unknown option '${first}'` : `unknown command '${first}'`, process.stderr);
  }
  if (wantsHelp(rest)) return print(COMMAND_USAGE[first]);
  try {
    return await COMMANDS[first](rest);
  } catch (e) {
    const usage = usageMessage(e);
    if (usage !== null) return usageFailure(first, usage, process.stderr);
    process.stderr.write(`spypixel ${first}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}

const stdout = watchOutput(process.stdout);
let code = 2;
run(process.argv.slice(2)).then(
  (c) => {
    code = c;
    process.exitCode = c;
  },
  (e: unknown) => {
    process.stderr.write(`spypixel: ${String(e)}\n`);
    process.exitCode = 2;
  },
);
// Decided at exit: a write error is reported by its stream after the write, perhaps after the command ended.
process.on('exit', () => {
  const failure = stdout.failure();
  if (stdout.readerClosed()) process.exitCode = 0;
  else if (failure !== null && code < 2) {
    process.stderr.write(`spypixel: cannot write the output: ${failure}\n`);
    process.exitCode = 2;
  }
});
