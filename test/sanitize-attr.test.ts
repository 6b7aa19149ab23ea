/**
 * How the sanitiser writes and reads attributes: a written value always reads back the same and
 * cannot end its context; every occurrence of an attribute in a start tag is found.
 */
import fc from 'fast-check';
import { parse, parseFragment, type DefaultTreeAdapterTypes } from 'parse5';
import { describe, expect, it } from 'vitest';
import { escapeAttribute, serialiseAttribute } from '../src/sanitize/attr.js';
import { startTagAttributes } from '../src/sanitize/start-tag.js';

type Element = DefaultTreeAdapterTypes.Element;

function firstElement(html: string): Element {
  const node = parseFragment(html).childNodes[0];
  if (node === undefined || !('attrs' in node)) throw new Error(`no element in ${html}`);
  return node;
}

describe('escapeAttribute', () => {
  it.each([
    ['a?x=1&y=2', 'a?x=1&amp;y=2'],
    ['"double" \'single\'', '&quot;double&quot; &#39;single&#39;'],
    ['--><img src=x>', '--&gt;&lt;img src=x&gt;'],
    ['</noscript>', '&lt;/noscript&gt;'],
    ['a\r\n--boundary', 'a&#xD;&#xA;--boundary'],
    ['tab\there\u007f', 'tab&#x9;here&#x7F;'],
    ['caf\u00e9 \u0085 \u2028', 'caf\u00e9 \u0085 \u2028'],
    ['plain', 'plain'],
  ])('%j → %j', (value, escaped) => {
    expect(escapeAttribute(value)).toBe(escaped);
  });

  it('writes nothing that could end a comment, raw text or line', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (v) => {
        const e = escapeAttribute(v);
        expect(e).not.toMatch(/[<>"'\r\n\u0000-\u001f]/);
      }),
      { seed: 12, numRuns: 500 },
    );
  });

  it('reads back as the same value, in every context', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }).filter((v) => !v.includes('\u0000')), fc.constantFrom('', '<noscript>', '<svg>', '<math>', '<template>', '<table>'), (v, wrap) => {
        const html = `${wrap}<i ${serialiseAttribute('title', v)}>`;
        const stack: Array<DefaultTreeAdapterTypes.Node> = [parse(html, { scriptingEnabled: false })];
        let found: string | null = null;
        for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
          if ('tagName' in n && n.tagName === 'i') found = n.attrs[0]?.value ?? null;
          if ('content' in n) stack.push(n.content);
          if ('childNodes' in n) stack.push(...n.childNodes);
        }
        expect(found).toBe(v);
      }),
      { seed: 12, numRuns: 500 },
    );
  });
});

describe('startTagAttributes', () => {
  it.each([
    ['<td background="a" BACKGROUND=b>', ['background', 'background']],
    ['<img src=x srcset="a 1x, b 2x"/>', ['src', 'srcset']],
    ['<img/src=x/alt=y>', ['src']],
    ['<img/src="x"/alt=y>', ['src', 'alt']],
    ['<p =x a = "1" b=\'>\' c>', ['=x', 'a', 'b', 'c']],
    ['<p a="1"b="2">', ['a', 'b']],
    ['<image xlink:href=x HREF=y>', ['xlink:href', 'href']],
    ['<p>', []],
  ])('%s', (tag, names) => {
    expect(startTagAttributes(tag, 0, tag.length).map((a) => a.name)).toEqual(names);
  });

  it('finds what the parser keeps, in order, duplicates included', () => {
    const name = fc.constantFrom('src', 'SRC', 'background', 'style', 'a', 'data-x', 'x:y', '=q');
    const value = fc.constantFrom('', '=v', '="a b"', "='>'", '=u>v', ' = "s"', '="a\'b"');
    const sep = fc.constantFrom(' ', '\n', '/', ' / ', '\t');
    fc.assert(
      fc.property(fc.array(fc.tuple(name, value, sep), { maxLength: 6 }), (attrs) => {
        const tag = `<b${attrs.map(([n, v, s]) => `${s}${n}${v}`).join('')}>`;
        const el = firstElement(`${tag}text`);
        const end = el.sourceCodeLocation?.startTag?.endOffset ?? tag.length;
        const found = startTagAttributes(tag, 0, end);
        const firsts = found.filter((a, i) => found.findIndex((b) => b.name === a.name) === i);
        expect(firsts.map((a) => a.name)).toEqual(el.attrs.map((a) => a.name));
        for (const a of found) expect(tag.slice(a.start, a.end).toLowerCase().startsWith(a.name)).toBe(true);
      }),
      { seed: 12, numRuns: 500 },
    );
  });
});
