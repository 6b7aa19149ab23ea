/**
 * Catastrophic backtracking: every regular expression in src/ is found by the TypeScript scanner
 * and checked twice: statically (no quantified group that itself holds a quantifier) and by
 * timing it on long repeats of its own characters, ending in a character that makes it fail.
 * Then the exported functions that use regexes, and the whole catalogue, get pathological input.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../src/catalogue/index.js';
import { identifierShape, looksLikeUrl } from '../src/classify/identifiers.js';
import { parseCssLength, parseDimensionAttribute } from '../src/html/size.js';
import { compileSelector } from '../src/html/selectors.js';
import { parseMetaRefresh } from '../src/html/urls.js';
import { buildNeedles } from '../src/leaks/needles.js';
import { findLeaks } from '../src/leaks/find.js';
import { decodeBase64, decodeCharset } from '../src/mime/decode.js';
import { dkimDomains, listUnsubscribeTargets } from '../src/mime/headers.js';
import { parseUrl } from '../src/url/parse.js';
import { createDomainCache, senderDomains } from '../src/url/party.js';
import { sameVendor } from '../src/eval/score.js';
import { scanEml } from '../src/scan/eml.js';
import { scanHtml } from '../src/scan/html.js';

/** Gross blow-ups only (shared CI): a linear pass over these inputs takes a few ms. */
const BUDGET_MS = 1_000;

interface FoundRegex {
  readonly where: string;
  readonly re: RegExp;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function regexesInSrc(): { found: FoundRegex[]; dynamic: string[] } {
  const found: FoundRegex[] = [];
  const dynamic: string[] = [];
  for (const file of sourceFiles('src')) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node): void => {
      const where = `${file}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
      if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = n.getText();
        const slash = text.lastIndexOf('/');
        found.push({ where, re: new RegExp(text.slice(1, slash), text.slice(slash + 1)) });
      }
      if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && n.expression.getText() === 'RegExp') dynamic.push(where);
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { found, dynamic };
}

/**
 * True when a quantified group contains a quantifier (`(a+)+`, `(?:x*y)*`): the shape that can
 * backtrack exponentially. Character classes and escapes are skipped.
 */
function hasNestedQuantifier(source: string): boolean {
  const groups: boolean[] = [];
  let lastGroupQuantified = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
      continue;
    }
    if (c === '(') {
      groups.push(false);
      continue;
    }
    if (c === ')') {
      lastGroupQuantified = groups.pop() ?? false;
      const next = source[i + 1];
      const quantified = next === '*' || next === '+' || next === '?' || next === '{';
      if (quantified && lastGroupQuantified && next !== '?') return true;
      if (groups.length > 0 && (lastGroupQuantified || quantified)) groups[groups.length - 1] = true;
      continue;
    }
    if ((c === '*' || c === '+' || c === '{') && groups.length > 0) groups[groups.length - 1] = true;
  }
  return false;
}

/** Long runs of the regex's own characters, each ending in something that breaks a match. */
function pathologicalInputs(re: RegExp): string[] {
  const own = [...new Set(re.source.replace(/\\[dswbDSWB]/g, '').replace(/[\\^$()[\]{}*+?|]/g, ''))].slice(0, 30);
  const chars = [...own, 'a', '0', ' ', '=', '%', '/', '.', '-', '@', '('];
  const inputs: string[] = [];
  const n = 20_000;
  for (const c of chars) for (const end of ['\u2028', '\n', '!', ')']) inputs.push(c.repeat(n) + end);
  const mix = chars.join('');
  inputs.push(mix.repeat(Math.ceil(n / mix.length)) + '\n', `${'a '.repeat(n / 2)}\n`, `${'(a'.repeat(n / 2)}`);
  return inputs;
}

function timed(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

const { found, dynamic } = regexesInSrc();

describe('every regex in src/', () => {
  it('is found (the audit sees them) and none is built at run time', () => {
    expect(found.length).toBeGreaterThan(20);
    expect(dynamic).toEqual([]);
  });

  it.each(found.map((f) => [f.where, f.re] as const))('%s %s has no nested quantifier', (_where, re) => {
    expect(hasNestedQuantifier(re.source)).toBe(false);
  });

  it.each(found.map((f) => [f.where, f.re] as const))('%s %s is fast on long repeats', (_where, re) => {
    for (const input of pathologicalInputs(re)) {
      const ms = timed(() => {
        re.lastIndex = 0;
        input.replace(re, '');
        input.search(re);
        input.split(re);
      });
      expect(ms, JSON.stringify(input.slice(0, 12))).toBeLessThan(BUDGET_MS);
    }
  });

  it('the static check catches the classic shapes', () => {
    expect(hasNestedQuantifier('^(a+)+$')).toBe(true);
    expect(hasNestedQuantifier('(?:x*y)*')).toBe(true);
    expect(hasNestedQuantifier('(?:=[\\r\\n\\t ]*){0,2}$')).toBe(true);
    expect(hasNestedQuantifier('^[A-Za-z0-9+/]*$')).toBe(false);
    expect(hasNestedQuantifier('^([^/]*)\\/\\d+')).toBe(false);
  });
});

describe('functions that use regexes, on pathological input', () => {
  const n = 100_000;
  const cases: [string, () => unknown][] = [
    ['identifierShape', () => identifierShape(`${'a-'.repeat(n / 2)}!`)],
    ['looksLikeUrl', () => looksLikeUrl(`${'http:/'.repeat(n / 6)}`)],
    ['parseCssLength', () => parseCssLength(`0${'a'.repeat(n)}1`)],
    ['parseDimensionAttribute', () => parseDimensionAttribute(`${'1'.repeat(n)}x`)],
    ['compileSelector', () => compileSelector(`${'a  '.repeat(n / 3)}>`)],
    ['parseMetaRefresh', () => parseMetaRefresh(`${'1.'.repeat(n / 2)};url=x`)],
    ['decodeBase64', () => decodeBase64(Buffer.from(`${'QUJD'.repeat(n / 4)}${'= '.repeat(n / 2)}!`))],
    ['decodeCharset', () => decodeCharset(Buffer.from('abc'), `${'-_'.repeat(n / 2)}x`)],
    ['listUnsubscribeTargets', () => listUnsubscribeTargets([`<${' '.repeat(n)}`, `mailto:a@b${' x'.repeat(n / 2)}\u2028`])],
    ['dkimDomains', () => dkimDomains([`d=${' '.repeat(n)};`.repeat(3)])],
    ['senderDomains', () => senderDomains({ from: `a@b${' x'.repeat(n / 2)}\u2028y`, listUnsubscribe: [`mailto:a@b${' >'.repeat(n / 2)}\n`] }, createDomainCache())],
    ['sameVendor', () => sameVendor(`(${'domain '.repeat(n / 7)}`, 'x')],
    ['findLeaks', () => {
      const url = parseUrl(`https://t.example/${'%5Cu00'.repeat(n / 6)}?e=${'\\u0040'.repeat(n / 6)}`);
      return url === null ? null : findLeaks(url, buildNeedles(['me@mail.example']));
    }],
  ];
  it.each(cases)('%s', (_name, run) => {
    expect(timed(run)).toBeLessThan(BUDGET_MS * 2);
  });
});

