/**
 * The `spypixel` command. Commands: `scan`, `sanitize`, `report`, `eval`, `catalogue`; `--help` on each,
 * `--version`. Exit codes in the manner of linters: 0 nothing found, 1 trackers found, 2 usage
 * error or an input not read (see usage.ts). Commands load what they need when they run: `scan`
 * with worker threads never loads the scanner on the main thread, which saves each run half a
 * second of start-up and the memory it takes.
 */
import { watchOutput } from './pipe.js';
import { COMMAND_USAGE, TOP_USAGE, usageFailure, usageMessage, wantsHelp, type CommandName } from './usage.js';
import { packageVersion } from './version.js';

const COMMANDS: Readonly<Record<CommandName, (args: string[]) => Promise<number>>> = {
  scan: async (args) => (await import('./scan-command.js')).scanCommand(args),
  sanitize: async (args) => (await import('./sanitize-command.js')).sanitizeCommand(args),
  report: async (args) => (await import('./report-command.js')).reportCommand(args),
  eval: async (args) => (await import('./eval-command.js')).evalCommand(args),
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
