import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MboxSplitter, type MboxMessage } from '../src/batch/mbox.js';

const enc = (s: string): Uint8Array => Buffer.from(s, 'latin1');
const dec = (b: Uint8Array | null): string | null => (b === null ? null : Buffer.from(b).toString('latin1'));

function split(input: string, sizes: readonly number[] = [], max = 1_000_000): MboxMessage[] {
  const s = new MboxSplitter(max);
  const bytes = enc(input);
  const out: MboxMessage[] = [];
  let at = 0;
  let i = 0;
  while (at < bytes.length) {
    const n = sizes.length === 0 ? bytes.length : Math.max(1, sizes[i++ % sizes.length] ?? 1);
    out.push(...s.push(bytes.subarray(at, at + n)));
    at += n;
  }
  out.push(...s.end());
  return out;
}

const view = (ms: readonly MboxMessage[]): Array<[number, number, string | null]> => ms.map((m) => [m.index, m.offset, dec(m.bytes)]);

describe('MboxSplitter', () => {
  const cases: Array<[string, string, Array<[number, number, string | null]>]> = [
    ['two messages', 'From a@x Mon\nA: 1\n\nbody\n\nFrom b@x Tue\nB: 2\n\nhi\n', [[0, 0, 'A: 1\n\nbody\n'], [1, 25, 'B: 2\n\nhi\n']]],
    ['CRLF', 'From a\r\nA: 1\r\n\r\nx\r\n\r\nFrom b\r\nB: 2\r\n', [[0, 0, 'A: 1\r\n\r\nx\r\n'], [1, 21, 'B: 2\r\n']]],
    ['no trailing newline', 'From a\nA: 1\n\nlast', [[0, 0, 'A: 1\n\nlast']]],
    ['From inside a paragraph does not split', 'From a\nA: 1\n\nline\nFrom here on\n', [[0, 0, 'A: 1\n\nline\nFrom here on\n']]],
    ['quoting undone', 'From a\nA: 1\n\n>From x\n>>From y\n>Fromage\n', [[0, 0, 'A: 1\n\nFrom x\n>From y\n>Fromage\n']]],
    ['empty file', '', []],
    ['preamble kept as a message', 'A: 1\n\nstray\n\nFrom b\nB: 2\n', [[0, 0, 'A: 1\n\nstray\n'], [1, 13, 'B: 2\n']]],
    ['blank preamble dropped', '\n\nFrom b\nB: 2\n', [[0, 2, 'B: 2\n']]],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(view(split(input))).toEqual(expected);
    for (const [, offset] of expected) expect(input.startsWith('From ', offset) || offset === 0).toBe(true);
  });

  it('drops the bytes of a message above the limit but keeps its place', () => {
    const big = `From a\nA: 1\n\n${'x'.repeat(100)}\n\nFrom b\nB: 2\n`;
    const ms = split(big, [7], 50);
    expect(ms.map((m) => [m.index, m.bytes === null, m.size])).toEqual([[0, true, 107], [1, false, 5]]);
  });

  it('gives the same messages whatever the chunk boundaries (property)', () => {
    const line = fc.constantFrom('From x y', '>From q', '>>From q', 'From', 'Fro', '', 'A: b', 'text', '\r', '>', 'From ');
    const mbox = fc.tuple(fc.array(line, { maxLength: 40 }), fc.constantFrom('\n', '\r\n'), fc.boolean()).map(
      ([lines, eol, trailing]) => `From start\n${lines.join(eol)}${trailing ? eol : ''}`,
    );
    fc.assert(
      fc.property(mbox, fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 8 }), (input, sizes) => {
        expect(view(split(input, sizes))).toEqual(view(split(input)));
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('never loses bytes: message sizes plus envelopes add up (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('From a', 'x', '', '>From b'), { maxLength: 30 }), (lines) => {
        const input = `From s\n${lines.join('\n')}`;
        const ms = split(input, [3]);
        for (const m of ms) expect(m.size).toBe(m.bytes?.length);
        expect(ms.every((m, i) => m.index === i && input.startsWith('From ', m.offset))).toBe(true);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
