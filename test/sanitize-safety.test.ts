/**
 * What the sanitiser guarantees, as seeded properties over the samples, the fuzz generators of
 * test/fuzz/, the attack cases and generated hostile markup, in every mode. Whatever the input,
 * the result is either refused (nothing returned, a `sanitize-refused` error) or:
 * - a rescan finds no certain or likely pixel or beacon (remove and placeholder modes);
 * - the output holds no element or attribute name the input did not have, parsed as a browser
 *   does with scripting on and off and as Outlook reads conditional comments (independent
 *   oracle: test/helpers/markup.ts), and loads no URL the input did not load;
 * - for messages, the MIME tree is the same (independent oracle: test/helpers/mime-shape.ts)
 *   and so is the number of HTML parts, each of which passes the checks above.
 * Chromium's view of the same documents is in test/browser/sanitize-attacks.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMail } from '../src/mime/node.js';
import { sanitizeEml } from '../src/sanitize/eml.js';
import { sanitizeHtml } from '../src/sanitize/html.js';
import type { SanitizeMode } from '../src/sanitize/types.js';
import { scanEml } from '../src/scan/eml.js';
import { scanHtml } from '../src/scan/html.js';
import type { Finding, ScanError } from '../src/types.js';
import { htmlArb, mimeArb, mutatedSampleArb, SAMPLES } from './fuzz/arbitraries.js';
import { ADDED, ATTACKS, hostileHtmlArb, TRIGGERS } from './helpers/attacks.js';
import { loadedUrls, newMarkup } from './helpers/markup.js';
import { mimeShape } from './helpers/mime-shape.js';

const SEED = 1212;
const MODES: readonly SanitizeMode[] = ['remove', 'placeholder', 'annotate'];
const modeArb = fc.constantFrom(...MODES);

function strong(findings: readonly Finding[]): string[] {
  return findings.filter((f) => f.kind !== 'click-redirect' && f.confidence !== 'possible').map((f) => `${f.kind} ${f.url}`);
}

function refused(errors: readonly ScanError[]): boolean {
  return errors.some((e) => e.code === 'sanitize-refused');
}

/** The problems of one sanitised document; empty when every guarantee holds. */
function htmlProblems(before: string, after: string, mode: SanitizeMode, rescan: readonly Finding[] | null): string[] {
  const problems = newMarkup(before, after, ADDED[mode]);
  const loaded = new Set(loadedUrls(before));
  for (const u of loadedUrls(after)) if (!loaded.has(u)) problems.push(`loads ${u}, which the input did not`);
  if (mode !== 'annotate' && rescan !== null) for (const f of strong(rescan)) problems.push(`rescan finds ${f}`);
  return problems;
}

function checkHtml(html: string, mode: SanitizeMode): { problems: string[]; refused: boolean } {
  const r = sanitizeHtml(html, { mode });
  expect(r.errors.filter((e) => e.code === 'internal-error')).toEqual([]);
  if (refused(r.errors)) {
    expect(r.html).toBe('');
    return { problems: [], refused: true };
  }
  return { problems: htmlProblems(html, r.html, mode, scanHtml(r.html).findings), refused: false };
}

async function shapeOrNull(raw: Uint8Array): Promise<string[] | null> {
  try {
    return await mimeShape(raw);
  } catch {
    return null;
  }
}

async function checkEml(raw: Uint8Array, mode: SanitizeMode): Promise<{ problems: string[]; refused: boolean }> {
  const r = await sanitizeEml(raw, { mode });
  expect(r.errors.filter((e) => e.code === 'internal-error')).toEqual([]);
  if (refused(r.errors)) {
    expect(r.eml).toHaveLength(0);
    return { problems: [], refused: true };
  }
  const problems: string[] = [];
  const shape = await shapeOrNull(raw);
  if (shape !== null) {
    const after = await shapeOrNull(r.eml);
    if (JSON.stringify(after) !== JSON.stringify(shape)) problems.push(`MIME tree ${JSON.stringify(shape)} became ${JSON.stringify(after)}`);
  }
  const [before, after] = [await parseMail(raw), await parseMail(r.eml)];
  if (after.htmlParts.length !== before.htmlParts.length) problems.push(`${before.htmlParts.length} HTML parts became ${after.htmlParts.length}`);
  for (const [i, p] of before.htmlParts.entries()) {
    if (p.attachment === true) continue;
    problems.push(...htmlProblems(p.html, after.htmlParts[i]?.html ?? '', mode, null).map((x) => `part ${p.path}: ${x}`));
  }
  if (mode !== 'annotate') for (const f of strong((await scanEml(r.eml)).findings)) problems.push(`rescan finds ${f}`);
  return { problems, refused: false };
}

