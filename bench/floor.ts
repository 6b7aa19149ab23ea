/**
 * Benchmark child: parses every .eml of a folder with mailparser alone (`mailparser`) or with
 * mailparser then parse5 with source locations on each HTML body (`floor`), and prints the elapsed
 * milliseconds (process start-up excluded) as JSON.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { parse } from 'parse5';

const [mode, dir] = process.argv.slice(2);
if ((mode !== 'mailparser' && mode !== 'floor') || dir === undefined) {
  process.stderr.write('usage: floor.ts mailparser|floor <dir>\n');
  process.exit(2);
}
const files = readdirSync(dir).filter((f) => f.endsWith('.eml')).sort();
const started = performance.now();
let nodes = 0;
for (const f of files) {
  const mail = await simpleParser(readFileSync(join(dir, f)), {
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipImageLinks: true,
    skipTextLinks: true,
  });
  if (mode === 'floor' && typeof mail.html === 'string') {
    nodes += parse(mail.html, { sourceCodeLocationInfo: true }).childNodes.length;
  }
}
process.stdout.write(`${JSON.stringify({ ms: performance.now() - started, messages: files.length, nodes })}\n`);
