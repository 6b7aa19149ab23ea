/**
 * Catastrophic backtracking: every regular expression in src/ is found by the TypeScript scanner
 * and checked twice: statically (no quantified group that itself holds a quantifier) and by
 * recheck, which measures the work of a backtracking matcher (its automaton analysis, then
 * attack strings run on a step-counting matcher) and calls a regex safe only when that work grows
 * at most linearly with the input. No wall-clock time is measured here: the functions that use
 * regexes, the whole catalogue and whole documents get the pathological inputs of
 * test/helpers/pathological.ts, which must give a well-formed result; `npm run bench` times them
 * against benign inputs of the same size.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { checkSync } from 'recheck';
import { defaultCatalogue } from '../src/catalogue/index.js';
import { scanEml } from '../src/scan/eml.js';
import { scanHtml } from '../src/scan/html.js';
import { PATHOLOGICAL_DOCUMENTS, PATHOLOGICAL_FUNCTIONS, PATHOLOGICAL_MESSAGES, PATHOLOGICAL_URLS } from './helpers/pathological.js';
import { reportShapeProblems } from './helpers/report-shape.js';

/**
 * recheck's verdict on one regex. Deterministic (fixed seed for its attack-string search); no
 * time limit of its own, so a loaded machine makes it slower, never wrong.
 */
function backtracking(re: RegExp): string {
  const r = checkSync(re.source, re.flags, { timeout: null, randomSeed: 1 });
  if (r.status === 'safe') return `safe (${r.complexity.type})`;
  if (r.status === 'vulnerable') return `vulnerable: ${r.complexity.type}, attack ${JSON.stringify(r.attack.pattern)}`;
  return `unknown: ${r.error.kind}`;
}

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

const { found, dynamic } = regexesInSrc();

describe('every regex in src/', () => {
  it('is found (the audit sees them) and none is built at run time', () => {
    expect(found.length).toBeGreaterThan(20);
    expect(dynamic).toEqual([]);
  });

  it.each(found.map((f) => [f.where, f.re] as const))('%s %s has no nested quantifier', (_where, re) => {
    expect(hasNestedQuantifier(re.source)).toBe(false);
  });

  it.each(found.map((f) => [f.where, f.re] as const))('%s %s does linear work at most (recheck)', (_where, re) => {
    expect(backtracking(re)).toMatch(/^safe \((constant|safe|linear)\)$/);
  }, 120_000);

  it('recheck catches the classic shapes, exponential and polynomial', () => {
    expect(backtracking(/^(a+)+$/)).toMatch(/^vulnerable: exponential/);
    expect(backtracking(/^(?:a|a)*$/)).toMatch(/^vulnerable: exponential/);
    // a quantified group whose repeats cannot overlap is linear, though the static check refuses it
    expect(backtracking(/^(?:x*y)*z$/)).toMatch(/^safe/);
    expect(backtracking(/\s+$/)).toMatch(/^vulnerable: polynomial/);
    expect(backtracking(/^a.*b.*c$/)).toMatch(/^vulnerable: polynomial/);
    expect(backtracking(/^a[^b]*b$/)).toMatch(/^safe/);
  }, 120_000);

  it('the static check catches the classic shapes', () => {
    expect(hasNestedQuantifier('^(a+)+$')).toBe(true);
    expect(hasNestedQuantifier('(?:x*y)*')).toBe(true);
    expect(hasNestedQuantifier('(?:=[\\r\\n\\t ]*){0,2}$')).toBe(true);
    expect(hasNestedQuantifier('^[A-Za-z0-9+/]*$')).toBe(false);
    expect(hasNestedQuantifier('^([^/]*)\\/\\d+')).toBe(false);
  });
});

describe('functions that use regexes, on pathological input', () => {
  it.each(PATHOLOGICAL_FUNCTIONS.map((c) => [c.name, c] as const))('%s returns', (_name, c) => {
    expect(() => c.run(c.size)).not.toThrow();
  });
});

describe('pathological URLs and documents end to end', () => {
  it('URLs of repeated separators and escapes are judged by the whole catalogue', () => {
    const catalogue = defaultCatalogue();
    for (const c of PATHOLOGICAL_URLS) {
      const url = c.url(c.size);
      expect(url, c.name).not.toBeNull();
      if (url !== null) expect(() => catalogue.match(url)).not.toThrow();
    }
  });

  it('a host longer than DNS allows is dropped before the catalogue (it can load nothing)', () => {
    const html = `<img src="https://a.b.${'x.'.repeat(20_000)}list-manage.com/track/open.php?u=1&id=2&e=3" width=1 height=1>`;
    expect(scanHtml(html).findings).toEqual([]);
  });

  // the timeouts only stop a hang: a loaded machine may be many times slower than an idle one
  it.each(PATHOLOGICAL_DOCUMENTS.map((c) => [c.name, c] as const))('scanHtml on 1 MB of %s gives a well-formed report', (_name, c) => {
    const r = scanHtml(c.html(c.size), { recipient: 'me@mail.example' });
    expect(reportShapeProblems(r)).toEqual([]);
  }, 300_000);

  it.each(PATHOLOGICAL_MESSAGES.map((c) => [c.name, c] as const))('scanEml on %s gives a well-formed report', async (_name, c) => {
    const r = await scanEml(c.raw(c.size));
    expect(reportShapeProblems(r)).toEqual([]);
    expect(r.errors.map((e) => e.code)).not.toContain('internal-error');
  }, 300_000);
});