/**
 * Hostile markup where an edit right after a line break is followed by `--b1`, the boundary of
 * the part holding it: what an attacker needs to make a part of the edit.
 */
const plain = hostileHtmlArb.filter((h) => !/(?:^|[\r\n])--/.test(h));
const boundaryBait = fc
  .tuple(plain, fc.constantFrom(...TRIGGERS), fc.constantFrom('--b1', '--b1--', '--b1 \t'), plain, fc.boolean())
  .map(([before, trigger, dash, after, bait]) => (bait ? `${before}\r\n${trigger}${dash}\r\n${after}` : `${before}${after}`));

const htmlSamples = SAMPLES.filter((s) => s.name.endsWith('.html'));
const emlSamples = SAMPLES.filter((s) => s.name.endsWith('.eml'));

describe('sanitiser guarantees on known input', { timeout: 120_000 }, () => {
  it.each(MODES)('every sample and attack case, mode %s, none refused', async (mode) => {
    for (const s of htmlSamples) expect(checkHtml(s.bytes.toString('utf8'), mode), s.name).toEqual({ problems: [], refused: false });
    for (const s of emlSamples) expect(await checkEml(s.bytes, mode), s.name).toEqual({ problems: [], refused: false });
    for (const a of ATTACKS) expect(checkHtml(a.html, mode), a.name).toEqual({ problems: [], refused: false });
  });
});

describe('sanitiser guarantees on generated input', { timeout: 180_000 }, () => {
  it('hostile markup: triggers of every edit in every context, next to joining text (none refused)', () => {
    fc.assert(
      fc.property(hostileHtmlArb, modeArb, (html, mode) => {
        expect(checkHtml(html, mode)).toEqual({ problems: [], refused: false });
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('hostile markup in a 7bit, 8bit, quoted-printable or base64 part next to its boundary (none refused)', async () => {
    const encodings = fc.constantFrom('7bit', '8bit', 'quoted-printable', 'base64');
    await fc.assert(
      // The input's own lines never start with `--` (that is a part of its own, see the fuzz MIME
      // generator): a `--b1` line in the output can only come from an edit.
      fc.asyncProperty(boundaryBait, encodings, modeArb, async (html, cte, mode) => {
        const body = cte === 'base64' ? Buffer.from(html).toString('base64').replace(/.{76}/g, '$&\r\n') : cte === 'quoted-printable' ? html.replaceAll('=', '=3D') : html;
        const raw = ['From: news@shop.example', 'MIME-Version: 1.0', 'Content-Type: multipart/alternative; boundary="b1"', '', '--b1', 'Content-Type: text/plain', '', 'x', '--b1',
          `Content-Type: text/html; charset=utf-8`, `Content-Transfer-Encoding: ${cte}`, '', body, '--b1--', ''].join('\r\n');
        expect(await checkEml(Buffer.from(raw, 'utf8'), mode)).toEqual({ problems: [], refused: false });
      }),
      { seed: SEED, numRuns: 120 },
    );
  });

  it('the fuzz HTML generator', () => {
    fc.assert(
      fc.property(htmlArb, modeArb, (html, mode) => {
        expect(checkHtml(html, mode).problems).toEqual([]);
      }),
      { seed: SEED, numRuns: 25 },
    );
  });

  it('the fuzz MIME generator', async () => {
    await fc.assert(
      fc.asyncProperty(mimeArb, modeArb, async (raw, mode) => {
        expect((await checkEml(Buffer.from(raw, 'utf8'), mode)).problems).toEqual([]);
      }),
      { seed: SEED, numRuns: 40 },
    );
  });

  it('mutated samples', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedSampleArb, modeArb, async ({ name, bytes }, mode) => {
        const r = name.endsWith('.html') ? checkHtml(bytes.toString('utf8'), mode) : await checkEml(bytes, mode);
        expect(r.problems).toEqual([]);
      }),
      { seed: SEED, numRuns: 40 },
    );
  });
});
