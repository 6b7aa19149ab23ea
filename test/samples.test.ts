/**
 * Every sample in samples/ is scanned and compared with its `.expected.json`: each expected finding
 * is matched by exactly one reported finding, nothing unexpected is reported, and `absent` URLs
 * (spacers, content images) are never findings.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanEml } from '../src/scan/eml.js';
import { scanHtml } from '../src/scan/html.js';
import type { Finding, Report } from '../src/types.js';

interface ExpectedFinding {
  kind: string;
  urlContains: string;
  vendor?: string | null;
  confidence?: string;
  flags?: string[];
  leaks?: string[];
  count?: number;
}
/** An ordinary link (report.links) that must carry the recipient's address in these encodings. */
interface ExpectedLinkLeak {
  urlContains: string;
  leaks: string[];
}
interface Expected {
  description: string;
  recipient?: string;
  findings: ExpectedFinding[];
  linkLeaks?: ExpectedLinkLeak[];
  absent?: string[];
  absentFlags?: string[];
  errors?: string[];
}

const dir = join(import.meta.dirname, '..', 'samples');
const samples = readdirSync(dir)
  .filter((f) => f.endsWith('.eml') || f.endsWith('.html'))
  .sort();

function urls(f: Finding): string[] {
  return [f.url, ...(f.urls ?? [])].map((u) => u.toLowerCase());
}

async function scan(file: string, exp: Expected): Promise<Report> {
  const raw = readFileSync(join(dir, file));
  const options = { source: file, ...(exp.recipient !== undefined ? { recipient: exp.recipient } : {}) };
  return file.endsWith('.html') ? scanHtml(raw.toString('utf8'), options) : scanEml(raw, options);
}

describe('samples', () => {
  it('has samples', () => {
    expect(samples.length).toBeGreaterThanOrEqual(10);
  });
  it.each(samples)('%s', async (file) => {
    const exp = JSON.parse(readFileSync(join(dir, file.replace(/\.(eml|html)$/, '.expected.json')), 'utf8')) as Expected;
    const report = await scan(file, exp);
    const unmatched = new Set(report.findings);
    for (const e of exp.findings) {
      const needle = e.urlContains.toLowerCase();
      const hits = report.findings.filter((f) => f.kind === e.kind && urls(f).some((u) => u.includes(needle)));
      expect(hits, `expected one ${e.kind} at ${e.urlContains}; got ${JSON.stringify(report.findings.map((f) => [f.kind, f.url]))}`).toHaveLength(1);
      const f = hits[0] as Finding;
      unmatched.delete(f);
      if (e.vendor !== undefined) expect(f.vendor?.id ?? null, `vendor of ${e.urlContains}`).toBe(e.vendor);
      if (e.confidence !== undefined) expect(f.confidence, `confidence of ${e.urlContains}`).toBe(e.confidence);
      for (const code of e.flags ?? []) expect(f.flags.map((x) => x.code), `flags of ${e.urlContains}`).toContain(code);
      for (const enc of e.leaks ?? []) expect(f.leaks.map((x) => x.encoding), `leaks of ${e.urlContains}`).toContain(enc);
      if (e.count !== undefined) expect(f.count, `links using ${e.urlContains}`).toBe(e.count);
    }
    expect([...unmatched].map((f) => `${f.kind} ${f.url}`), 'unexpected findings').toEqual([]);
    for (const a of exp.absent ?? []) {
      expect(report.findings.some((f) => urls(f).some((u) => u.includes(a.toLowerCase()))), `${a} must not be a finding`).toBe(false);
    }
    for (const code of exp.absentFlags ?? []) {
      expect(report.findings.flatMap((f) => f.flags.map((x) => x.code)), `flag ${code} must not be raised`).not.toContain(code);
    }
    for (const e of exp.linkLeaks ?? []) {
      const link = report.links?.find((l) => l.urls.some((u) => u.toLowerCase().includes(e.urlContains.toLowerCase())));
      expect(link, `link note for ${e.urlContains}`).toBeDefined();
      for (const enc of e.leaks) expect(link?.leaks.map((x) => x.encoding), `leaks in ${e.urlContains}`).toContain(enc);
    }
    const codes = report.errors.map((e) => e.code);
    for (const c of exp.errors ?? []) expect(codes).toContain(c);
  });
});