describe('pathological URLs and documents end to end', () => {
  it('a 200 KB URL of repeated separators and escapes against the whole catalogue finishes', () => {
    const catalogue = defaultCatalogue();
    const shapes = [
      // hosts stay within DNS's 253 characters here: longer ones never reach the catalogue
      `https://a.b.c.${'x.'.repeat(115)}list-manage.com/track/open.php?u=${'%25'.repeat(20_000)}`,
      `https://${'a-'.repeat(120)}.appspot.com/${'-dot-'.repeat(10_000)}`,
      `https://sendgrid.net/wf/open?upn=${'-_'.repeat(50_000)}`,
      `https://www.google-analytics.com/collect?${'v=1&'.repeat(25_000)}`,
      `https://unknown.example/${'a/'.repeat(50_000)}o.gif#${'#'.repeat(1_000)}`,
    ];
    for (const raw of shapes) {
      const url = parseUrl(raw);
      expect(url, raw.slice(0, 40)).not.toBeNull();
      if (url !== null) expect(timed(() => catalogue.match(url))).toBeLessThan(BUDGET_MS * 2);
    }
  });

  it('a host longer than DNS allows is dropped before the catalogue (it can load nothing)', () => {
    const html = `<img src="https://a.b.${'x.'.repeat(20_000)}list-manage.com/track/open.php?u=1&id=2&e=3" width=1 height=1>`;
    const ms = timed(() => expect(scanHtml(html).findings).toEqual([]));
    expect(ms).toBeLessThan(BUDGET_MS * 2);
  });

  it('scanHtml on a 1 MB document of pathological repeats stays within the time budget', () => {
    // 1 MB each; about 1 s on an idle core, the budget allows for a loaded CI machine
    const docs = [
      `<img src="https://t.example/${'%'.repeat(1_000_000)}" width=1 height=1>`,
      `${'<b><p>'.repeat(20_000)}`,
      `<style>${'@media print{'.repeat(50_000)}</style>`,
      `<div style="${'background:url(x);'.repeat(50_000)}"></div>`,
      `${'&amp;'.repeat(200_000)}`,
    ];
    for (const html of docs) {
      const ms = timed(() => scanHtml(html, { recipient: 'me@mail.example' }));
      expect(ms, html.slice(0, 20)).toBeLessThan(8_000);
    }
  });

  it('scanEml on a 1 MB header block and a 1 MB base64 body of junk stays within the time budget', async () => {
    const header = `X-Long: ${'a '.repeat(500_000)}\r\nFrom: a@b${' x'.repeat(50_000)}\r\nContent-Type: text/html\r\n\r\n<p>hi</p>`;
    const body = `Content-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n${'QUJD!'.repeat(200_000)}`;
    for (const raw of [header, body]) {
      const start = performance.now();
      const r = await scanEml(raw);
      expect(performance.now() - start).toBeLessThan(8_000);
      expect(Array.isArray(r.errors)).toBe(true);
    }
  });
});
