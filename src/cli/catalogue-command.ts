/**
 * `spypixel catalogue [--json]`: the vendors the catalogue knows, by category.
 */
import { parseArgs } from 'node:util';

/**
 * Runs `spypixel catalogue`; resolves to the exit code.
 *
 * @example
 * process.exitCode = await catalogueCommand(['--json']);
 */
export async function catalogueCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
  const { defaultCatalogue } = await import('../catalogue/index.js');
  const entries = defaultCatalogue().entries;
  if (values.json) {
    process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
    return 0;
  }
  const byCat = new Map<string, string[]>();
  for (const e of entries) byCat.set(e.category, [...(byCat.get(e.category) ?? []), e.name]);
  const lines: string[] = [];
  for (const [cat, names] of [...byCat].sort()) lines.push(`${cat} (${names.length})\n  ${names.sort().join(', ')}\n`);
  lines.push(`${entries.length} vendors\n`);
  // One write: when the reader closes the pipe early there is nothing left to push into it.
  process.stdout.write(lines.join(''));
  return 0;
}
